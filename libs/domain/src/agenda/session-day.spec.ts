import { describe, expect, it } from 'vitest';
import { dayInTimezone, sessionDayMismatch } from './session-day.js';

const session = {
  startsAt: new Date('2027-07-14T15:00:00Z'),
  endsAt: new Date('2027-07-14T17:00:00Z'),
  timezone: 'America/New_York',
};

describe('sessionDayMismatch', () => {
  it('is null on the session day in the lab’s zone, early and late', () => {
    // 00:30 and 23:30 in New York on 14 July.
    expect(sessionDayMismatch({ ...session, now: new Date('2027-07-14T04:30:00Z') })).toBeNull();
    expect(sessionDayMismatch({ ...session, now: new Date('2027-07-15T03:30:00Z') })).toBeNull();
  });

  it('refuses the evening before in the lab’s zone although it is the day in UTC', () => {
    // 14 July 02:00 UTC is 13 July 22:00 in New York.
    const other = sessionDayMismatch({ ...session, now: new Date('2027-07-14T02:00:00Z') });
    expect(other).toMatchObject({
      sessionDays: { from: '2027-07-14', to: '2027-07-14' },
      today: '2027-07-13',
    });
    expect(other?.words).toBe(
      'The session is on Wednesday 14 July 2027; today is Tuesday 13 July 2027 (America/New_York).',
    );
  });

  it('a session past midnight may open on either day', () => {
    const late = {
      ...session,
      startsAt: new Date('2027-07-15T02:00:00Z'),
      endsAt: new Date('2027-07-15T06:00:00Z'),
    };
    expect(sessionDayMismatch({ ...late, now: new Date('2027-07-15T01:00:00Z') })).toBeNull();
    expect(sessionDayMismatch({ ...late, now: new Date('2027-07-15T05:00:00Z') })).toBeNull();
    expect(sessionDayMismatch({ ...late, now: new Date('2027-07-16T05:00:00Z') })?.words).toContain(
      'Wednesday 14 July 2027 to Thursday 15 July 2027',
    );
  });

  it('reads days in the zone', () => {
    expect(dayInTimezone(new Date('2027-01-01T03:00:00Z'), 'Asia/Tokyo')).toBe('2027-01-01');
    expect(dayInTimezone(new Date('2027-01-01T03:00:00Z'), 'America/Los_Angeles')).toBe(
      '2026-12-31',
    );
  });
});
