import { describe, expect, it } from 'vitest';
import {
  decideApplicationDeadline,
  formatInTimezone,
  localDate,
  workshopDays,
} from './application-deadline.js';

const closesAt = new Date('2027-04-01T21:00:00Z');

describe('decideApplicationDeadline', () => {
  it.each([
    ['before the close', '2027-04-01T20:59:59Z', null, true, false],
    ['at the close', '2027-04-01T21:00:00Z', null, false, false],
    ['after the close', '2027-04-02T09:00:00Z', null, false, false],
    [
      'after the close, within an extension',
      '2027-04-02T09:00:00Z',
      '2027-04-03T12:00:00Z',
      true,
      true,
    ],
    ['after the extension', '2027-04-03T12:00:01Z', '2027-04-03T12:00:00Z', false, true],
    [
      'an "extension" earlier than the close changes nothing',
      '2027-04-01T20:00:00Z',
      '2027-03-01T00:00:00Z',
      true,
      false,
    ],
  ])('%s', (_, now, extensionUntil, open, extended) => {
    const decision = decideApplicationDeadline({
      closesAt,
      extensionUntil: extensionUntil ? new Date(extensionUntil) : null,
      now: new Date(now),
      timezone: 'America/New_York',
    });
    expect(decision).toMatchObject({ open, extended });
  });

  it("names the deadline in the lab's time zone", () => {
    const decision = decideApplicationDeadline({
      closesAt,
      extensionUntil: null,
      now: new Date('2027-05-01T00:00:00Z'),
      timezone: 'America/New_York',
    });
    expect(decision.open).toBe(false);
    if (!decision.open)
      expect(decision.message).toBe(
        'Applications to this lab closed on 1 April 2027 at 17:00 EDT (America/New_York). Ask the organisers if you need an extension.',
      );
  });

  it('has no deadline when the lab has no closing date', () => {
    expect(
      decideApplicationDeadline({
        closesAt: null,
        extensionUntil: null,
        now: new Date(),
        timezone: 'UTC',
      }),
    ).toEqual({ open: true, deadline: null, extended: false });
  });
});

describe('formatInTimezone and localDate', () => {
  it.each([
    [
      '2027-04-01T21:00:00Z',
      'America/New_York',
      '1 April 2027 at 17:00 EDT (America/New_York)',
      '2027-04-01',
    ],
    [
      '2027-04-01T23:30:00Z',
      'Europe/Berlin',
      '2 April 2027 at 01:30 GMT+2 (Europe/Berlin)',
      '2027-04-02',
    ],
    ['2027-01-15T00:00:00Z', 'UTC', '15 January 2027 at 00:00 UTC (UTC)', '2027-01-15'],
  ])('%s in %s', (at, timezone, label, date) => {
    expect(formatInTimezone(new Date(at), timezone)).toBe(label);
    expect(localDate(new Date(at), timezone)).toBe(date);
  });
});

describe('workshopDays', () => {
  it.each([
    [
      'Monday to Friday in New York',
      '2027-07-12T15:00:00Z',
      '2027-07-16T21:00:00Z',
      'America/New_York',
      ['2027-07-12', '2027-07-13', '2027-07-14', '2027-07-15', '2027-07-16'],
    ],
    [
      'an evening end that is the next day in UTC stays the same day in New York',
      '2027-07-12T15:00:00Z',
      '2027-07-13T02:00:00Z',
      'America/New_York',
      ['2027-07-12'],
    ],
    [
      'the same instants span two days in Tokyo',
      '2027-07-12T15:00:00Z',
      '2027-07-13T02:00:00Z',
      'Asia/Tokyo',
      ['2027-07-13'],
    ],
    [
      'across a month end',
      '2027-06-30T09:00:00Z',
      '2027-07-01T17:00:00Z',
      'UTC',
      ['2027-06-30', '2027-07-01'],
    ],
    [
      'across a DST change',
      '2027-03-13T15:00:00Z',
      '2027-03-15T15:00:00Z',
      'America/New_York',
      ['2027-03-13', '2027-03-14', '2027-03-15'],
    ],
  ])('%s', (_, start, end, timezone, days) => {
    expect(workshopDays({ startAt: new Date(start), endAt: new Date(end), timezone })).toEqual(
      days,
    );
  });

  it('is empty without dates', () => {
    expect(workshopDays({ startAt: null, endAt: new Date(), timezone: 'UTC' })).toEqual([]);
  });
});
