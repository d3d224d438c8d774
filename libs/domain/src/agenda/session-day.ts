/**
 * Whether today (in the lab's time zone) is a day of an agenda session: a breakout round is
 * opened on its session's day, so a click days ahead does not start it by mistake.
 */

/** A calendar day in a time zone, as YYYY-MM-DD. */
export function dayInTimezone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A day as a person reads it: "Wednesday 14 July 2027". */
function dayInWords(at: Date, timeZone: string): string {
  // Assembled from parts: ICU versions differ on the comma after the weekday.
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

export interface OtherDay {
  /** The session's first and last day in the lab's zone (YYYY-MM-DD). */
  sessionDays: { from: string; to: string };
  today: string;
  timezone: string;
  /** "The session is on Wednesday 14 July 2027; today is Monday 7 December 2026 (America/New_York)." */
  words: string;
}

/** null when `now` falls on a day of the session (lab time); else what differs, in words. */
export function sessionDayMismatch(input: {
  now: Date;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
}): OtherDay | null {
  const { now, startsAt, endsAt, timezone } = input;
  const from = dayInTimezone(startsAt, timezone);
  const to = dayInTimezone(endsAt, timezone);
  const today = dayInTimezone(now, timezone);
  if (today >= from && today <= to) return null;
  const session =
    from === to
      ? dayInWords(startsAt, timezone)
      : `${dayInWords(startsAt, timezone)} to ${dayInWords(endsAt, timezone)}`;
  return {
    sessionDays: { from, to },
    today,
    timezone,
    words: `The session is on ${session}; today is ${dayInWords(now, timezone)} (${timezone}).`,
  };
}
