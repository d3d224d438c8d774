import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { assignReviewers } from './assign-reviewers.js';
import type { ReviewConflict, ReviewPair, ReviewerAssignment } from './assign-reviewers.js';

const applications = (n: number, institution = (i: number) => `Applicant U ${i % 4}`) =>
  Array.from({ length: n }, (_, i) => ({
    id: `app-${String(i).padStart(3, '0')}`,
    institution: institution(i),
  }));
const reviewers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `rev-${i}`, institution: `Reviewer U ${i}` }));

function countsByApplication(result: ReviewerAssignment): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of result.assignments)
    counts.set(a.applicationId, (counts.get(a.applicationId) ?? 0) + 1);
  return counts;
}

describe('assignReviewers', () => {
  it('gives every application k reviewers with the loads balanced to within one', async () => {
    const result = await assignReviewers({
      applications: applications(61),
      reviewers: reviewers(5),
      reviewsPerApplication: 3,
    });
    expect(result.complete).toBe(true);
    expect(result.optimal).toBe(true);
    expect([...countsByApplication(result).values()].every((n) => n === 3)).toBe(true);
    expect(result.assignments).toHaveLength(183);
    expect(result.loadSpread).toBe(1);
    expect(result.loads.map((l) => l.load).sort()).toEqual([36, 36, 37, 37, 37]);
  });

  it('never assigns a reviewer from the applicant’s institution, whatever its spelling', async () => {
    const result = await assignReviewers({
      applications: [{ id: 'a', institution: '  University of  Edinburgh' }],
      reviewers: [
        { id: 'colleague', institution: 'university of edinburgh' },
        { id: 'outsider', institution: 'Argonne' },
      ],
      reviewsPerApplication: 1,
    });
    expect(result.assignments).toEqual([
      { applicationId: 'a', reviewerId: 'outsider', fixed: false },
    ]);
  });

  it('explains an application with fewer than k reviewers free of conflicts, and assigns what it can', async () => {
    const result = await assignReviewers({
      applications: [{ id: 'a' }, { id: 'b' }],
      reviewers: reviewers(3),
      reviewsPerApplication: 3,
      conflicts: [
        { reviewerId: 'rev-0', applicationId: 'a' },
        { reviewerId: 'rev-1', institution: 'Nowhere' },
      ],
    });
    expect(result.complete).toBe(false);
    expect(result.unfilled).toEqual([{ applicationId: 'a', assigned: 2, missing: 1 }]);
    expect(result.problems).toContain(
      'application a has only 2 reviewers without a conflict of interest (needs 3)',
    );
    expect(countsByApplication(result).get('b')).toBe(3);
  });

  it('keeps fixed assignments and respects load bounds', async () => {
    const fixed: ReviewPair[] = [
      { reviewerId: 'rev-0', applicationId: 'app-000' },
      { reviewerId: 'rev-0', applicationId: 'app-001' },
    ];
    const result = await assignReviewers({
      applications: applications(10),
      reviewers: [...reviewers(3), { id: 'busy', load: { max: 1 } }],
      reviewsPerApplication: 2,
      load: { min: 4, max: 7 },
      fixed,
    });
    expect(result.complete).toBe(true);
    for (const pair of fixed) {
      expect(result.assignments).toContainEqual({ ...pair, fixed: true });
    }
    const loads = new Map(result.loads.map((l) => [l.reviewerId, l.load]));
    expect(loads.get('busy')).toBeLessThanOrEqual(1);
    for (const id of ['rev-0', 'rev-1', 'rev-2']) {
      expect(loads.get(id)).toBeGreaterThanOrEqual(4);
      expect(loads.get(id)).toBeLessThanOrEqual(7);
    }
  });

  it('reports maximum loads too small for the demand', async () => {
    const result = await assignReviewers({
      applications: applications(5),
      reviewers: reviewers(2),
      reviewsPerApplication: 2,
      load: { max: 3 },
    });
    expect(result.problems).toContain(
      'reviewers can take at most 6 reviews in all, but 10 are needed (2 per application)',
    );
    expect(result.unfilled.reduce((sum, u) => sum + u.missing, 0)).toBe(4);
    expect(result.loads.every((l) => l.load <= 3)).toBe(true);
  });

  it('property: conflicts, k, load bounds and fixed assignments always hold', async () => {
    const instance = fc.record({
      applicationCount: fc.integer({ min: 1, max: 12 }),
      reviewerCount: fc.integer({ min: 1, max: 6 }),
      k: fc.integer({ min: 1, max: 3 }),
      max: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
      conflictSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
      fixedSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
      sharedInstitution: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(instance, async (spec) => {
        const apps = applications(spec.applicationCount, (i) => `U${i % 3}`);
        const people = Array.from({ length: spec.reviewerCount }, (_, i) => ({
          id: `rev-${i}`,
          institution: spec.sharedInstitution && i === 0 ? 'U0' : `R${i}`,
        }));
        const conflicts: ReviewConflict[] = spec.conflictSeeds.map(([r, a]) => ({
          reviewerId: people[r % people.length].id,
          applicationId: apps[a % apps.length].id,
        }));
        const conflictKeys = new Set(
          conflicts.map((c) => `${c.reviewerId}|${'applicationId' in c ? c.applicationId : ''}`),
        );
        const fixed = spec.fixedSeeds
          .map(([r, a]) => ({
            reviewerId: people[r % people.length].id,
            applicationId: apps[a % apps.length].id,
          }))
          .filter((f) => !conflictKeys.has(`${f.reviewerId}|${f.applicationId}`));
        const result = await assignReviewers({
          applications: apps,
          reviewers: people,
          reviewsPerApplication: spec.k,
          load: spec.max === undefined ? undefined : { max: spec.max },
          conflicts,
          fixed,
        });
        const institutionOf = new Map(apps.map((a) => [a.id, a.institution]));
        const fixedKeys = new Set(fixed.map((f) => `${f.reviewerId}|${f.applicationId}`));
        const seen = new Set<string>();
        for (const a of result.assignments) {
          const key = `${a.reviewerId}|${a.applicationId}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          if (!fixedKeys.has(key)) {
            expect(conflictKeys.has(key)).toBe(false);
            expect(people.find((p) => p.id === a.reviewerId)?.institution).not.toBe(
              institutionOf.get(a.applicationId),
            );
          }
        }
        for (const key of fixedKeys) expect(seen.has(key)).toBe(true);
        const counts = countsByApplication(result);
        const fixedPerApp = new Map<string, number>();
        for (const f of new Set(fixedKeys)) {
          const app = f.split('|')[1];
          fixedPerApp.set(app, (fixedPerApp.get(app) ?? 0) + 1);
        }
        for (const app of apps) {
          expect(counts.get(app.id) ?? 0).toBeLessThanOrEqual(
            Math.max(spec.k, fixedPerApp.get(app.id) ?? 0),
          );
        }
        if (spec.max !== undefined) {
          for (const load of result.loads)
            expect(load.load).toBeLessThanOrEqual(Math.max(spec.max, load.max ?? 0));
        }
        expect(result.complete).toBe(result.unfilled.length === 0);
        if (result.problems.length === 0) expect(result.complete).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('property: without conflicts or bounds, loads differ by at most one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        async (applicationCount, reviewerCount, k) => {
          fc.pre(k <= reviewerCount);
          const result = await assignReviewers({
            applications: applications(applicationCount, () => 'Elsewhere'),
            reviewers: reviewers(reviewerCount),
            reviewsPerApplication: k,
          });
          expect(result.complete).toBe(true);
          expect(result.loadSpread).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives the same assignment whatever the input order', async () => {
    const apps = applications(20);
    const people = reviewers(5);
    const first = await assignReviewers({
      applications: apps,
      reviewers: people,
      reviewsPerApplication: 2,
    });
    const again = await assignReviewers({
      applications: [...apps].reverse(),
      reviewers: [...people].reverse(),
      reviewsPerApplication: 2,
    });
    expect(again).toEqual(first);
  });
});
