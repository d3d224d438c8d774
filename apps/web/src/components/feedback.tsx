import type { ReactNode } from 'react';
import type { AlertContent } from '../lib/use-form-submit';
import styles from './feedback.module.css';

/**
 * The alert region of a screen or form. It stays in the page, empty, so that assistive
 * technology announces an error the moment one is put in it.
 */
export function ErrorAlert({
  alert,
  children,
}: {
  alert: AlertContent | null;
  children?: ReactNode;
}) {
  return (
    <div role="alert" className={styles.alertRegion}>
      {alert ? (
        <div className={styles.alert}>
          <p className={styles.message}>{alert.message}</p>
          {alert.issues && alert.issues.length > 0 ? (
            <ul>
              {alert.issues.map((issue) => (
                <li key={`${issue.field}:${issue.message}`}>
                  <code>{issue.field}</code>: {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
          {children}
          {alert.requestId ? (
            <p className={styles.reference}>Reference: {alert.requestId}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Polite announcements of async progress and outcomes ("Saving…", "Saved."). */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <p role="status" aria-live="polite" className={styles.status}>
      {children}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" aria-live="polite" className={styles.loading}>
      Loading {what}…
    </p>
  );
}
