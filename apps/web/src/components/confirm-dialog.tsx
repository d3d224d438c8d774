import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import styles from './confirm-dialog.module.css';
import buttonStyles from './button.module.css';

export interface ConfirmRequest {
  /** The question, as the dialog's heading: "Remove Ada as mentor of this lab?" */
  title: string;
  /** What will happen, and what cannot be undone. */
  body?: ReactNode;
  /** The button that goes ahead, saying what it does: "Remove", "Delete the session". */
  confirmLabel: string;
  cancelLabel?: string;
  /** A destructive action: the button is shown in the danger colour. */
  danger?: boolean;
}

/**
 * An accessible yes/no question before an action that cannot be taken back (React Aria's
 * modal dialog: focus moves into it and stays there, Escape or "Cancel" says no, focus returns
 * to what opened it). On a phone it sits at the bottom with full-width buttons.
 *
 * Its buttons are plain <button>s: React Aria's Button injects a <style> element on first use,
 * which the Content-Security-Policy (no inline style) refuses.
 *
 *   const { dialog, confirm } = useConfirmDialog();
 *   if (!(await confirm({ title: 'Delete it?', confirmLabel: 'Delete' }))) return;
 *   …
 *   return <>{…}{dialog}</>;
 */
export function useConfirmDialog() {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const answer = useRef<((yes: boolean) => void) | null>(null);

  const settle = useCallback((yes: boolean) => {
    answer.current?.(yes);
    answer.current = null;
    setRequest(null);
  }, []);

  const confirm = useCallback((next: ConfirmRequest) => {
    // A question still open is answered "no" by the one that replaces it.
    answer.current?.(false);
    setRequest(next);
    return new Promise<boolean>((resolve) => {
      answer.current = resolve;
    });
  }, []);

  const dialog = <ConfirmDialog request={request} onAnswer={(yes) => settle(yes)} />;
  return { dialog, confirm };
}

function ConfirmDialog({
  request,
  onAnswer,
}: {
  request: ConfirmRequest | null;
  onAnswer: (yes: boolean) => void;
}) {
  return (
    <ModalOverlay
      className={styles.overlay}
      isOpen={request !== null}
      isDismissable
      onOpenChange={(open) => {
        if (!open) onAnswer(false);
      }}
    >
      <Modal className={styles.modal}>
        <Dialog role="alertdialog" className={styles.dialog}>
          {request ? (
            <>
              <Heading slot="title" className={styles.title}>
                {request.title}
              </Heading>
              {request.body ? <div className={styles.body}>{request.body}</div> : null}
              <div className={styles.actions}>
                <SafeChoice onClick={() => onAnswer(false)}>
                  {request.cancelLabel ?? 'Cancel'}
                </SafeChoice>
                <button
                  type="button"
                  className={
                    request.danger
                      ? `${buttonStyles.button} ${buttonStyles.danger}`
                      : buttonStyles.button
                  }
                  onClick={() => onAnswer(true)}
                >
                  {request.confirmLabel}
                </button>
              </div>
            </>
          ) : null}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/**
 * The answer that changes nothing. It takes the focus when the question opens, so a stray
 * Enter or tap never goes ahead with what cannot be undone.
 */
function SafeChoice({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <button
      ref={ref}
      type="button"
      className={`${buttonStyles.button} ${buttonStyles.secondary}`}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/**
 * A button that asks first: it opens the shared confirm dialog with `ask` and calls `onConfirm`
 * only on "yes" (closing review, adopting a run, releasing letters, sending reminders).
 */
export function ConfirmButton({
  ask,
  onConfirm,
  className = buttonStyles.button,
  disabled,
  children,
}: {
  /** The question, asked when the button is pressed (its words may depend on the moment). */
  ask: ConfirmRequest;
  onConfirm: () => void;
  className?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  const { dialog, confirm } = useConfirmDialog();
  const press = async () => {
    if (await confirm(ask)) onConfirm();
  };
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={() => void press()}>
        {children}
      </button>
      {dialog}
    </>
  );
}
