import type { ReactNode } from 'react';
import { formatCountdown } from '../live/live-clock';
import type { PitchSlot } from './api';
import { describeClockMove, PHASE_LABELS, secondsUntil } from './pitch-format';
import styles from './pitches.module.css';

/**
 * A slot's phase and, while it runs, its countdown on the server's clock with what organisers
 * did to it ("1 min added"), as the control room, a mentor's phone and a team read it. `idle`
 * is shown instead of the countdown when no clock runs.
 */
export function PhaseClock({
  slot,
  serverNow,
  idle = null,
}: {
  slot: PitchSlot;
  serverNow: number;
  idle?: ReactNode;
}) {
  const running = slot.phase === 'pitch' || slot.phase === 'questions';
  const left = running ? secondsUntil(slot.phaseEndsAt, serverNow) : null;
  const moved = running ? describeClockMove(slot.adjustedSeconds) : null;
  return (
    <p className={styles.phase}>
      <span className={`${styles.badge} ${styles[`phase_${slot.phase}`]}`}>
        {PHASE_LABELS[slot.phase]}
      </span>
      {left !== null ? (
        <span className={styles.clock} role="timer" aria-live="off">
          {formatCountdown(left)}
        </span>
      ) : (
        idle
      )}
      {moved ? <span className={styles.moved}>{moved}</span> : null}
    </p>
  );
}
