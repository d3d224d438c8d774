import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { findQuotaViolations } from './cohort-quotas.js';
import type { CohortApplicant } from './cohort-applicant.js';
import type { CohortQuotas } from './cohort-quotas.js';
import { promoteFromWaitlist } from './promote-from-waitlist.js';
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
    careerStage: 'senior',
    organisationType: 'university',
    institution: `${id} university`,
    country: 'US',
    availableForWholeWorkshop: true,
    ...overrides,
  };
}

describe('promoteFromWaitlist', () => {
  const applicants = [
    applicant('ai-1', 0.9),
    applicant('ai-2', 0.8),
    applicant('clin-1', 0.5, { discipline: 'clinical practice' }),
    applicant('ai-3', 0.7),
    applicant('ai-4', 0.6),
    applicant('clin-2', 0.1, { discipline: 'clinical practice' }),
  ];
  const quotas: CohortQuotas = { discipline: { 'clinical practice': { min: 1 } } };

  it('promotes the best applicant who keeps the quotas, not just the next in line', async () => {
    const result = await promoteFromWaitlist({
      applicants,
      capacity: 3,
      quotas,
      confirmedOrPending: ['ai-1', 'ai-2'],
      declined: ['clin-1'],
    });
    expect(result.status).toBe('promoted');
    expect(result.promotedIds).toEqual(['clin-2']);
    expect(result.nextInLineIds).toEqual(['ai-3']);
    expect(result.explanation.join(' ')).toContain(
      'discipline clinical practice needs at least 1 but has 0',
    );
    expect(result.waitlistIds).toEqual(['ai-3', 'ai-4']);
  });

  it('promotes the next in line when that keeps every quota', async () => {
    const result = await promoteFromWaitlist({
      applicants,
      capacity: 3,
      quotas,
      confirmedOrPending: ['ai-1', 'clin-1'],
      declined: ['ai-2'],
    });
    expect(result.promotedIds).toEqual(['ai-3']);
    expect(result.explanation.join(' ')).toContain('next in line');
  });

  it('says so when every place is held', async () => {
    const result = await promoteFromWaitlist({
      applicants,
      capacity: 2,
      quotas,
      confirmedOrPending: ['ai-1', 'clin-1'],
      declined: [],
    });
    expect(result).toMatchObject({ status: 'no-open-place', promotedIds: [], openPlaces: 0 });
  });

  it('reports, without throwing, when no waitlisted applicant can keep the quotas', async () => {
    const result = await promoteFromWaitlist({
      applicants,
      capacity: 3,
      quotas,
      confirmedOrPending: ['ai-1', 'ai-2'],
      declined: ['clin-1', 'clin-2'],
    });
    expect(result.status).toBe('infeasible');
    expect(result.promotedIds).toEqual([]);
    expect(result.explanation.join(' ')).toContain(
      'discipline clinical practice needs at least 1 but only 0 eligible applicants',
    );
  });

  it('property: after declines, holders are kept, decliners never return and quotas still hold', async () => {
    const disciplines = ['AI', 'bioinformatics', 'clinical practice'];
    const lab = fc
      .uniqueArray(fc.integer({ min: -100, max: 100 }), { minLength: 6, maxLength: 14 })
      .chain((merits) =>
        fc.record({
          people: fc.tuple(
            ...merits.map((merit, i) =>
              fc.record({
                id: fc.constant(`app-${i}`),
                merit: fc.constant(merit / 10),
                discipline: fc.constantFrom(...disciplines),
                institution: fc.constantFrom('inst-1', 'inst-2', 'inst-3'),
              }),
            ),
          ),
          capacity: fc.integer({ min: 2, max: 5 }),
          minimum: fc.integer({ min: 0, max: 2 }),
          declineMask: fc.integer({ min: 1, max: 31 }),
        }),
      );
    await fc.assert(
      fc.asyncProperty(lab, async ({ people, capacity, minimum, declineMask }) => {
        const pool = people.map((person) => applicant(person.id, person.merit, person));
        const labQuotas: CohortQuotas = {
          discipline: { 'clinical practice': { min: minimum } },
          maxPerInstitution: 3,
        };
        const first = await selectCohort({ applicants: pool, capacity, quotas: labQuotas });
        fc.pre(first.status === 'optimal');
        const declined = first.selectedIds.filter((_, i) => declineMask & (1 << i));
        const holding = first.selectedIds.filter((id) => !declined.includes(id));
        const result = await promoteFromWaitlist({
          applicants: pool,
          capacity,
          quotas: labQuotas,
          confirmedOrPending: holding,
          declined,
        });
        if (declined.length === 0) {
          expect(result.status).toBe('no-open-place');
        } else if (result.status === 'promoted') {
          const cohort = [...holding, ...result.promotedIds];
          expect(result.promotedIds).toHaveLength(declined.length);
          expect(result.promotedIds.some((id) => declined.includes(id))).toBe(false);
          expect(
            findQuotaViolations({
              applicants: pool,
              selectedIds: cohort,
              capacity,
              quotas: labQuotas,
            }),
          ).toEqual([]);
        } else {
          expect(result.status).toBe('infeasible');
          expect(result.explanation.length).toBeGreaterThan(1);
        }
      }),
      { numRuns: 15 },
    );
  });
});
