import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import type { LiveConnection } from './live-connection';
import {
  formatCountdown,
  secondsLeft,
  timerWarning,
  warningText,
  type TimerWarning,
} from './live-clock';
import { useServerNow } from './use-live-connection';
import styles from './live.module.css';
import textStyles from '../../components/text.module.css';

/**
 * The round's countdown on the server's clock. The digits are a `timer` (not read out every
 * second); the T-5 and T-1 warnings go to an assertive live region, said once each.
 */
export function Countdown({
  connection,
  endsAt,
  closing,
}: {
  connection: LiveConnection<LiveNotices, LiveRequests>;
  endsAt: string | null;
  closing: boolean;
}) {
  const serverNow = useServerNow(connection);
  const seconds = secondsLeft({ endsAt, localNow: serverNow, offsetMs: 0 });
  const warning: TimerWarning = timerWarning(seconds);
  if (seconds === null) return <p className={textStyles.muted}>This round has no deadline.</p>;
  const minutes = Math.floor(seconds / 60);
  const spoken =
    seconds <= 0
      ? 'Time is up'
      : minutes > 0
        ? `${minutes} minute${minutes === 1 ? '' : 's'} ${seconds % 60} seconds left`
        : `${seconds} seconds left`;
  return (
    <div className={styles.countdown} data-warning={warning}>
      <p className={styles.countdownLabel}>{closing ? 'Closing in' : 'Time left'}</p>
      <p
        className={styles.countdownDigits}
        role="timer"
        aria-label={spoken}
        data-testid="countdown"
      >
        {formatCountdown(seconds)}
      </p>
      <p className={styles.countdownWarning} aria-live="assertive" data-testid="timer-warning">
        {warningText(warning)}
      </p>
    </div>
  );
}
