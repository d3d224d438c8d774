import { describe, expect, it } from 'vitest';
import type { AgendaSession } from './api';
import { agendaDays, dayHeading, timeRange } from './agenda-format';

const session = (id: string, startsAt: string, day: string): AgendaSession => ({
  id,
  kind: 'plenary',
  title: id,
  startsAt,
  endsAt: startsAt,
  startsAtLocal: '',
  endsAtLocal: '',
  day,
  materials: [],
  meetingUrl: null,
  state: 'scheduled',
  version: 1,
  updatedAt: startsAt,
});

describe('agenda layout', () => {
  it('groups sessions by the lab day and orders days and sessions in time', () => {
    const days = agendaDays([
      session('late', '2027-07-14T15:00:00Z', '2027-07-14'),
      session('second', '2027-07-13T17:00:00Z', '2027-07-13'),
      session('first', '2027-07-13T15:00:00Z', '2027-07-13'),
    ]);
    expect(days.map((d) => [d.day, d.sessions.map((s) => s.id)])).toEqual([
      ['2027-07-13', ['first', 'second']],
      ['2027-07-14', ['late']],
    ]);
  });

  it('names the day in words', () => {
    expect(dayHeading('2027-07-13')).toBe('Tuesday, 13 July 2027');
  });

  it('reads times on the lab clock, not the browser’s', () => {
    expect(
      timeRange(
        { startsAt: '2027-07-13T15:00:00Z', endsAt: '2027-07-13T16:30:00Z' },
        'America/New_York',
      ),
    ).toBe('11:00–12:30 EDT');
    expect(
      timeRange({ startsAt: '2027-07-13T23:00:00Z', endsAt: '2027-07-14T01:00:00Z' }, 'UTC'),
    ).toBe('23:00–14 Jul, 01:00 UTC');
  });
});
