/** Calendar dates and deadlines of a lab, in the lab's own time zone. */

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const labelFormats = new Map<string, Intl.DateTimeFormat>();
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  map: Map<string, Intl.DateTimeFormat>,
  timezone: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = map.get(timezone);
  if (!format) map.set(timezone, (format = make()));
  return format;
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function localDate(at: Date, timezone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return cached(
    dateFormats,
    timezone,
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  ).format(at);
}

/** An instant as people in the lab read it: `1 April 2027 at 17:00 EDT (America/New_York)`. */
export function formatInTimezone(at: Date, timezone: string): string {
  const format = cached(
    labelFormats,
    timezone,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: timezone,
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  // en-US knows the common abbreviations (EDT, PST); elsewhere it writes the offset (GMT+2).
  const zone = cached(
    zoneFormats,
    timezone,
    () => new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'short' }),
  );
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const zoneName = zone.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute} ${zoneName} (${timezone})`;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** A calendar day (`YYYY-MM-DD`) as a person reads it: "Tuesday 13 July 2027". */
export function formatCalendarDay(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : dayFormat.format(at).replace(',', '');
}

/**
 * Every calendar day of the workshop in the lab's time zone, first to last, as `YYYY-MM-DD`.
 * A workshop from Monday 15:00 UTC to Friday 21:00 UTC in New York is Monday to Friday.
 */
export function workshopDays(input: {
  startAt: Date | null;
  endAt: Date | null;
  timezone: string;
}): string[] {
  const { startAt, endAt, timezone } = input;
  if (!startAt || !endAt || endAt.getTime() < startAt.getTime()) return [];
  const first = Date.parse(`${localDate(startAt, timezone)}T00:00:00Z`);
  const last = Date.parse(`${localDate(endAt, timezone)}T00:00:00Z`);
  const days: string[] = [];
  for (let day = first; day <= last && days.length < 366; day += 86_400_000)
    days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

export type DeadlineDecision =
  | { open: true; deadline: Date | null; extended: boolean }
  | { open: false; deadline: Date; extended: boolean; message: string };

/**
 * May an applicant still start, edit or submit? Compared on server time (`now`); the lab's
 * closing time, or the applicant's personal extension when it is later. Messages show the
 * deadline in the lab's time zone.
 */
export function decideApplicationDeadline(input: {
  closesAt: Date | null;
  extensionUntil: Date | null;
  now: Date;
  timezone: string;
}): DeadlineDecision {
  const { closesAt, extensionUntil, now, timezone } = input;
  const extended =
    extensionUntil !== null && (closesAt === null || extensionUntil.getTime() > closesAt.getTime());
  const deadline = extended ? extensionUntil : closesAt;
  if (deadline === null || now.getTime() < deadline.getTime())
    return { open: true, deadline, extended };
  const when = formatInTimezone(deadline, timezone);
  return {
    open: false,
    deadline,
    extended,
    message: extended
      ? `Your extension ended on ${when}; the application can no longer be changed.`
      : `Applications to this lab closed on ${when}. Ask the organisers if you need an extension.`,
  };
}
