import { useEffect, useRef } from 'react';
import type { Proposal, ProposalContent } from './api';
import styles from './proposal-editor-page.module.css';

const SECTIONS: { key: keyof ProposalContent; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'abstract', label: 'Abstract' },
  { key: 'aims', label: 'Aims' },
  { key: 'approach', label: 'Approach' },
  { key: 'challengeArea', label: 'Part of the challenge addressed' },
  { key: 'milestones', label: 'Milestones' },
  { key: 'teamRoles', label: 'Team roles' },
  { key: 'budget', label: 'Budget' },
];

const asText = (value: ProposalContent[keyof ProposalContent]): string =>
  typeof value === 'string'
    ? value
    : value
        .map((item) =>
          Object.values(item)
            .filter((v) => v !== null && v !== '')
            .join(' — '),
        )
        .join('\n');

/**
 * Someone saved while this person was editing: their version and this person's text side by
 * side for each section that differs. Nothing of the user's text is lost whatever they choose.
 */
export function ConflictDialog({
  mine,
  theirs,
  busy,
  onKeepMine,
  onTakeTheirs,
  onClose,
}: {
  mine: ProposalContent;
  theirs: Proposal;
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const differing = SECTIONS.filter((s) => asText(mine[s.key]) !== asText(theirs.content[s.key]));
  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby="conflict-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="conflict-title">
        {theirs.savedBy?.displayName ?? 'A teammate'} saved version {theirs.latestVersion} while you
        were editing
      </h2>
      <p>Your text is kept. Compare the sections that differ, then choose.</p>
      <div className={styles.sides}>
        {differing.map((section) => (
          <section key={section.key} aria-label={section.label} className={styles.side}>
            <h3>{section.label}</h3>
            <div className={styles.pair}>
              <div>
                <h4>Theirs</h4>
                <p className={styles.text}>{asText(theirs.content[section.key]) || '—'}</p>
              </div>
              <div>
                <h4>Yours</h4>
                <p className={styles.text}>{asText(mine[section.key]) || '—'}</p>
              </div>
            </div>
          </section>
        ))}
      </div>
      <div className={styles.actions}>
        <button type="button" className="button" disabled={busy} onClick={onKeepMine}>
          Save mine as version {theirs.latestVersion + 1}
        </button>
        <button type="button" className="button button--secondary" onClick={onTakeTheirs}>
          Take theirs (drop my changes)
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Keep editing
        </button>
      </div>
    </dialog>
  );
}
