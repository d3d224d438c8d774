import { describe, expect, it } from 'vitest';
import { DEFAULT_PITCH_CRITERIA, summarisePitchScores } from './pitch-scores.js';

const criteria = [
  { id: 'idea', label: 'Idea', weight: 2, scale: { min: 1, max: 5 } },
  { id: 'team', label: 'Team', weight: 1, scale: { min: 0, max: 10 } },
];

describe('summarisePitchScores', () => {
  it('gives each team its mentors, the mean weighted score on 0..1 and each criterion on its scale', () => {
    const [a, b] = summarisePitchScores({
      criteria,
      teamIds: ['t-a', 't-b'],
      scores: [
        { teamId: 't-a', mentorId: 'm1', scores: { idea: 5, team: 10 } },
        { teamId: 't-a', mentorId: 'm2', scores: { idea: 1, team: 0 } },
        { teamId: 't-b', mentorId: 'm1', scores: { idea: 3 } },
      ],
    });
    expect(a).toEqual({
      teamId: 't-a',
      n: 2,
      mean: 0.5,
      criteria: [
        { criterionId: 'idea', label: 'Idea', scale: { min: 1, max: 5 }, mean: 3, n: 2 },
        { criterionId: 'team', label: 'Team', scale: { min: 0, max: 10 }, mean: 5, n: 2 },
      ],
    });
    // A blank criterion drops out: idea 3 of 1..5 is 0.5 on its own.
    expect(b.n).toBe(1);
    expect(b.mean).toBe(0.5);
    expect(b.criteria[1]).toMatchObject({ criterionId: 'team', mean: null, n: 0 });
  });

  it('lists a team nobody scored, and leaves out a score sheet with every criterion blank', () => {
    const [only] = summarisePitchScores({
      criteria,
      teamIds: ['t-c'],
      scores: [{ teamId: 't-c', mentorId: 'm1', scores: {} }],
    });
    expect(only).toMatchObject({ teamId: 't-c', n: 0, mean: null });
  });

  it('weights criteria: a top idea and a bottom team is more than half with the idea weighted 2', () => {
    const [t] = summarisePitchScores({
      criteria,
      teamIds: ['t'],
      scores: [{ teamId: 't', mentorId: 'm', scores: { idea: 5, team: 0 } }],
    });
    expect(t.mean).toBeCloseTo(2 / 3, 4);
  });

  it('refuses a score outside its scale', () => {
    expect(() =>
      summarisePitchScores({
        criteria: DEFAULT_PITCH_CRITERIA,
        teamIds: ['t'],
        scores: [{ teamId: 't', mentorId: 'm', scores: { idea: 9 } }],
      }),
    ).toThrow(RangeError);
  });
});
