import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { assignReviewers, checkReviewerAssignment } from './assign-reviewers.js';
import type {
  ExpertiseRequirement,
  ReviewConflict,
  ReviewPair,
  ReviewerAssignment,
} from './assign-reviewers.js';

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

describe('assignReviewers for proposals: expertise, coverage, affinity, fairness', () => {
  const coverage: ExpertiseRequirement[] = [
    { id: 'clinical', expertise: ['clinical practice', 'oncology'] },
    { id: 'computational', expertise: ['AI', 'mathematical modelling'] },
  ];
  const mentors = [
    { id: 'm-ai', expertise: ['AI'] },
    { id: 'm-clinic', expertise: ['Clinical  Practice'] },
    { id: 'm-maths', expertise: ['mathematical modelling'] },
    { id: 'm-onc', expertise: ['oncology'] },
    { id: 'm-policy', expertise: ['health policy'] },
    { id: 'm-policy2', expertise: ['health policy'] },
  ];

  it('gives every proposal a clinical and a computational reviewer when the pure affinity would not', async () => {
    const proposals = ['a', 'b', 'c'].map((id) => ({ id, disciplines: ['health policy'] }));
    const result = await assignReviewers({
      applications: proposals,
      reviewers: mentors,
      reviewsPerApplication: 2,
      load: { max: 2 },
      coverage,
      subject: 'proposal',
    });
    expect(result.complete).toBe(true);
    expect(result.uncovered).toEqual([]);
    const clinical = new Set(['m-clinic', 'm-onc']);
    const computational = new Set(['m-ai', 'm-maths']);
    for (const id of ['a', 'b', 'c']) {
      const own = result.assignments.filter((x) => x.applicationId === id).map((x) => x.reviewerId);
      expect(own.some((r) => clinical.has(r))).toBe(true);
      expect(own.some((r) => computational.has(r))).toBe(true);
    }
  });

  it('reports coverage no reviewer free of conflicts can give, and assigns the rest', async () => {
    const result = await assignReviewers({
      applications: [{ id: 'a' }, { id: 'b' }],
      reviewers: mentors,
      reviewsPerApplication: 2,
      coverage,
      conflicts: [
        { reviewerId: 'm-clinic', applicationId: 'a' },
        { reviewerId: 'm-onc', applicationId: 'a' },
      ],
      subject: 'proposal',
    });
    expect(result.unavailableCoverage).toEqual([
      { requirementId: 'clinical', applicationIds: ['a'] },
    ]);
    expect(result.warnings).toContain(
      'no reviewer with clinical expertise is free of conflicts for 1 proposal: a',
    );
    expect(result.complete).toBe(true);
    expect(result.uncovered).toEqual([]);
  });

  it('matches reviewers to the disciplines of each proposal', async () => {
    const result = await assignReviewers({
      applications: [
        { id: 'ai', disciplines: ['AI'] },
        { id: 'clinic', disciplines: ['clinical practice'] },
        { id: 'maths', disciplines: ['Mathematical Modelling'] },
      ],
      reviewers: mentors.slice(0, 3),
      reviewsPerApplication: 1,
      load: { max: 1 },
    });
    expect(result.assignments.map((x) => `${x.applicationId}:${x.reviewerId}`)).toEqual([
      'ai:m-ai',
      'clinic:m-clinic',
      'maths:m-maths',
    ]);
    expect(result.affinity).toMatchObject({ total: 3, mean: 1, worstShare: 1 });
  });

  it('lifts the worst-served proposal when total affinity alone is indifferent', async () => {
    // Total affinity is 2 either way; without the fairness term the solver may leave p2 with a
    // third of the affinity it could get, with it both get two thirds.
    const input = {
      applications: [
        { id: 'p1', disciplines: ['AI', 'oncology'] },
        { id: 'p2', disciplines: ['AI', 'law'] },
      ],
      reviewers: [
        { id: 'r1', expertise: ['oncology', 'law'] },
        { id: 'r2', expertise: ['oncology'] },
        { id: 'r3', expertise: [] },
        { id: 'r4', expertise: ['AI', 'oncology', 'law'] },
      ],
      reviewsPerApplication: 2,
      load: { max: 1 },
    };
    const fair = await assignReviewers({ ...input, weights: { balance: 0 } });
    expect(fair.affinity).toMatchObject({ total: 2, worstShare: 2 / 3 });
    expect(fair.assignments.map((x) => `${x.applicationId}:${x.reviewerId}`)).toEqual([
      'p1:r1',
      'p1:r2',
      'p2:r3',
      'p2:r4',
    ]);
  });

  it('property: conflicts never, loads within their maximum, minimums met when any assignment meets them', async () => {
    const instance = fc.record({
      proposals: fc.array(fc.subarray(['AI', 'oncology', 'clinical practice', 'law']), {
        minLength: 1,
        maxLength: 4,
      }),
      reviewers: fc.array(fc.subarray(['AI', 'oncology', 'clinical practice', 'law']), {
        minLength: 1,
        maxLength: 4,
      }),
      k: fc.integer({ min: 1, max: 2 }),
      min: fc.integer({ min: 0, max: 2 }),
      extra: fc.integer({ min: 0, max: 2 }),
      conflictSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(instance, async (spec) => {
        const applications = spec.proposals.map((disciplines, i) => ({ id: `p${i}`, disciplines }));
        const people = spec.reviewers.map((expertise, i) => ({ id: `r${i}`, expertise }));
        const conflicts = spec.conflictSeeds.map(([r, a]) => ({
          reviewerId: people[r % people.length].id,
          applicationId: applications[a % applications.length].id,
        }));
        const load = { min: spec.min, max: spec.min + spec.extra };
        const input = {
          applications,
          reviewers: people,
          reviewsPerApplication: spec.k,
          load,
          conflicts,
          coverage: [{ id: 'clinical', expertise: ['clinical practice', 'oncology'] }],
        };
        const result = await assignReviewers(input);
        const check = checkReviewerAssignment({ ...input, assignments: result.assignments });
        expect(check.problems.filter((p) => p.code === 'conflict')).toEqual([]);
        for (const l of result.loads) expect(l.load).toBeLessThanOrEqual(load.max);
        // Brute force: does any assignment give every proposal k reviews within the load range?
        const conflicted = new Set(conflicts.map((c) => `${c.reviewerId}|${c.applicationId}`));
        const options = applications.map((a) =>
          subsets(
            people.filter((r) => !conflicted.has(`${r.id}|${a.id}`)).map((r) => r.id),
            spec.k,
          ),
        );
        const feasible = someCombination(options, (choice) => {
          const loads = new Map(people.map((r) => [r.id, 0]));
          for (const set of choice) for (const r of set) loads.set(r, (loads.get(r) ?? 0) + 1);
          return [...loads.values()].every((n) => n >= load.min && n <= load.max);
        });
        if (feasible) {
          expect(result.complete).toBe(true);
          for (const l of result.loads) expect(l.load).toBeGreaterThanOrEqual(load.min);
          // Coverage may still be short where loads leave no qualified reviewer for everyone.
          expect(check.problems.filter((p) => p.code !== 'coverage-missing')).toEqual([]);
          expect(check.problems.length).toBe(result.uncovered.length);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same assignment whatever the input order, with expertise', async () => {
    const applications = Array.from({ length: 12 }, (_, i) => ({
      id: `p${i}`,
      disciplines: [['AI', 'oncology', 'law'][i % 3], ['clinical practice', 'AI'][i % 2]],
    }));
    const input = { reviewsPerApplication: 2, coverage, load: { max: 5 } };
    const first = await assignReviewers({ ...input, applications, reviewers: mentors });
    const again = await assignReviewers({
      ...input,
      applications: [...applications].reverse(),
      reviewers: [...mentors].reverse(),
    });
    expect(again).toEqual(first);
  });
});

describe('checkReviewerAssignment', () => {
  const applications = [{ id: 'a', institution: 'Argonne' }, { id: 'b' }];
  const reviewers = [
    { id: 'r1', institution: 'Argonne' },
    { id: 'r2' },
    { id: 'r3', load: { max: 1 } },
  ];
  const previous: ReviewPair[] = [
    { reviewerId: 'r2', applicationId: 'a' },
    { reviewerId: 'r3', applicationId: 'a' },
    { reviewerId: 'r1', applicationId: 'b' },
    { reviewerId: 'r2', applicationId: 'b' },
  ];
  const check = (assignments: ReviewPair[]) =>
    checkReviewerAssignment({
      applications,
      reviewers,
      reviewsPerApplication: 2,
      assignments,
      previous,
    });

  it('accepts a valid assignment', () => {
    expect(check(previous)).toMatchObject({ valid: true, problems: [] });
  });

  it.each<{ name: string; assignments: ReviewPair[]; problems: string[] }>([
    {
      name: 'moving a conflicted colleague in',
      assignments: [
        { reviewerId: 'r1', applicationId: 'a' },
        { reviewerId: 'r3', applicationId: 'a' },
        { reviewerId: 'r1', applicationId: 'b' },
        { reviewerId: 'r2', applicationId: 'b' },
      ],
      problems: ['conflict:a:r1'],
    },
    {
      name: 'overloading a reviewer and leaving a proposal short',
      assignments: [
        { reviewerId: 'r2', applicationId: 'a' },
        { reviewerId: 'r3', applicationId: 'a' },
        { reviewerId: 'r3', applicationId: 'b' },
      ],
      problems: ['too-few-reviews:b:', 'load-above-max::r3'],
    },
    {
      name: 'a duplicate and an unknown reviewer',
      assignments: [
        ...previous,
        { reviewerId: 'r2', applicationId: 'a' },
        { reviewerId: 'zz', applicationId: 'a' },
      ],
      problems: ['unknown-reviewer:a:zz', 'duplicate:a:r2'],
    },
  ])('$name → $problems, each introduced by the change', ({ assignments, problems }) => {
    const result = check(assignments);
    expect(result.valid).toBe(false);
    expect(
      result.problems.map((p) => `${p.code}:${p.applicationId ?? ''}:${p.reviewerId ?? ''}`).sort(),
    ).toEqual([...problems].sort());
    expect(result.problems.every((p) => p.introduced)).toBe(true);
  });

  it('tells problems the adjustment kept from problems it introduced', () => {
    const short: ReviewPair[] = previous.slice(0, 3);
    const result = checkReviewerAssignment({
      applications,
      reviewers,
      reviewsPerApplication: 2,
      assignments: short,
      previous: short,
    });
    expect(result.problems.map((p) => [p.code, p.introduced])).toEqual([
      ['too-few-reviews', false],
    ]);
  });
});

function subsets(items: readonly string[], size: number): string[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((s) => [first, ...s]), ...subsets(rest, size)];
}

function someCombination(
  options: readonly string[][][],
  accept: (choice: string[][]) => boolean,
  chosen: string[][] = [],
): boolean {
  if (chosen.length === options.length) return accept(chosen);
  return options[chosen.length].some((option) =>
    someCombination(options, accept, [...chosen, option]),
  );
}
