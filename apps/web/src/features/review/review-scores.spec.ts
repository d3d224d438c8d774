import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateScores } from '../../../../../libs/domain/src/selection/score-aggregation';
import type { RubricCriterion } from './api';
import {
  parseScore,
  progressText,
  scaleSteps,
  scoreIssueCriterion,
  scoresToSend,
  unscored,
  weightedScore,
  withNames,
  withoutLabel,
} from './review-scores';

const rubric: RubricCriterion[] = [
  { id: 'expertise', label: 'Relevant expertise', weight: 2, scale: { min: 1, max: 5 } },
  { id: 'fit', label: 'Fit', weight: 1, scale: { min: 0, max: 10 } },
];

describe('weightedScore', () => {
  it.each([
    [{ expertise: 5, fit: 10 }, 1],
    [{ expertise: 1, fit: 0 }, 0],
    [{ expertise: 3, fit: 5 }, 0.5],
    [{ expertise: 5, fit: 0 }, 2 / 3],
  ])('scores %j as %d', (scores, expected) => {
    expect(weightedScore(rubric, scores)).toBeCloseTo(expected, 10);
  });

  it('is null until every criterion has a score on its scale', () => {
    expect(weightedScore(rubric, { expertise: 4 })).toBeNull();
    expect(weightedScore(rubric, { expertise: 6, fit: 3 })).toBeNull();
    expect(weightedScore(rubric, { expertise: Number.NaN, fit: 3 })).toBeNull();
    expect(weightedScore([], {})).toBeNull();
  });

  it('agrees with the score the server aggregates for one review', () => {
    const criterion = fc
      .record({
        weight: fc.integer({ min: 1, max: 20 }).map((w) => w / 4),
        min: fc.integer({ min: -5, max: 5 }),
        span: fc.integer({ min: 1, max: 10 }),
        pick: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map((c) => ({ ...c, score: c.min + Math.round(c.pick * c.span) }));
    fc.assert(
      fc.property(fc.array(criterion, { minLength: 1, maxLength: 6 }), (drawn) => {
        const criteria = drawn.map((c, i) => ({
          id: `c${i}`,
          label: `C${i}`,
          weight: c.weight,
          scale: { min: c.min, max: c.min + c.span },
        }));
        const scores = Object.fromEntries(drawn.map((c, i) => [`c${i}`, c.score]));
        const server = aggregateScores({
          rubric: { criteria },
          reviews: [{ applicationId: 'a', reviewerId: 'r', scores }],
        }).applications[0].weightedScore;
        expect(weightedScore(criteria, scores)).toBeCloseTo(server, 10);
      }),
    );
  });
});

describe('the rubric form', () => {
  it('offers radio steps for short scales only', () => {
    expect(scaleSteps({ min: 1, max: 5 })).toEqual([1, 2, 3, 4, 5]);
    expect(scaleSteps({ min: 0, max: 10 })).toHaveLength(11);
    expect(scaleSteps({ min: 0, max: 100 })).toEqual([]);
  });

  it('sends every criterion, null for one not scored, so a cleared score is cleared', () => {
    expect(scoresToSend(rubric, { expertise: 4 })).toEqual({ expertise: 4, fit: null });
    expect(unscored(rubric, { expertise: 4 })).toBe(1);
  });

  it.each([
    ['', undefined],
    [' 7 ', 7],
    ['-2', -2],
    ['3.5', Number.NaN],
    ['four', Number.NaN],
  ])('reads a typed score %j as %s', (text, expected) => {
    expect(parseScore(text)).toEqual(expected);
  });

  it('puts score problems beside their criterion without repeating its label', () => {
    expect(scoreIssueCriterion('scores.expertise')).toBe('expertise');
    expect(scoreIssueCriterion('comment')).toBeNull();
    expect(
      withoutLabel('Relevant expertise: a score from 1 to 5 is required', 'Relevant expertise'),
    ).toBe('A score from 1 to 5 is required.');
    expect(withoutLabel('"charm" is not a criterion of this rubric', 'Fit')).toBe(
      '"charm" is not a criterion of this rubric.',
    );
  });
});

describe('progressText', () => {
  it.each([
    [{ assigned: 0, submitted: 0, draft: 0, notStarted: 0 }, 'Nothing assigned yet'],
    [
      { assigned: 4, submitted: 1, draft: 1, notStarted: 2 },
      '1 of 4 done · 1 draft · 2 not started',
    ],
    [{ assigned: 3, submitted: 3, draft: 0, notStarted: 0 }, '3 of 3 done'],
    [
      { assigned: 5, submitted: 0, draft: 2, notStarted: 3 },
      '0 of 5 done · 2 drafts · 3 not started',
    ],
  ])('%j reads "%s"', (progress, text) => {
    expect(progressText(progress)).toBe(text);
  });
});

describe('withNames', () => {
  const ada = '5f0c2a9e-1b2c-4d3e-8f90-123456789abc';
  const mia = '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d';
  const names = new Map([
    [ada, 'Ada Lovelace'],
    [mia, 'Mia Mentor'],
  ]);
  it('names the applications and reviewers the solver mentions by id', () => {
    expect(
      withNames(
        `application ${ada} has only 2 reviewers without a conflict of interest (needs 3)`,
        names,
      ),
    ).toBe(
      'Application Ada Lovelace has only 2 reviewers without a conflict of interest (needs 3)',
    );
    expect(withNames(`fixed assignment ${mia} → ${ada.toUpperCase()} is kept`, names)).toBe(
      'Fixed assignment Mia Mentor → Ada Lovelace is kept',
    );
  });
  it('leaves an unknown id as it is', () => {
    const stranger = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
    expect(withNames(`reviewer ${stranger} is busy`, names)).toBe(`Reviewer ${stranger} is busy`);
  });
});
