import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { applyQuotaRelaxation, findQuotaViolations } from './cohort-quotas.js';
import type { CohortApplicant } from './cohort-applicant.js';
import type { CohortQuotas } from './cohort-quotas.js';
import { selectCohort } from './select-cohort.js';

function applicant(
  id: string,
  merit: number,
  overrides: Partial<CohortApplicant> = {},
): CohortApplicant {
  return {
    id,
    merit,
    discipline: 'AI',
    careerStage: 'early career',
    organisationType: 'university',
    institution: `${id} university`,
    country: 'US',
    availableForWholeWorkshop: true,
    ...overrides,
  };
}

const DISCIPLINES = ['AI', 'bioinformatics', 'clinical practice'];
const STAGES = ['early career', 'senior'];
const ORGANISATIONS = ['university', 'hospital'];

/** Small random labs: unique merits, a few groups, about half the quotas set. */
const labArbitrary = fc
  .uniqueArray(fc.integer({ min: -500, max: 500 }), { minLength: 3, maxLength: 10 })
  .chain((merits) =>
    fc.record({
      applicants: fc.tuple(
        ...merits.map((merit, i) =>
          fc.record({
            id: fc.constant(`app-${String(i).padStart(2, '0')}`),
            merit: fc.constant(merit / 100),
            discipline: fc.constantFrom(...DISCIPLINES),
            careerStage: fc.constantFrom(...STAGES),
            organisationType: fc.constantFrom(...ORGANISATIONS),
            institution: fc.constantFrom('inst-1', 'inst-2', 'inst-3', 'inst-4'),
            country: fc.constantFrom('FR', 'US'),
            availableForWholeWorkshop: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
            availabilityOverride: fc.constantFrom(undefined, undefined, true),
          }),
        ),
      ),
      capacity: fc.integer({ min: 1, max: Math.max(1, merits.length - 1) }),
      quotas: fc.record(
        {
          discipline: fc.dictionary(
            fc.constantFrom(...DISCIPLINES),
            fc.record({ min: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: [] }),
          ),
          careerStage: fc.dictionary(
            fc.constantFrom(...STAGES),
            fc.record(
              { min: fc.integer({ min: 0, max: 2 }), max: fc.integer({ min: 1, max: 5 }) },
              { requiredKeys: [] },
            ),
          ),
          organisationType: fc.dictionary(
            fc.constantFrom(...ORGANISATIONS),
            fc.record({ max: fc.integer({ min: 1, max: 5 }) }),
          ),
          maxPerInstitution: fc.integer({ min: 1, max: 3 }),
          maxPerCountry: fc.integer({ min: 2, max: 6 }),
        },
        { requiredKeys: [] },
      ),
    }),
  )
  .map(({ applicants, capacity, quotas }) => ({
    applicants: applicants as CohortApplicant[],
    capacity,
    quotas: quotas as CohortQuotas,
  }));

/** The best valid cohort by enumeration, or null when none exists (≤ 10 applicants). */
function bruteForceBest(
  applicants: CohortApplicant[],
  capacity: number,
  quotas: CohortQuotas,
): number | null {
  let best: number | null = null;
  for (let mask = 0; mask < 1 << applicants.length; mask++) {
    const chosen = applicants.filter((_, i) => mask & (1 << i));
    if (chosen.length !== capacity) continue;
    const ids = chosen.map((a) => a.id);
    if (findQuotaViolations({ applicants, selectedIds: ids, capacity, quotas }).length > 0)
      continue;
    const merit = chosen.reduce((sum, a) => sum + a.merit, 0);
    if (best === null || merit > best) best = merit;
  }
  return best;
}

describe('selectCohort', () => {
  it('property: the result keeps every quota and is the best valid cohort, or infeasibility is reported', async () => {
    await fc.assert(
      fc.asyncProperty(labArbitrary, async ({ applicants, capacity, quotas }) => {
        const result = await selectCohort({ applicants, capacity, quotas });
        const best = bruteForceBest(applicants, capacity, quotas);
        if (best === null) {
          expect(result.status).toBe('infeasible');
          expect(result.selectedIds).toEqual([]);
          expect(result.infeasibility?.messages.length).toBeGreaterThan(0);
          expect(result.infeasibility?.relaxation.length).toBeGreaterThan(0);
        } else {
          expect(result.status).toBe('optimal');
          expect(result.optimal).toBe(true);
          expect(
            findQuotaViolations({ applicants, selectedIds: result.selectedIds, capacity, quotas }),
          ).toEqual([]);
          expect(result.objective).toBeCloseTo(best, 6);
          expect(result.priceOfDiversity?.absolute).toBeGreaterThanOrEqual(-1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('property: the advice for infeasible quotas, applied, lets the same run find a cohort', async () => {
    let infeasibleCases = 0;
    await fc.assert(
      fc.asyncProperty(labArbitrary, async ({ applicants, capacity, quotas }) => {
        const result = await selectCohort({ applicants, capacity, quotas });
        if (result.status !== 'infeasible') return;
        infeasibleCases++;
        const relaxed = applyQuotaRelaxation({
          quotas,
          capacity,
          relaxation: result.infeasibility!.relaxation,
        });
        const again = await selectCohort({ applicants, ...relaxed });
        expect(again.status).toBe('optimal');
        expect(
          findQuotaViolations({ applicants, selectedIds: again.selectedIds, ...relaxed }),
        ).toEqual([]);
      }),
      { numRuns: 60, seed: 20261206 },
    );
    expect(infeasibleCases).toBeGreaterThan(0);
  });

  it('advises changing both sides of a minimum above its maximum, together', async () => {
    const applicants = Array.from({ length: 8 }, (_, i) =>
      applicant(`a${i}`, 8 - i, { careerStage: i < 6 ? 'senior' : 'early career' }),
    );
    const quotas: CohortQuotas = { careerStage: { senior: { min: 5, max: 2 } } };
    const result = await selectCohort({ applicants, capacity: 6, quotas });
    expect(result.status).toBe('infeasible');
    const relaxed = applyQuotaRelaxation({
      quotas,
      capacity: 6,
      relaxation: result.infeasibility!.relaxation,
    });
    expect(relaxed.quotas.careerStage?.senior.min).toBeLessThanOrEqual(
      relaxed.quotas.careerStage?.senior.max ?? Infinity,
    );
    expect((await selectCohort({ applicants, ...relaxed })).status).toBe('optimal');
  });

  it('property: with no quotas the cohort is the top N eligible applicants by merit', async () => {
    await fc.assert(
      fc.asyncProperty(labArbitrary, async ({ applicants, capacity }) => {
        const eligible = applicants.filter(
          (a) => a.availableForWholeWorkshop || a.availabilityOverride,
        );
        fc.pre(eligible.length >= capacity);
        const result = await selectCohort({ applicants, capacity });
        const topN = [...eligible].sort((a, b) => b.merit - a.merit).slice(0, capacity);
        expect(result.selectedIds).toEqual(topN.map((a) => a.id));
        expect(result.unconstrained.selectedIds).toEqual(result.selectedIds);
        expect(result.priceOfDiversity?.absolute).toBeCloseTo(0, 9);
        expect(result.waitlistIds).toEqual(
          [...eligible]
            .sort((a, b) => b.merit - a.merit)
            .slice(capacity)
            .map((a) => a.id),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('reports the price of diversity against the unconstrained top N', async () => {
    const applicants = [
      applicant('a', 0.9),
      applicant('b', 0.8),
      applicant('c', 0.1, { discipline: 'clinical practice' }),
      applicant('d', 0.5),
    ];
    const result = await selectCohort({
      applicants,
      capacity: 2,
      quotas: { discipline: { 'clinical practice': { min: 1 } } },
    });
    expect(result.selectedIds).toEqual(['a', 'c']);
    expect(result.unconstrained).toEqual({
      selectedIds: ['a', 'b'],
      merit: expect.closeTo(1.7, 9),
    });
    expect(result.priceOfDiversity?.absolute).toBeCloseTo(0.7, 9);
    expect(result.priceOfDiversity?.relative).toBeCloseTo(0.7 / 1.7, 9);
    expect(result.waitlistIds).toEqual(['b', 'd']);
  });

  it('honours must-include, must-exclude and availability overrides', async () => {
    const applicants = [
      applicant('a', 0.9),
      applicant('b', 0.8),
      applicant('c', 0.7, { availableForWholeWorkshop: false }),
      applicant('d', 0.6, { availableForWholeWorkshop: false, availabilityOverride: true }),
      applicant('e', -0.5),
    ];
    const result = await selectCohort({
      applicants,
      capacity: 3,
      quotas: { mustInclude: ['e'], mustExclude: ['a'] },
    });
    expect(result.selectedIds).toEqual(['b', 'd', 'e']);
    expect(result.ineligibleIds).toEqual(['c']);
    expect(result.waitlistIds).toEqual([]);
  });

  it.each<{ name: string; capacity: number; quotas: CohortQuotas; conflict: string }>([
    {
      name: 'a discipline with too few eligible applicants',
      capacity: 4,
      quotas: { discipline: { 'clinical practice': { min: 5 } } },
      conflict: 'discipline clinical practice needs at least 5 but only 3 eligible applicants',
    },
    {
      name: 'minimums that add up to more than the capacity',
      capacity: 4,
      quotas: { discipline: { AI: { min: 3 }, 'clinical practice': { min: 3 } } },
      conflict: 'discipline minimums sum to 6, exceeding capacity 4 by 2',
    },
    {
      name: 'a capacity above the eligible applicants',
      capacity: 9,
      quotas: {},
      conflict: 'capacity is 9 but only 6 eligible applicants (3 short)',
    },
    {
      name: 'maximums that cannot fill the capacity',
      capacity: 5,
      quotas: { careerStage: { 'early career': { max: 1 }, senior: { max: 2 } } },
      conflict: 'career stage maximums allow at most 3 of capacity 5 (2 short)',
    },
    {
      name: 'an applicant both included and excluded',
      capacity: 2,
      quotas: { mustInclude: ['a1'], mustExclude: ['a1'] },
      conflict: 'applicant a1 is on both the must-include and the must-exclude list',
    },
    {
      name: 'a must-include who is not available',
      capacity: 2,
      quotas: { mustInclude: ['away'] },
      conflict:
        'must-include applicant away is not available for the whole workshop (no override given)',
    },
  ])('reports, never throws, for $name', async ({ capacity, quotas, conflict }) => {
    const applicants = [
      applicant('a1', 0.9),
      applicant('a2', 0.8),
      applicant('a3', 0.7, { careerStage: 'senior' }),
      applicant('c1', 0.3, { discipline: 'clinical practice' }),
      applicant('c2', 0.2, { discipline: 'clinical practice', careerStage: 'senior' }),
      applicant('c3', 0.1, { discipline: 'clinical practice', careerStage: 'senior' }),
      applicant('away', 1, { availableForWholeWorkshop: false }),
    ];
    const result = await selectCohort({ applicants, capacity, quotas });
    expect(result.status).toBe('infeasible');
    expect(result.selectedIds).toEqual([]);
    expect(result.infeasibility?.conflicts.map((c) => c.message)).toContain(conflict);
    expect(result.infeasibility?.relaxation.length).toBeGreaterThan(0);
  });

  it('explains quotas that only clash in combination with the smallest relaxation', async () => {
    // Two AI applicants are required, but both come from one institution capped at one.
    const applicants = [
      applicant('ai-1', 0.9, { institution: 'Same U' }),
      applicant('ai-2', 0.8, { institution: 'Same U' }),
      applicant('bio-1', 0.7, { discipline: 'bioinformatics' }),
      applicant('bio-2', 0.6, { discipline: 'bioinformatics' }),
    ];
    const result = await selectCohort({
      applicants,
      capacity: 3,
      quotas: { discipline: { AI: { min: 2 } }, maxPerInstitution: 1 },
    });
    expect(result.status).toBe('infeasible');
    expect(result.infeasibility?.conflicts).toEqual([]);
    expect(result.infeasibility?.relaxation).toHaveLength(1);
    expect(result.infeasibility?.relaxation[0]).toMatchObject({ by: 1 });
    expect(['discipline', 'institution']).toContain(result.infeasibility?.relaxation[0].quota);
    expect(result.infeasibility?.messages.join(' ')).toMatch(/by 1/);
  });

  it('property: the same inputs and seed give the same result, whatever the input order', async () => {
    await fc.assert(
      fc.asyncProperty(
        labArbitrary,
        fc.integer(),
        async ({ applicants, capacity, quotas }, seed) => {
          const lottery = { tolerance: 1 };
          const first = await selectCohort({ applicants, capacity, quotas, seed, lottery });
          const again = await selectCohort({
            applicants: [...applicants].reverse(),
            capacity,
            quotas,
            seed,
            lottery,
          });
          expect(again).toEqual(first);
        },
      ),
      { numRuns: 15 },
    );
  });

  describe('lottery', () => {
    // Ten applicants 0.10 apart; a cohort of five puts the line at 0.6.
    const applicants = Array.from({ length: 10 }, (_, i) =>
      applicant(`app-${i}`, 1 - i / 10, { discipline: i % 2 === 0 ? 'AI' : 'bioinformatics' }),
    );

    it('draws only among applicants within the tolerance of the line', async () => {
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const result = await selectCohort({
          applicants,
          capacity: 5,
          seed,
          lottery: { tolerance: 0.25 },
        });
        expect(result.lottery?.line).toBeCloseTo(0.6, 9);
        expect(result.lottery?.bandIds).toEqual(['app-2', 'app-3', 'app-4', 'app-5', 'app-6']);
        // Clearly in stays in, clearly out stays out.
        expect(result.selectedIds).toEqual(expect.arrayContaining(['app-0', 'app-1']));
        expect(result.selectedIds.some((id) => ['app-7', 'app-8', 'app-9'].includes(id))).toBe(
          false,
        );
        expect(result.lottery?.drawnIds).toHaveLength(3);
      }
    });

    it('changes with the seed and keeps the quotas', async () => {
      const quotas: CohortQuotas = { discipline: { bioinformatics: { min: 3 } } };
      const draws = new Set<string>();
      for (let seed = 0; seed < 12; seed++) {
        const result = await selectCohort({
          applicants,
          capacity: 5,
          quotas,
          seed,
          lottery: { tolerance: 0.25 },
        });
        expect(
          findQuotaViolations({ applicants, selectedIds: result.selectedIds, capacity: 5, quotas }),
        ).toEqual([]);
        draws.add(result.selectedIds.join(','));
      }
      expect(draws.size).toBeGreaterThan(1);
    });
  });

  it('refuses input no organiser could mean', async () => {
    await expect(selectCohort({ applicants: [applicant('a', 1)], capacity: -1 })).rejects.toThrow(
      RangeError,
    );
    await expect(
      selectCohort({ applicants: [applicant('a', 1), applicant('a', 2)], capacity: 1 }),
    ).rejects.toThrow(/twice/);
  });
});
