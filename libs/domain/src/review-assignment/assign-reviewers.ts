/**
 * Automatic assignment of reviewers to applications, as an integer program solved with HiGHS.
 *
 *   y_ar ∈ {0, 1}  reviewer r reviews application a (only for pairs without a conflict)
 *   Σ_r y_ar + short_a = k                        every application gets k reviews …
 *   min_r ≤ Σ_a y_ar + under_r,  Σ_a y_ar ≤ max_r  … within each reviewer's load range
 *   Lmin ≤ Σ_a y_ar ≤ Lmax                         for every reviewer who can take reviews
 *   minimise  W_short·Σ short + W_under·Σ under + (Lmax − Lmin)
 *
 * The weights make the objective lexicographic: first give every application its k reviews,
 * then meet the minimum loads, then balance. So an impossible demand (an application with
 * fewer than k reviewers free of conflicts, maximum loads too small) never throws: the result
 * is the fullest assignment possible, with what is missing and why.
 *
 * Nobody reviews their own application. Other conflicts are declared (a reviewer with an
 * application, or with a whole institution) or
 * derived (reviewer and application share an institution, compared case- and space-
 * insensitively). Fixed assignments (e.g. submitted reviews) are always kept, even if a
 * conflict was declared after them; that is reported as a warning.
 */
import { compareText } from '../shared/compare-text.js';
import { solveMilp } from '../shared/highs-solver.js';
import type { MilpSolveOptions, MilpStatus } from '../shared/highs-solver.js';
import { addMilpColumn, addMilpRow, createMilpModel } from '../shared/milp-model.js';

export interface ReviewableApplication {
  id: string;
  /** The applicant, who never reviews their own application (an applicant may also be staff). */
  applicantId?: string;
  /** The applicant's institution, for derived conflicts. */
  institution?: string;
}

export interface LoadBounds {
  min?: number;
  max?: number;
}

export interface AssignableReviewer {
  id: string;
  institution?: string;
  /** This reviewer's own load range; overrides the global one. */
  load?: LoadBounds;
}

export type ReviewConflict =
  { reviewerId: string; applicationId: string } | { reviewerId: string; institution: string };

export interface ReviewPair {
  reviewerId: string;
  applicationId: string;
}

export interface ReviewerAssignmentInput {
  applications: readonly ReviewableApplication[];
  reviewers: readonly AssignableReviewer[];
  /** k: reviews each application should get. */
  reviewsPerApplication: number;
  /** Load range for every reviewer (default: no bounds, balanced). */
  load?: LoadBounds;
  conflicts?: readonly ReviewConflict[];
  /** Existing assignments to keep (submitted or started reviews, manual choices). */
  fixed?: readonly ReviewPair[];
  solver?: MilpSolveOptions;
}

export interface ReviewerAssignmentEntry extends ReviewPair {
  /** Kept from the input's `fixed` list. */
  fixed: boolean;
}

export interface ReviewerLoad {
  reviewerId: string;
  load: number;
  min: number;
  /** null when unbounded. */
  max: number | null;
}

export interface UnfilledApplication {
  applicationId: string;
  assigned: number;
  missing: number;
}

export interface ReviewerAssignment {
  status: MilpStatus;
  solverStatus: string;
  optimal: boolean;
  gap: number | null;
  /** Every application got k reviews. */
  complete: boolean;
  /** Ordered by application id, then reviewer id. */
  assignments: ReviewerAssignmentEntry[];
  /** Ordered by reviewer id. */
  loads: ReviewerLoad[];
  /** Max load − min load over the reviewers who can take reviews. */
  loadSpread: number;
  unfilled: UnfilledApplication[];
  /** Why the demand cannot be met in full (empty when it can). */
  problems: string[];
  /** Input oddities that did not stop the assignment. */
  warnings: string[];
}

export async function assignReviewers({
  applications,
  reviewers,
  reviewsPerApplication: k,
  load = {},
  conflicts = [],
  fixed = [],
  solver,
}: ReviewerAssignmentInput): Promise<ReviewerAssignment> {
  requireCount(k, 'reviewsPerApplication');
  for (const bounds of [load, ...reviewers.map((reviewer) => reviewer.load ?? {})]) {
    if (bounds.min !== undefined) requireCount(bounds.min, 'load.min');
    if (bounds.max !== undefined) requireCount(bounds.max, 'load.max');
  }
  const apps = uniqueById(applications, 'application');
  const people = uniqueById(reviewers, 'reviewer');
  const appIndex = new Map(apps.map((application, i) => [application.id, i]));
  const reviewerIndex = new Map(people.map((reviewer, i) => [reviewer.id, i]));
  const warnings: string[] = [];
  const problems: string[] = [];

  const conflicted = new Set<string>();
  const conflictedInstitutions = new Map<string, Set<string>>();
  for (const conflict of conflicts) {
    if ('applicationId' in conflict) {
      conflicted.add(pairKey(conflict.reviewerId, conflict.applicationId));
    } else {
      const set = conflictedInstitutions.get(conflict.reviewerId) ?? new Set<string>();
      set.add(normaliseInstitution(conflict.institution));
      conflictedInstitutions.set(conflict.reviewerId, set);
    }
  }
  const hasConflict = (
    reviewer: AssignableReviewer,
    application: ReviewableApplication,
  ): boolean => {
    if (application.applicantId === reviewer.id) return true;
    if (conflicted.has(pairKey(reviewer.id, application.id))) return true;
    const institution = normaliseInstitution(application.institution ?? '');
    if (institution === '') return false;
    if (normaliseInstitution(reviewer.institution ?? '') === institution) return true;
    return conflictedInstitutions.get(reviewer.id)?.has(institution) ?? false;
  };

  const fixedKeys = new Set<string>();
  for (const pair of fixed) {
    if (!appIndex.has(pair.applicationId) || !reviewerIndex.has(pair.reviewerId)) {
      warnings.push(
        `fixed assignment ${pair.reviewerId} → ${pair.applicationId} names an unknown application or reviewer; ignored`,
      );
      continue;
    }
    fixedKeys.add(pairKey(pair.reviewerId, pair.applicationId));
  }

  const bounds = people.map((reviewer) => ({
    min: reviewer.load?.min ?? load.min ?? 0,
    max: reviewer.load?.max ?? load.max ?? Number.POSITIVE_INFINITY,
  }));
  const fixedPerApp = new Array<number>(apps.length).fill(0);
  const fixedPerReviewer = new Array<number>(people.length).fill(0);
  for (const key of fixedKeys) {
    const [reviewerId, applicationId] = JSON.parse(key) as [string, string];
    const a = appIndex.get(applicationId) as number;
    const r = reviewerIndex.get(reviewerId) as number;
    fixedPerApp[a]++;
    fixedPerReviewer[r]++;
    if (hasConflict(people[r], apps[a])) {
      warnings.push(
        `fixed assignment ${reviewerId} → ${applicationId} is kept although it is now a conflict of interest`,
      );
    }
  }
  people.forEach((reviewer, r) => {
    if (fixedPerReviewer[r] > bounds[r].max) {
      warnings.push(
        `reviewer ${reviewer.id} already holds ${fixedPerReviewer[r]} fixed reviews, above the maximum load ${bounds[r].max}`,
      );
      bounds[r] = { ...bounds[r], max: fixedPerReviewer[r] };
    }
  });
  apps.forEach((application, a) => {
    if (fixedPerApp[a] > k) {
      warnings.push(
        `application ${application.id} already has ${fixedPerApp[a]} fixed reviews, more than ${k}`,
      );
    }
  });

  // Columns: one per assignable pair, application by application.
  const model = createMilpModel({ sense: 'minimise' });
  const pairs: { a: number; r: number; fixed: boolean }[] = [];
  const columnsOfApp: number[][] = apps.map(() => []);
  const columnsOfReviewer: number[][] = people.map(() => []);
  apps.forEach((application, a) => {
    const full = fixedPerApp[a] >= k;
    people.forEach((reviewer, r) => {
      const isFixed = fixedKeys.has(pairKey(reviewer.id, application.id));
      if (!isFixed && (full || bounds[r].max === 0 || hasConflict(reviewer, application))) return;
      const column = addMilpColumn({
        model,
        column: { cost: 0, lower: isFixed ? 1 : 0, upper: 1, integer: true },
      });
      pairs.push({ a, r, fixed: isFixed });
      columnsOfApp[a].push(column);
      columnsOfReviewer[r].push(column);
    });
  });

  // Static reasons the demand cannot be met.
  let demand = 0;
  apps.forEach((application, a) => {
    demand += Math.max(k, fixedPerApp[a]);
    if (columnsOfApp[a].length < k) {
      const n = columnsOfApp[a].length;
      problems.push(
        `application ${application.id} has only ${n} reviewer${n === 1 ? '' : 's'} without a conflict of interest (needs ${k})`,
      );
    }
  });
  const totalMax = bounds.reduce(
    (sum, bound, r) => sum + Math.min(bound.max, columnsOfReviewer[r].length),
    0,
  );
  if (totalMax < demand) {
    problems.push(
      `reviewers can take at most ${totalMax} reviews in all, but ${demand} are needed (${k} per application)`,
    );
  }
  const totalMin = bounds.reduce((sum, bound) => sum + bound.min, 0);
  if (totalMin > demand) {
    problems.push(`minimum loads add up to ${totalMin}, more than the ${demand} reviews to assign`);
  }
  people.forEach((reviewer, r) => {
    if (bounds[r].min > columnsOfReviewer[r].length) {
      problems.push(
        `reviewer ${reviewer.id} should take at least ${bounds[r].min} but only ${columnsOfReviewer[r].length} applications are free of conflicts`,
      );
    }
  });

  const underCost = demand + 1;
  const shortCost = underCost * (totalMin + 1) + demand + 1;
  apps.forEach((application, a) => {
    if (fixedPerApp[a] >= k) return;
    const short = addMilpColumn({
      model,
      column: { cost: shortCost, lower: 0, upper: k, integer: false },
    });
    addMilpRow({
      model,
      row: {
        label: `reviews:${application.id}`,
        lower: k,
        upper: k,
        indices: [...columnsOfApp[a], short],
        values: [...columnsOfApp[a].map(() => 1), 1],
      },
    });
  });

  const balanced = people.map((_, r) => columnsOfReviewer[r].length > 0);
  const loadMax = addMilpColumn({
    model,
    column: { cost: 1, lower: 0, upper: Number.POSITIVE_INFINITY, integer: true },
  });
  const loadMin = addMilpColumn({
    model,
    column: { cost: -1, lower: 0, upper: Number.POSITIVE_INFINITY, integer: true },
  });
  people.forEach((reviewer, r) => {
    const own = columnsOfReviewer[r];
    const ones = own.map(() => 1);
    if (bounds[r].min > 0) {
      const under = addMilpColumn({
        model,
        column: { cost: underCost, lower: 0, upper: bounds[r].min, integer: false },
      });
      addMilpRow({
        model,
        row: {
          label: `min-load:${reviewer.id}`,
          lower: bounds[r].min,
          upper: Number.POSITIVE_INFINITY,
          indices: [...own, under],
          values: [...ones, 1],
        },
      });
    }
    if (Number.isFinite(bounds[r].max) && bounds[r].max < own.length) {
      addMilpRow({
        model,
        row: {
          label: `max-load:${reviewer.id}`,
          lower: 0,
          upper: bounds[r].max,
          indices: own,
          values: ones,
        },
      });
    }
    if (balanced[r]) {
      addMilpRow({
        model,
        row: {
          label: `load≤max:${reviewer.id}`,
          lower: Number.NEGATIVE_INFINITY,
          upper: 0,
          indices: [...own, loadMax],
          values: [...ones, -1],
        },
      });
      addMilpRow({
        model,
        row: {
          label: `load≥min:${reviewer.id}`,
          lower: 0,
          upper: Number.POSITIVE_INFINITY,
          indices: [...own, loadMin],
          values: [...ones, -1],
        },
      });
    }
  });
  if (!balanced.some(Boolean)) model.columns[loadMin].upper = 0;

  const solution = await solveMilp({ model, options: solver });
  const values = solution.values;
  const assignments: ReviewerAssignmentEntry[] = [];
  const loads = new Array<number>(people.length).fill(0);
  const assignedPerApp = new Array<number>(apps.length).fill(0);
  if (values !== null) {
    pairs.forEach((pair, column) => {
      if (values[column] > 0.5) {
        assignments.push({
          applicationId: apps[pair.a].id,
          reviewerId: people[pair.r].id,
          fixed: pair.fixed,
        });
        loads[pair.r]++;
        assignedPerApp[pair.a]++;
      }
    });
  } else {
    problems.push(`the solver found no assignment (${solution.solverStatus})`);
  }
  const balancedLoads = loads.filter((_, r) => balanced[r]);
  const unfilled = apps
    .map((application, a) => ({
      applicationId: application.id,
      assigned: assignedPerApp[a],
      missing: Math.max(0, k - assignedPerApp[a]),
    }))
    .filter((entry) => entry.missing > 0);
  return {
    status: solution.status,
    solverStatus: solution.solverStatus,
    optimal: solution.optimal,
    gap: solution.gap,
    complete: values !== null && unfilled.length === 0,
    assignments,
    loads: people.map((reviewer, r) => ({
      reviewerId: reviewer.id,
      load: loads[r],
      min: bounds[r].min,
      max: Number.isFinite(bounds[r].max) ? bounds[r].max : null,
    })),
    loadSpread:
      balancedLoads.length > 0 ? Math.max(...balancedLoads) - Math.min(...balancedLoads) : 0,
    unfilled,
    problems,
    warnings,
  };
}

function uniqueById<T extends { id: string }>(items: readonly T[], what: string): T[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new RangeError(`${what} ${item.id} is listed twice`);
    seen.add(item.id);
  }
  return [...items].sort((a, b) => compareText(a.id, b.id));
}

function requireCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

function pairKey(reviewerId: string, applicationId: string): string {
  return JSON.stringify([reviewerId, applicationId]);
}

/** How institutions compare for conflicts of interest: trimmed, inner spaces collapsed, lower-cased. */
export function normaliseInstitution(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
