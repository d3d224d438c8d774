// Lab dates are instants (ISO strings from the server) shown and edited as wall-clock time
// in the lab's own IANA timezone, whatever the timezone of the browser.

/**
 * One Intl.DateTimeFormat per pattern and zone, made the first time it is asked for: making
 * one costs far more than formatting with it, and a table formats two or three times per row
 * (a 25-row page made some 150 of them per render). Throws for a zone the browser does not
 * know, as the constructor does; nothing is kept then.
 */
function cachedFormat(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: (timeZone: string) => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = make(timeZone);
    cache.set(timeZone, format);
  }
  return format;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** "12 Jul 2026, 09:00 EDT", in the lab's timezone. */
export function formatInTimezone(iso: string | null, timeZone: string): string {
  if (!iso) return 'not set';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return cachedFormat(
      dateTimeFormats,
      timeZone,
      (zone) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: zone,
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          timeZoneName: 'short',
        }),
    ).format(date);
  } catch {
    // A zone this browser does not know: say the time in UTC rather than a raw ISO string.
    return timeZone === 'UTC' ? date.toISOString() : formatInTimezone(iso, 'UTC');
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const wallClockFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts = cachedFormat(wallClockFormats, timeZone, wallClockFormat).formatToParts(
    new Date(instant),
  );
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The value of an <input type="datetime-local"> showing `iso` in `timeZone` ("" when unset). */
export function isoToLocalInput(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  if (Number.isNaN(instant) || !isValidTimezone(timeZone)) return '';
  const w = wallClockAt(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The instant at which the wall clock of `timeZone` reads `value` ("2026-07-12T09:00").
 * Null for an empty value. In a DST gap the time is moved forward, as clocks are; in the
 * repeated hour of a DST fall-back the earlier instant is taken.
 */
export function localInputToIso(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (instant: number) => {
    const w = wallClockAt(instant, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - instant;
  };
  // The offsets a day before and a day after bracket any DST change around this time.
  const offsets = [offsetAt(wanted - DAY_MS), offsetAt(wanted + DAY_MS)];
  const candidates = offsets
    .map((offset) => wanted - offset)
    .filter((instant) => offsetAt(instant) === wanted - instant);
  // No candidate: the time falls in a DST gap, and the offset before it moves it forward.
  const instant = candidates.length > 0 ? Math.min(...candidates) : wanted - offsets[0];
  return new Date(instant).toISOString();
}

export function isValidTimezone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    cachedFormat(wallClockFormats, timeZone, wallClockFormat);
    return true;
  } catch {
    return false;
  }
}

/** Every IANA timezone the browser knows, for the timezone picker's suggestions. */
export function knownTimezones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/**
 * The zones a person means by part of a name ("york", "new y", "Sao Paulo", "london"): every
 * word they typed is in the zone's name, read without case, accents or underscores. A zone
 * whose city starts with what they typed comes first, then the rest in order; at most `limit`.
 */
export function matchTimezones(typed: string, zones: readonly string[], limit = 8): string[] {
  const plain = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[_\s]+/g, ' ');
  const words = plain(typed).trim().split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const wanted = words.join(' ');
  const found = zones.filter((zone) => words.every((word) => plain(zone).includes(word)));
  const cityStarts = (zone: string) => plain(zone.split('/').pop() ?? zone).startsWith(wanted);
  return [...found.filter(cityStarts), ...found.filter((zone) => !cityStarts(zone))].slice(
    0,
    limit,
  );
}

/** "GMT-5", a zone's offset from UTC now, as the timezone picker shows it beside each zone. */
export function zoneOffsetNow(timeZone: string, now: Date = new Date()): string {
  if (!isValidTimezone(timeZone)) return '';
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(now)
    .find((part) => part.type === 'timeZoneName');
  return parts?.value ?? '';
}

/** The viewer's zone, read once per page load (every formatted time asks for it). */
let viewerZone: string | undefined;

export function browserTimezone(): string {
  viewerZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return viewerZone;
}

/** "New York time" for America/New_York; nothing for UTC, whose abbreviation says it all. */
export function zonePlaceName(timeZone: string): string {
  if (timeZone === 'UTC' || timeZone.startsWith('Etc/')) return '';
  const place = timeZone.split('/').pop() ?? timeZone;
  return `${place.replace(/_/g, ' ')} time`;
}

/**
 * The one way a time is shown to a person: in the lab's timezone with its zone's name, then
 * the viewer's own time when that reads differently (the date repeated only when it differs
 * too): "12 Jul 2027, 09:00 GMT-4 (New York time) · 14:00 BST your time".
 */
export function formatLabTime(
  iso: string | null,
  labTimezone: string,
  viewerTimezone: string = browserTimezone(),
): string {
  if (!iso) return 'not set';
  const lab = formatInTimezone(iso, labTimezone);
  const place = zonePlaceName(labTimezone);
  const labText = place ? `${lab} (${place})` : lab;
  const own = formatInTimezone(iso, viewerTimezone);
  if (own === lab) return labText;
  const [labDate] = lab.split(', ');
  const [ownDate, ownTime] = own.split(', ');
  return `${labText} · ${ownDate === labDate && ownTime ? ownTime : own} your time`;
}

/** "09:05 GMT-4", the clock of an instant in a zone, 24-hour, with the zone's short name. */
function clockInTimezone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const zone = isValidTimezone(timeZone) ? timeZone : 'UTC';
  return cachedFormat(
    clockFormats,
    zone,
    (timeZone) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      }),
  ).format(date);
}

/**
 * The one rule, for a time of today (chat lines, announcements): the lab's clock with its zone
 * name, and the viewer's own when it reads differently: "09:05 GMT-4 · 14:05 BST your time".
 * The full date is left to a title (formatLabTime) where a line is read in a glance.
 */
export function formatLabClock(
  iso: string,
  labTimezone: string,
  viewerTimezone: string = browserTimezone(),
): string {
  if (Number.isNaN(Date.parse(iso))) return '';
  const lab = clockInTimezone(iso, labTimezone);
  const own = clockInTimezone(iso, viewerTimezone);
  return own === lab ? lab : `${lab} · ${own} your time`;
}

/**
 * What a person reads after a server message that names a time in the lab's zone (a deadline
 * that passed): the same instant in their own time, when it reads differently. The server puts
 * the instant (ISO) and the lab's zone in the error's details; this is never an ISO string.
 */
export function ownTimeNote(
  iso: string,
  labTimezone: string,
  viewerTimezone: string = browserTimezone(),
): string {
  if (Number.isNaN(Date.parse(iso))) return '';
  const own = formatInTimezone(iso, viewerTimezone);
  return own === formatInTimezone(iso, labTimezone) ? '' : `That is ${own} your time.`;
}
