import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { aggregateScores } from '../selection/score-aggregation.js';
import type { ApplicationReview, Rubric } from '../selection/score-aggregation.js';
import { rankProposals } from './proposal-ranking.js';

const rubric: Rubric = {
  criteria: [
    { id: 'significance', weight: 2, scale: { min: 1, max: 9 } },
    { id: 'approach', weight: 1, scale: { min: 1, max: 9 } },
  ],
};
const pitchRubric: Rubric = { criteria: [{ id: 'pitch', weight: 1, scale: { min: 1, max: 5 } }] };

/** Reviews by three mentors; `scores[p]` lists the three reviewers' scores of proposal p. */
function reviewsOf(scores: Record<string, number[]>, criterion = ['significance', 'approach']) {
  const reviews: ApplicationReview[] = [];
  for (const [proposalId, given] of Object.entries(scores)) {
    given.forEach((score, r) => {
      reviews.push({
        applicationId: proposalId,
        reviewerId: `m${r}`,
        scores: Object.fromEntries(criterion.map((id) => [id, score])),
      });
    });
  }
  return reviews;
}

const scores = {
  'p-agreed-high': [9, 9, 9],
  'p-split': [9, 1, 5],
  'p-mid': [6, 5, 6],
  'p-low': [2, 3, 2],
};
const review = aggregateScores({ rubric, reviews: reviewsOf(scores) }).applications;

describe('rankProposals', () => {
  it('ranks by normalised merit and puts scores on the 0..1 rubric scale', () => {
    const ranking = rankProposals({
      components: [{ id: 'review', weight: 1, scores: review }],
      seed: 1,
    });
    expect(ranking.proposals.map((p) => p.proposalId)).toEqual([
      'p-agreed-high',
      'p-mid',
      'p-split',
      'p-low',
    ]);
    expect(ranking.proposals.map((p) => p.rank)).toEqual([1, 2, 3, 4]);
    for (const p of ranking.proposals) {
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
      expect(p.interval.low).toBeLessThanOrEqual(p.score + 1e-12);
      expect(p.interval.high).toBeGreaterThanOrEqual(p.score - 1e-12);
    }
    const scoresInOrder = ranking.proposals.map((p) => p.score);
    expect([...scoresInOrder].sort((a, b) => b - a)).toEqual(scoresInOrder);
  });

  it('gives reviewers who disagree a wide interval and unanimous ones none', () => {
    const ranking = rankProposals({
      components: [{ id: 'review', weight: 1, scores: review }],
      seed: 1,
    });
    const width = (id: string) => {
      const p = ranking.proposals.find((x) => x.proposalId === id);
      return (p?.interval.high ?? 0) - (p?.interval.low ?? 0);
    };
    expect(width('p-split')).toBeGreaterThan(3 * width('p-mid'));
    expect(width('p-split')).toBeGreaterThan(0.2);
  });

  it.each<{
    name: string;
    line: { score: number } | { fundedIds: string[] };
    value: number | null;
    straddling: string[];
  }>([
    {
      name: 'the top two funded: the two either side of the line cross it, the clear ones do not',
      line: { fundedIds: ['p-agreed-high', 'p-mid'] },
      value: null,
      straddling: ['p-mid', 'p-split'],
    },
    {
      name: 'a line below everyone',
      line: { score: -1 },
      value: -1,
      straddling: [],
    },
    {
      name: 'everything funded: no line',
      line: { fundedIds: Object.keys(scores) },
      value: null,
      straddling: [],
    },
  ])('$name', ({ line, value, straddling }) => {
    const ranking = rankProposals({
      components: [{ id: 'review', weight: 1, scores: review }],
      seed: 1,
      fundingLine: line,
    });
    if ('score' in line) expect(ranking.line).toBe(value);
    expect(ranking.straddlingIds).toEqual(straddling);
    for (const p of ranking.proposals) {
      expect(p.flags.includes('straddles-line')).toBe(straddling.includes(p.proposalId));
    }
  });

  it('puts the line from a funded set midway between the lowest funded and the best unfunded', () => {
    const ranking = rankProposals({
      components: [{ id: 'review', weight: 1, scores: review }],
      seed: 1,
      fundingLine: { fundedIds: ['p-agreed-high', 'p-mid'] },
    });
    const score = (id: string) => ranking.proposals.find((p) => p.proposalId === id)?.score ?? 0;
    expect(ranking.line).toBeCloseTo((score('p-mid') + score('p-split')) / 2, 12);
  });

  it('flags proposals with a single review and proposals with none', () => {
    const reviews = reviewsOf({ a: [5, 7, 6], b: [8] });
    const ranking = rankProposals({
      components: [
        { id: 'review', weight: 1, scores: aggregateScores({ rubric, reviews }).applications },
      ],
      proposalIds: ['a', 'b', 'c'],
      seed: 1,
    });
    // m0 scored b above a; m1 and m2 reviewed a alone, so add nothing to the ranking.
    expect(ranking.proposals.map((p) => [p.proposalId, p.flags])).toEqual([
      ['b', ['few-reviews']],
      ['a', []],
      ['c', ['unscored']],
    ]);
    expect(ranking.proposals[2]).toMatchObject({ rank: 3, reviewCount: 0, score: 0 });
  });

  it('adds pitch scores as one more merit component with its weight', () => {
    // p-mid pitched brilliantly, p-split poorly: with enough weight on the pitch they swap.
    const pitch = aggregateScores({
      rubric: pitchRubric,
      reviews: reviewsOf(
        {
          'p-agreed-high': [4, 4, 5],
          'p-split': [1, 1, 2],
          'p-mid': [5, 5, 5],
          'p-low': [3, 2, 3],
        },
        ['pitch'],
      ),
    }).applications;
    const order = (pitchWeight: number) =>
      rankProposals({
        components: [
          { id: 'review', weight: 1, scores: review },
          { id: 'pitch', weight: pitchWeight, scores: pitch },
        ],
        seed: 1,
      }).proposals.map((p) => p.proposalId);
    expect(order(0.01).slice(0, 3)).toEqual(['p-agreed-high', 'p-mid', 'p-split']);
    const ranked = rankProposals({
      components: [
        { id: 'review', weight: 1, scores: review },
        { id: 'pitch', weight: 1, scores: pitch },
      ],
      seed: 1,
    });
    const mid = ranked.proposals.find((p) => p.proposalId === 'p-mid');
    expect(mid?.components.map((c) => c.id)).toEqual(['pitch', 'review']);
    expect(mid?.merit).toBeCloseTo(
      ((mid?.components[0].merit ?? 0) + (mid?.components[1].merit ?? 0)) / 2,
      12,
    );
    expect(order(1)[1]).toBe('p-mid');
  });

  it('property: reproducible from its seed, whatever the order of the scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.oneof(fc.integer(), fc.string()),
        (given, seed) => {
          const reviews = reviewsOf(Object.fromEntries(given.map((s, i) => [`p${i}`, s])));
          const applications = aggregateScores({ rubric, reviews }).applications;
          const run = (list: typeof applications) =>
            rankProposals({
              components: [{ id: 'review', weight: 1, scores: list }],
              seed,
              resamples: 200,
            });
          expect(run([...applications].reverse())).toEqual(run(applications));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses a weight of zero and an impossible confidence', () => {
    expect(() =>
      rankProposals({ components: [{ id: 'review', weight: 0, scores: review }], seed: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      rankProposals({
        components: [{ id: 'review', weight: 1, scores: review }],
        seed: 1,
        confidence: 1,
      }),
    ).toThrow(RangeError);
  });
});
