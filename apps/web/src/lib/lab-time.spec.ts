import { describe, expect, it } from 'vitest';
import {
  formatInTimezone,
  formatLabClock,
  formatLabTime,
  isoToLocalInput,
  localInputToIso,
  matchTimezones,
  ownTimeNote,
  zoneOffsetNow,
} from './lab-time';

describe('lab wall-clock time', () => {
  it.each([
    ['2026-07-12T09:00', 'America/New_York', '2026-07-12T13:00:00.000Z'],
    ['2026-01-12T09:00', 'America/New_York', '2026-01-12T14:00:00.000Z'],
    ['2026-01-01T00:00', 'Asia/Kolkata', '2025-12-31T18:30:00.000Z'],
    ['2026-06-30T23:45', 'UTC', '2026-06-30T23:45:00.000Z'],
  ])('reads %s in %s as %s and shows it back unchanged', (input, zone, iso) => {
    expect(localInputToIso(input, zone)).toBe(iso);
    expect(isoToLocalInput(iso, zone)).toBe(input);
  });

  it('moves a time in a spring-forward gap forward, as clocks do', () => {
    // 02:30 does not exist in New York on 8 March 2026.
    expect(
      isoToLocalInput(localInputToIso('2026-03-08T02:30', 'America/New_York'), 'America/New_York'),
    ).toBe('2026-03-08T03:30');
  });

  it.each([
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-04-05T02:30', 'Australia/Sydney', '2026-04-04T15:30:00.000Z'],
  ])('takes the earlier instant of a repeated fall-back hour (%s in %s)', (input, zone, iso) => {
    expect(localInputToIso(input, zone)).toBe(iso);
  });

  it('treats empty values as unset', () => {
    expect(localInputToIso('', 'Europe/London')).toBeNull();
    expect(isoToLocalInput(null, 'Europe/London')).toBe('');
    expect(formatInTimezone(null, 'Europe/London')).toBe('not set');
  });

  it("formats an instant in the lab's zone whatever the browser's", () => {
    expect(formatInTimezone('2026-07-13T13:00:00.000Z', 'America/New_York')).toContain(
      '13 Jul 2026, 09:00',
    );
    expect(formatInTimezone('2026-07-13T13:00:00.000Z', 'Asia/Tokyo')).toContain(
      '13 Jul 2026, 22:00',
    );
  });
});

describe('the one rule for showing a time', () => {
  const iso = '2027-07-12T13:00:00.000Z';
  it("shows the lab's time with its zone, and the viewer's own when it reads differently", () => {
    expect(formatLabTime(iso, 'America/New_York', 'Europe/London')).toBe(
      '12 Jul 2027, 09:00 GMT-4 (New York time) · 14:00 BST your time',
    );
    expect(formatLabTime(iso, 'America/New_York', 'Asia/Tokyo')).toBe(
      '12 Jul 2027, 09:00 GMT-4 (New York time) · 22:00 GMT+9 your time',
    );
    expect(formatLabTime('2027-07-12T20:00:00.000Z', 'America/New_York', 'Asia/Tokyo')).toBe(
      '12 Jul 2027, 16:00 GMT-4 (New York time) · 13 Jul 2027, 05:00 GMT+9 your time',
    );
  });
  it('says it once when the viewer is in the lab’s zone, and never shows an ISO string', () => {
    expect(formatLabTime(iso, 'America/New_York', 'America/New_York')).toBe(
      '12 Jul 2027, 09:00 GMT-4 (New York time)',
    );
    expect(formatLabTime(iso, 'UTC', 'Europe/London')).toBe(
      '12 Jul 2027, 13:00 UTC · 14:00 BST your time',
    );
    expect(formatLabTime(null, 'UTC', 'UTC')).toBe('not set');
  });
});

describe('the time rule on a clock of today (chat)', () => {
  const iso = '2027-07-12T13:05:00.000Z';
  it("shows the lab's 24-hour clock with its zone, then the viewer's own when it differs", () => {
    expect(formatLabClock(iso, 'America/New_York', 'Europe/London')).toBe(
      '09:05 GMT-4 · 14:05 BST your time',
    );
    expect(formatLabClock('2027-07-12T20:30:00.000Z', 'America/New_York', 'America/New_York')).toBe(
      '16:30 GMT-4',
    );
  });
  it('never falls back to a 12-hour clock or an ISO string', () => {
    const text = formatLabClock('2027-07-12T23:59:00.000Z', 'UTC', 'Asia/Tokyo');
    expect(text).toBe('23:59 UTC · 08:59 GMT+9 your time');
    expect(text).not.toMatch(/AM|PM|T\d\d:/);
    expect(formatInTimezone(iso, 'Not/AZone')).toBe('12 Jul 2027, 13:05 UTC');
  });
});

describe('the viewer’s own time after a server message in the lab’s time', () => {
  it('is said only when it reads differently', () => {
    const iso = '2027-04-01T21:00:00.000Z';
    expect(ownTimeNote(iso, 'America/New_York', 'Asia/Tokyo')).toBe(
      'That is 2 Apr 2027, 06:00 GMT+9 your time.',
    );
    expect(ownTimeNote(iso, 'America/New_York', 'America/New_York')).toBe('');
    expect(ownTimeNote('not a time', 'UTC', 'Asia/Tokyo')).toBe('');
  });
});

describe('finding a timezone by part of its name', () => {
  const zones = [
    'America/New_York',
    'America/Sao_Paulo',
    'Australia/Sydney',
    'Europe/London',
    'Europe/Zurich',
    'Pacific/Auckland',
  ];

  it.each([
    ['york', ['America/New_York']],
    ['NEW Y', ['America/New_York']],
    ['new_york', ['America/New_York']],
    ['são paulo', ['America/Sao_Paulo']],
    ['europe lon', ['Europe/London']],
    ['xyz', []],
    ['  ', []],
  ])('%s finds %j', (typed, expected) => {
    expect(matchTimezones(typed, zones)).toEqual(expected);
  });

  it('puts a zone whose city starts with the words first, and keeps to the limit', () => {
    expect(matchTimezones('au', zones)).toEqual([
      'Pacific/Auckland',
      'America/Sao_Paulo',
      'Australia/Sydney',
    ]);
    expect(matchTimezones('a', zones, 2)).toHaveLength(2);
  });

  it('names a zone’s offset from UTC at a given instant', () => {
    expect(zoneOffsetNow('America/New_York', new Date('2027-01-10T12:00:00Z'))).toBe('GMT-5');
    expect(zoneOffsetNow('America/New_York', new Date('2027-07-10T12:00:00Z'))).toBe('GMT-4');
    expect(zoneOffsetNow('Mars/Olympus')).toBe('');
  });
});
