/**
 * The server's clock as seen from the browser. Timers are server-authoritative: the server
 * sends absolute deadlines and its own `serverNow`; the browser shows `endsAt − (now + offset)`.
 * Pure functions, so the arithmetic is tested without a socket or a timer.
 */

export interface ClockSample {
  /** Server time (ISO) carried by a reply or a notice. */
  serverNow: string;
  /** Local time (ms) the request went out; for a notice, the moment it arrived. */
  sentAt: number;
  /** Local time (ms) the answer arrived. */
  receivedAt: number;
}

export interface ClockOffset {
  /** Add to the local clock to get the server's. */
  offsetMs: number;
  /** The round trip the sample took: the smaller, the better the estimate. */
  rttMs: number;
}

/**
 * The offset from one sample, assuming the server answered halfway through the round trip
 * (NTP's assumption); a notice (sentAt = receivedAt) counts as a round trip of zero.
 */
export function clockOffset({ serverNow, sentAt, receivedAt }: ClockSample): ClockOffset | null {
  const server = Date.parse(serverNow);
  if (!Number.isFinite(server) || receivedAt < sentAt) return null;
  const rttMs = receivedAt - sentAt;
  return { offsetMs: Math.round(server - (sentAt + rttMs / 2)), rttMs };
}

/**
 * Keep the better of two estimates: a measured round trip beats a one-way notice (whose
 * delivery delay is unknown), and a shorter round trip beats a longer one.
 */
export function betterOffset(
  current: (ClockOffset & { measured: boolean }) | null,
  candidate: ClockOffset & { measured: boolean },
): ClockOffset & { measured: boolean } {
  if (!current) return candidate;
  if (candidate.measured !== current.measured) return candidate.measured ? candidate : current;
  if (!candidate.measured) return candidate; // newer one-way notices replace older ones
  return candidate.rttMs <= current.rttMs ? candidate : current;
}

/** Whole seconds left until `endsAt` on the server's clock, never below zero; null without a deadline. */
export function secondsLeft({
  endsAt,
  localNow,
  offsetMs,
}: {
  endsAt: string | null;
  localNow: number;
  offsetMs: number;
}): number | null {
  if (!endsAt) return null;
  const deadline = Date.parse(endsAt);
  if (!Number.isFinite(deadline)) return null;
  return Math.max(0, Math.ceil((deadline - (localNow + offsetMs)) / 1000));
}

/** `m:ss`, or `h:mm:ss` from an hour up. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

export type TimerWarning = 'none' | 'five-minutes' | 'one-minute' | 'ended';

/** The warning a countdown is at: T-5 and T-1 minutes, as the server warns, and the end. */
export function timerWarning(seconds: number | null): TimerWarning {
  if (seconds === null) return 'none';
  if (seconds <= 0) return 'ended';
  if (seconds <= 60) return 'one-minute';
  if (seconds <= 300) return 'five-minutes';
  return 'none';
}

/** Spoken and shown once when a countdown reaches a warning. */
export function warningText(warning: TimerWarning): string {
  switch (warning) {
    case 'five-minutes':
      return 'Five minutes left in this round.';
    case 'one-minute':
      return 'One minute left: start wrapping up.';
    case 'ended':
      return 'Time is up for this round.';
    case 'none':
      return '';
  }
}
