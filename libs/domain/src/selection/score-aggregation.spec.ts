import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { aggregateScores } from './score-aggregation.js';
import type { ApplicationReview, Rubric } from './score-aggregation.js';

const rubric: Rubric = {
  criteria: [
    { id: 'expertise', weight: 3, scale: { min: 1, max: 5 } },
    { id: 'creativity', weight: 1, scale: { min: 0, max: 10 } },
  ],
};

const singleCriterion: Rubric = {
  criteria: [{ id: 'overall', weight: 1, scale: { min: 0, max: 100 } }],
};

function review(
  applicationId: string,
  reviewerId: string,
  scores: Record<string, number>,
): ApplicationReview {
  return { applicationId, reviewerId, scores };
}

describe('aggregateScores', () => {
  it.each<{ scores: Record<string, number>; weighted: number }>([
    { scores: { expertise: 5, creativity: 10 }, weighted: 1 },
    { scores: { expertise: 1, creativity: 0 }, weighted: 0 },
    { scores: { expertise: 3, creativity: 0 }, weighted: (3 * 0.5) / 4 },
    { scores: { expertise: 1, creativity: 10 }, weighted: 1 / 4 },
    // A blank criterion drops out and the other weights are renormalised.
    { scores: { expertise: 4 }, weighted: 0.75 },
  ])(
    'weights and normalises rubric scores to 0..1: $scores → $weighted',
    ({ scores, weighted }) => {
      const result = aggregateScores({ rubric, reviews: [review('a', 'r', scores)] });
      expect(result.applications[0].weightedScore).toBeCloseTo(weighted, 12);
    },
  );

  it('reports raw mean, review count and spread per application', () => {
    const result = aggregateScores({
      rubric: singleCriterion,
      reviews: [
        review('a', 'r1', { overall: 20 }),
        review('a', 'r2', { overall: 60 }),
        review('b', 'r1', { overall: 50 }),
      ],
    });
    const a = result.applications.find((score) => score.applicationId === 'a');
    expect(a).toMatchObject({ reviewCount: 2, rawMean: 40 });
    expect(a?.weightedScore).toBeCloseTo(0.4, 12);
    expect(a?.spread).toBeCloseTo(0.2, 12);
  });

  it('makes a harsh and a lenient reviewer who rank alike count the same', () => {
    const harsh = [10, 15, 20, 25];
    const lenient = harsh.map((score) => 2 * score + 30);
    const result = aggregateScores({
      rubric: singleCriterion,
      reviews: [
        ...harsh.map((score, i) => review(`h${i}`, 'harsh', { overall: score })),
        ...lenient.map((score, i) => review(`l${i}`, 'lenient', { overall: score })),
      ],
    });
    const merit = new Map(result.applications.map((score) => [score.applicationId, score.merit]));
    for (let i = 0; i < harsh.length; i++)
      expect(merit.get(`h${i}`)).toBeCloseTo(merit.get(`l${i}`) as number, 9);
    // The raw scores alone would have put every lenient-reviewed application first.
    expect(result.applications.find((s) => s.applicationId === 'h3')?.weightedScore).toBeLessThan(
      result.applications.find((s) => s.applicationId === 'l0')?.weightedScore as number,
    );
  });

  it('property: any positive rescaling of one reviewer leaves every merit unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 0, max: 20 }),
        (mine, theirs, scale, shift) => {
          const reviews = (transform: (score: number) => number) => [
            ...mine.map((score, i) => review(`m${i}`, 'me', { overall: transform(score) })),
            ...theirs.map((score, i) => review(`t${i}`, 'other', { overall: score })),
            ...theirs
              .slice(0, mine.length)
              .map((score, i) => review(`m${i}`, 'third', { overall: score })),
          ];
          const before = aggregateScores({ rubric: singleCriterion, reviews: reviews((s) => s) });
          const after = aggregateScores({
            rubric: singleCriterion,
            reviews: reviews((s) => scale * s + shift),
          });
          before.applications.forEach((score, i) => {
            expect(after.applications[i].merit).toBeCloseTo(score.merit, 9);
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives z = 0 to a reviewer with a single review or no variation, and says so', () => {
    const result = aggregateScores({
      rubric: singleCriterion,
      reviews: [
        review('a', 'once', { overall: 90 }),
        review('a', 'flat', { overall: 50 }),
        review('b', 'flat', { overall: 50 }),
      ],
    });
    expect(result.applications.every((score) => score.reviews.every((r) => r.zScore === 0))).toBe(
      true,
    );
    expect(result.reviewers.map((r) => [r.reviewerId, r.standardised])).toEqual([
      ['flat', false],
      ['once', false],
    ]);
  });

  it('does not depend on the order of the reviews', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            applicationId: fc.constantFrom('a', 'b', 'c', 'd'),
            reviewerId: fc.constantFrom('r1', 'r2', 'r3'),
            score: fc.integer({ min: 0, max: 100 }),
          }),
          { selector: (r) => `${r.applicationId}/${r.reviewerId}`, maxLength: 12 },
        ),
        fc.integer(),
        (rows, salt) => {
          const reviews = rows.map((r) =>
            review(r.applicationId, r.reviewerId, { overall: r.score }),
          );
          const shuffled = [...reviews].sort(
            (x, y) =>
              hash(`${salt}${x.applicationId}${x.reviewerId}`) -
              hash(`${salt}${y.applicationId}${y.reviewerId}`),
          );
          expect(aggregateScores({ rubric: singleCriterion, reviews: shuffled })).toEqual(
            aggregateScores({ rubric: singleCriterion, reviews }),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it.each([
    { name: 'a score outside its scale', reviews: [review('a', 'r', { expertise: 6 })] },
    { name: 'an unknown criterion', reviews: [review('a', 'r', { charm: 3 })] },
    {
      name: 'two reviews by one reviewer',
      reviews: [review('a', 'r', { expertise: 3 }), review('a', 'r', { expertise: 4 })],
    },
  ])('refuses $name', ({ reviews }) => {
    expect(() => aggregateScores({ rubric, reviews })).toThrow(RangeError);
  });
});

function hash(text: string): number {
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}
