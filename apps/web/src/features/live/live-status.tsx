import type { LiveStatus } from './live-connection';
import styles from './live.module.css';
import buttonStyles from '../../components/button.module.css';

/** What the connection's state means to the person looking at the screen. */
export function describeLiveStatus(status: LiveStatus): { label: string; detail: string } {
  switch (status.state) {
    case 'connecting':
      return { label: 'Connecting…', detail: '' };
    case 'online':
      return {
        label: 'Connected',
        detail: status.recovered ? 'Back in: nothing was missed.' : '',
      };
    case 'reconnecting':
      return {
        label: 'Reconnecting…',
        detail:
          status.attempt > 1
            ? `The connection dropped; still trying (attempt ${status.attempt}).`
            : 'The connection dropped; trying again.',
      };
    case 'offline':
      return {
        label: 'Offline',
        detail: 'Your network is gone. This page reconnects by itself when it is back.',
      };
    case 'refused':
      return { label: 'Not connected', detail: status.message };
    case 'closed':
      return { label: 'Disconnected', detail: '' };
  }
}

/** The connection status, announced politely when it changes, with a way to retry now. */
export function LiveStatusBar({ status, onRetry }: { status: LiveStatus; onRetry: () => void }) {
  const { label, detail } = describeLiveStatus(status);
  const canRetry =
    status.state === 'refused' ||
    (status.state === 'reconnecting' && status.attempt > 1) ||
    status.state === 'closed';
  return (
    <div className={styles.liveStatus} data-state={status.state}>
      <p
        role="status"
        aria-live="polite"
        className={styles.liveStatusText}
        data-testid="live-status"
      >
        <span className={styles.liveStatusDot} aria-hidden="true" />
        <strong>{label}</strong>
        {detail ? <span className={styles.liveStatusDetail}> {detail}</span> : null}
      </p>
      {canRetry ? (
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          onClick={onRetry}
        >
          Reconnect now
        </button>
      ) : null}
    </div>
  );
}
