import { describe, expect, it } from 'vitest';
import { agendaTimeProblems } from './agenda-session.js';

const workshop = {
  workshopStartAt: new Date('2027-07-13T15:00:00Z'),
  workshopEndAt: new Date('2027-07-17T21:00:00Z'),
  timezone: 'America/New_York',
};
const at = (iso: string) => new Date(iso);

describe('agendaTimeProblems', () => {
  it.each([
    ['inside the workshop', '2027-07-13T15:00:00Z', '2027-07-13T16:00:00Z', []],
    ['ending exactly at the end', '2027-07-17T20:00:00Z', '2027-07-17T21:00:00Z', []],
    ['ending before it starts', '2027-07-14T16:00:00Z', '2027-07-14T15:00:00Z', ['endsAt']],
    ['zero length', '2027-07-14T16:00:00Z', '2027-07-14T16:00:00Z', ['endsAt']],
    ['starting before the workshop', '2027-07-13T14:00:00Z', '2027-07-13T16:00:00Z', ['startsAt']],
    ['ending after the workshop', '2027-07-17T20:00:00Z', '2027-07-17T22:00:00Z', ['endsAt']],
    [
      'entirely after the workshop',
      '2027-07-18T10:00:00Z',
      '2027-07-18T11:00:00Z',
      ['startsAt', 'endsAt'],
    ],
  ])('%s', (_, startsAt, endsAt, fields) => {
    expect(
      agendaTimeProblems({ startsAt: at(startsAt), endsAt: at(endsAt), ...workshop }).map(
        (p) => p.field,
      ),
    ).toEqual(fields);
  });

  it("names the workshop's dates in the lab's time with its zone, never as ISO strings", () => {
    const [problem] = agendaTimeProblems({
      startsAt: at('2027-07-18T10:00:00Z'),
      endsAt: at('2027-07-18T09:00:00Z'),
      ...workshop,
    }).filter((p) => p.field === 'startsAt');
    expect(problem.message).toBe(
      'startsAt must fall within the workshop (13 July 2027 at 11:00 EDT (America/New_York) to 17 July 2027 at 17:00 EDT (America/New_York))',
    );
    expect(problem.message).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('asks for the workshop dates first when the lab has none', () => {
    const problems = agendaTimeProblems({
      startsAt: at('2027-07-13T15:00:00Z'),
      endsAt: at('2027-07-13T16:00:00Z'),
      workshopStartAt: null,
      workshopEndAt: null,
      timezone: 'UTC',
    });
    expect(problems).toEqual([
      { field: 'startsAt', message: expect.stringContaining('workshop dates') },
    ]);
  });
});
