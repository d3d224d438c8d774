import { useState } from 'react';
import type { LiveViewState } from './live-view-state';
import { formatLabClock, formatLabTime } from '../../lib/lab-time';
import { useLab } from '../../pages/lab/lab-context';
import styles from './live.module.css';
import buttonStyles from '../../components/button.module.css';
import textStyles from '../../components/text.module.css';

/**
 * The organisers' voice: broadcasts (announced at once, newest first, each dismissible) and
 * the instructions pinned for everyone or for one's room.
 */
export function Announcements({ view }: { view: LiveViewState }) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const { lab } = useLab();
  const shown = view.broadcasts
    .filter((b) => !dismissed.has(b.id))
    .slice(-3)
    .reverse();
  return (
    <>
      <div className={styles.liveBroadcasts} aria-live="assertive" aria-relevant="additions">
        {shown.map((b) => (
          <div key={b.id} className={styles.liveBroadcast} data-testid="broadcast">
            <p className={styles.liveBroadcastMessage}>
              <span className="visually-hidden">Announcement: </span>
              {b.message}
            </p>
            <p className={`${styles.liveBroadcastMeta} ${textStyles.small}`}>
              {b.from.displayName}
              {b.roomId ? ', to your room' : ', to everyone'} ·{' '}
              <time dateTime={b.sentAt} title={formatLabTime(b.sentAt, lab.timezone)}>
                {formatLabClock(b.sentAt, lab.timezone)}
              </time>
            </p>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              onClick={() => setDismissed((d) => new Set(d).add(b.id))}
            >
              Dismiss<span className="visually-hidden"> announcement</span>
            </button>
          </div>
        ))}
      </div>
      {view.pinned.length > 0 ? (
        <section className={styles.livePinned} aria-labelledby="live-pinned-heading">
          <h2 id="live-pinned-heading">Pinned instructions</h2>
          <ul aria-live="polite">
            {view.pinned.map((p) => (
              <li key={p.id}>
                <p className={styles.livePinnedMessage}>{p.message}</p>
                <p className={`${textStyles.muted} ${textStyles.small}`}>
                  {p.roomId ? 'For your room' : 'For every room'} · {p.pinnedBy.displayName}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
