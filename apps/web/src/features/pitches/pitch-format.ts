import type { PitchSlot } from './api';

export const PHASE_LABELS: Record<PitchSlot['phase'], string> = {
  waiting: 'Waiting',
  pitch: 'Pitching',
  questions: 'Questions',
  closed: 'Closed',
};

/** `5 min`, `4 min 30 s`, `45 s`. */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** Whole seconds left on the server's clock until `endsAt`; null without a deadline. */
export function secondsUntil(endsAt: string | null, serverNow: number): number | null {
  if (!endsAt) return null;
  return Math.max(0, Math.ceil((Date.parse(endsAt) - serverNow) / 1000));
}

/** What organisers did to the running phase's clock, in words: `1 min added`, `30 s taken off`. */
export function describeClockMove(adjustedSeconds: number): string | null {
  if (adjustedSeconds === 0) return null;
  const amount = formatDuration(Math.abs(adjustedSeconds));
  return adjustedSeconds > 0 ? `${amount} added` : `${amount} taken off`;
}
