import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import dialogStyles from './confirm-dialog.module.css';
import styles from './save-conflict-dialog.module.css';
import buttonStyles from './button.module.css';

export interface Side {
  heading: string;
  text: string;
}

/** One field of two versions side by side, under the field's name. */
export function SideBySide({ label, left, right }: { label: string; left: Side; right: Side }) {
  return (
    <section aria-label={label} className={styles.field}>
      <h3>{label}</h3>
      <div className={styles.pair}>
        {[left, right].map((side) => (
          <div key={side.heading}>
            <h4>{side.heading}</h4>
            <p className={styles.text}>{side.text || '—'}</p>
          </div>
        ))}
      </div>
    </section>
  );
}

export interface ComparedField {
  key: string;
  label: string;
  theirs: string;
  mine: string;
}

/**
 * Someone saved while this person was editing: each field that differs, theirs and this
 * person's side by side. Nothing of the user's text is lost whatever they choose: save theirs
 * over, take theirs, or keep editing (Escape too). React Aria's modal dialog, as the confirm
 * dialog: focus moves in and returns; on a phone a bottom sheet with full-width buttons.
 */
export function SaveConflictDialog(props: {
  title: string;
  intro: string;
  /** "Theirs (revision 2)". */
  theirsHeading: string;
  /** "Save mine as version 4". */
  keepMineLabel: string;
  fields: readonly ComparedField[];
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onClose: () => void;
}) {
  const differing = props.fields.filter((f) => f.theirs !== f.mine);
  return (
    <ModalOverlay
      className={dialogStyles.overlay}
      isOpen
      isDismissable
      onOpenChange={(open) => {
        if (!open) props.onClose();
      }}
    >
      <Modal className={`${dialogStyles.modal} ${dialogStyles.wide}`}>
        <Dialog className={dialogStyles.dialog}>
          <Heading slot="title" className={dialogStyles.title}>
            {props.title}
          </Heading>
          <p>{props.intro}</p>
          <div className={styles.fields}>
            {differing.map((f) => (
              <SideBySide
                key={f.key}
                label={f.label}
                left={{ heading: props.theirsHeading, text: f.theirs }}
                right={{ heading: 'Yours', text: f.mine }}
              />
            ))}
          </div>
          <div className={dialogStyles.actions}>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              onClick={props.onClose}
            >
              Keep editing
            </button>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              onClick={props.onTakeTheirs}
            >
              Take theirs (drop my changes)
            </button>
            <button
              type="button"
              className={buttonStyles.button}
              disabled={props.busy}
              onClick={props.onKeepMine}
            >
              {props.keepMineLabel}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
