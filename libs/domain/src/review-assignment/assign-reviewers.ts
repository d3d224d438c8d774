/**
 * Automatic assignment of reviewers to applications — or to proposals, the same model with
 * expertise — as an integer program solved with HiGHS.
 *
 *   y_ar ∈ {0, 1}  reviewer r reviews application a (only for pairs without a conflict)
 *   Σ_r y_ar + short_a = k                        every application gets k reviews …
 *   min_r ≤ Σ_a y_ar + under_r,  Σ_a y_ar ≤ max_r  … within each reviewer's load range
 *   Σ_{r ∈ g} y_ar + miss_ag ≥ need_ag             expertise coverage (optional, see below)
 *   Σ_a y_ar − over_r + under'_r ∈ [⌊m⌋, ⌈m⌉]       load balance around the mean load m
 *   best_a·Σ_j s_aj ≤ Σ_r aff_ar·y_ar, s_aj ≤ 1/k   each application's share of its best (fairness)
 *   minimise  W_short·Σ short + W_under·Σ under + W_cov·Σ miss
 *             + w_balance·Σ_r (f(over_r) + f(under'_r)) − w_affinity·Σ aff_ar·y_ar
 *             − w_fairness·Σ_a Σ_j (k − j)/k·s_aj
 *
 * f is convex (the j-th unit away from the mean costs j), so a deviation forced by conflicts
 * or bounds is spread over the reviewers and loads end up within one of each other wherever
 * conflicts and bounds allow. Unlike a max − min spread term it keeps the linear relaxation
 * of the plain assignment integral, which is what makes large rounds fast.
 *
 * The big weights make the objective lexicographic: first give every application its k
 * reviews, then meet the minimum loads, then the expertise coverage, and only then trade
 * balance, affinity and fairness against each other with the (documented) weights. So an
 * impossible demand (an application with fewer than k reviewers free of conflicts, maximum
 * loads too small) never throws: the result is the fullest assignment possible, with what is
 * missing and why.
 *
 * Expertise (optional): reviewers list their `expertise`, applications their `disciplines`.
 * - Affinity aff_ar is the share of the application's disciplines the reviewer covers (0..1).
 * - Coverage: each requirement (e.g. "clinical", "computational") names expertise tags; every
 *   application should get at least `min` (default 1) reviewers with one of them — where
 *   available: the need is capped by the qualified reviewers free of conflicts.
 * - Fairness: best_a is the affinity of the application's k best-matched candidates. Each
 *   application's share of it counts with diminishing returns (its first third at full weight,
 *   the next at two thirds … for k = 3), so affinity goes first to the worst-served
 *   applications: lifting one from a third to two thirds of its best beats lifting a
 *   well-served one from two thirds to all of it. A max–min term on the single worst share
 *   says the same for one application but couples every application into one row, which made
 *   2,000 × 300 rounds far slower to solve; the levels keep each application's term its own.
 * Tags compare as institutions do (trimmed, spaces collapsed, case-insensitive).
 *
 * Nobody reviews their own application. Other conflicts are declared (a reviewer with an
 * application, or with a whole institution) or derived (reviewer and application share an
 * institution, compared case- and space-insensitively). Fixed assignments (e.g. submitted reviews) are always kept, even if a
 * conflict was declared after them; that is reported as a warning. Re-running with the
 * submitted reviews as `fixed` keeps them and fills the rest.
 *
 * Large rounds (thousands × hundreds) are solved by pricing: HiGHS starts from a few likely
 * reviewers per application and pairs are added while they could improve the assignment (see
 * `solveMilpWithPricing`); `optimal` and `gap` are proved for the full model all the same.
 *
 * `checkReviewerAssignment` checks a hand-adjusted assignment against the same rules.
 */
import { compareText } from '../shared/compare-text.js';
import type { MilpSolveOptions, MilpStatus } from '../shared/highs-solver.js';
import { addMilpColumn, addMilpRow, createMilpModel } from '../shared/milp-model.js';
import { solveMilpWithPricing } from '../shared/milp-pricing.js';
import type { MilpCandidateColumn } from '../shared/milp-pricing.js';

export interface ReviewableApplication {
  id: string;
  /** The applicant, who never reviews their own application (an applicant may also be staff). */
  applicantId?: string;
  /** The applicant's institution, for derived conflicts. */
  institution?: string;
  /** The disciplines the application (or proposal) spans, for affinity and fairness. */
  disciplines?: readonly string[];
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
  /** Expertise tags, for coverage, affinity and fairness. */
  expertise?: readonly string[];
}

export type ReviewConflict =
  { reviewerId: string; applicationId: string } | { reviewerId: string; institution: string };

export interface ReviewPair {
  reviewerId: string;
  applicationId: string;
}

/** Every application should get at least `min` reviewers with one of these expertise tags. */
export interface ExpertiseRequirement {
  /** Stable name, for reports (`clinical`). */
  id: string;
  expertise: readonly string[];
  /** Default 1. */
  min?: number;
}

/** Relative weights of the soft goals, once reviews, minimum loads and coverage are met. */
export interface AssignmentWeights {
  /**
   * Per unit of a reviewer's load away from the mean load, the j-th unit away costing j times
   * it (so loads spread evenly). Default 1.
   */
  balance?: number;
  /** Per unit of affinity (a reviewer covering all of an application's disciplines = 1). Default 1. */
  affinity?: number;
  /**
   * Per unit of an application's share (0..1) of its best achievable affinity, at the lowest of
   * k levels; higher levels count (k−1)/k … 1/k of it (diminishing returns). Default 2.
   */
  fairness?: number;
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
  coverage?: readonly ExpertiseRequirement[];
  weights?: AssignmentWeights;
  /** What is reviewed, for messages. Default 'application'. */
  subject?: 'application' | 'proposal';
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

/** An application that got fewer qualified reviewers for a requirement than were available. */
export interface CoverageShortfall {
  applicationId: string;
  requirementId: string;
  /** min(requirement, k, qualified reviewers free of conflicts). */
  needed: number;
  assigned: number;
}

/** Applications for which a requirement cannot be met at all: no qualified reviewer is free. */
export interface UnavailableCoverage {
  requirementId: string;
  applicationIds: string[];
}

export interface AssignmentAffinity {
  /** Σ affinity over the assignments. */
  total: number;
  /** Mean affinity per assignment. */
  mean: number;
  /** The smallest share (0..1) of its best achievable affinity any application got. */
  worstShare: number;
  /** The applications at that share, by id. */
  worstApplicationIds: string[];
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
  /** Coverage the solver could have met but did not (only when loads or k prevent it). */
  uncovered: CoverageShortfall[];
  /** Coverage no assignment can meet. */
  unavailableCoverage: UnavailableCoverage[];
  /** null when no reviewer has expertise matching any application's disciplines. */
  affinity: AssignmentAffinity | null;
  /** Reviewer–application pairs free of conflicts, and how many the solver needed to see. */
  pairs: { candidates: number; inModel: number };
  /** Why the demand cannot be met in full (empty when it can). */
  problems: string[];
  /** Input oddities that did not stop the assignment. */
  warnings: string[];
}

/** Below this many candidate pairs the whole model goes to HiGHS at once, without pricing. */
const PRICING_THRESHOLD = 20_000;

export async function assignReviewers(input: ReviewerAssignmentInput): Promise<ReviewerAssignment> {
  const plan = planAssignment(input);
  const { apps, people, k, bounds, subject } = plan;
  const warnings = [...plan.warnings];
  const problems: string[] = [];

  // Candidate pairs, application by application: fixed ones and those free of conflicts.
  const pairs: { a: number; r: number; fixed: boolean; affinity: number }[] = [];
  const pairsOfApp: number[][] = apps.map(() => []);
  const pairsOfReviewer: number[][] = people.map(() => []);
  apps.forEach((_, a) => {
    const full = plan.fixedPerApp[a] >= k;
    people.forEach((_, r) => {
      const isFixed = plan.isFixed(a, r);
      if (!isFixed && (full || bounds[r].max === 0 || plan.hasConflict(a, r))) return;
      pairsOfApp[a].push(pairs.length);
      pairsOfReviewer[r].push(pairs.length);
      pairs.push({ a, r, fixed: isFixed, affinity: plan.affinity(a, r) });
    });
  });

  // Static reasons the demand cannot be met.
  let demand = 0;
  apps.forEach((application, a) => {
    demand += Math.max(k, plan.fixedPerApp[a]);
    if (pairsOfApp[a].length < k) {
      const n = pairsOfApp[a].length;
      problems.push(
        `${subject} ${application.id} has only ${n} reviewer${n === 1 ? '' : 's'} without a conflict of interest (needs ${k})`,
      );
    }
  });
  const totalMax = bounds.reduce(
    (sum, bound, r) => sum + Math.min(bound.max, pairsOfReviewer[r].length),
    0,
  );
  if (totalMax < demand) {
    problems.push(
      `reviewers can take at most ${totalMax} reviews in all, but ${demand} are needed (${k} per ${subject})`,
    );
  }
  const totalMin = bounds.reduce((sum, bound) => sum + bound.min, 0);
  if (totalMin > demand) {
    problems.push(`minimum loads add up to ${totalMin}, more than the ${demand} reviews to assign`);
  }
  people.forEach((reviewer, r) => {
    if (bounds[r].min > pairsOfReviewer[r].length) {
      problems.push(
        `reviewer ${reviewer.id} should take at least ${bounds[r].min} but only ${pairsOfReviewer[r].length} ${subject}s are free of conflicts`,
      );
    }
  });

  // Coverage needs, capped by the qualified reviewers each application can get.
  const coverageNeeds: { a: number; g: number; need: number }[] = [];
  const unavailable = plan.requirements.map(() => [] as string[]);
  apps.forEach((application, a) => {
    if (plan.fixedPerApp[a] >= k) return;
    plan.requirements.forEach((requirement, g) => {
      let qualified = 0;
      for (const p of pairsOfApp[a]) if (plan.qualifies(pairs[p].r, g)) qualified++;
      const need = Math.min(requirement.min, k, qualified);
      if (qualified === 0) unavailable[g].push(application.id);
      if (need > 0) coverageNeeds.push({ a, g, need });
    });
  });
  const unavailableCoverage = plan.requirements
    .map((requirement, g) => ({ requirementId: requirement.id, applicationIds: unavailable[g] }))
    .filter((entry) => entry.applicationIds.length > 0);
  for (const entry of unavailableCoverage) {
    const n = entry.applicationIds.length;
    warnings.push(
      `no reviewer with ${entry.requirementId} expertise is free of conflicts for ${n} ${subject}${n === 1 ? '' : 's'}: ${abbreviatedList(entry.applicationIds)}`,
    );
  }

  // Best achievable affinity per application (its k best-matched candidates), for fairness.
  const bestAffinity = apps.map((_, a) => {
    const values = pairsOfApp[a].map((p) => pairs[p].affinity).sort((x, y) => y - x);
    return values.slice(0, Math.max(k, plan.fixedPerApp[a])).reduce((s, v) => s + v, 0);
  });
  const hasAffinity = bestAffinity.some((value) => value > 0);
  const weights = {
    balance: plan.weights.balance,
    affinity: hasAffinity ? plan.weights.affinity : 0,
    fairness: hasAffinity ? plan.weights.fairness : 0,
  };

  // Balance: each reviewer's load should sit at the mean (rounded down or up); every unit away
  // from it costs more than the one before (a convex penalty, so the deviation is spread over
  // the reviewers instead of landing on one, and loads end up within one where they can).
  const balanced = people.map((_, r) => pairsOfReviewer[r].length > 0);
  const balancedCount = balanced.filter(Boolean).length;
  const mean = balancedCount === 0 ? 0 : demand / balancedCount;
  const balance = people.map((_, r) => {
    if (!balanced[r]) return null;
    const most = Math.min(bounds[r].max, pairsOfReviewer[r].length);
    const lo = Math.min(Math.max(Math.floor(mean), bounds[r].min), most);
    const hi = Math.min(Math.max(Math.ceil(mean), lo), most);
    return { lo, hi, over: convexSegments(most - hi), under: convexSegments(lo) };
  });
  let balanceRange = 0;
  for (const entry of balance) {
    if (entry === null) continue;
    const worst = (segments: readonly Segment[]) =>
      segments.reduce((sum, segment) => sum + segment.width * segment.unitCost, 0);
    balanceRange += Math.max(worst(entry.over), worst(entry.under));
  }

  // Lexicographic costs: each level outweighs everything below it. A missing review never
  // buys a lower load shortfall (an augmenting path fills it and only ever raises one
  // reviewer's load), so one weight serves both; each must outweigh all coverage and quality.
  const quality =
    weights.balance * balanceRange +
    weights.affinity * bestAffinity.reduce((s, v) => s + v, 0) +
    weights.fairness * apps.length;
  const coverageTotal = coverageNeeds.reduce((s, n) => s + n.need, 0);
  const coverageCost = quality + 1;
  const underCost = coverageCost * coverageTotal + quality + 1;
  const shortCost = 2 * underCost;

  // The model's own columns and rows; pair columns are added by the pricing solver.
  const model = createMilpModel({ sense: 'minimise' });
  const appRow = new Int32Array(apps.length).fill(-1);
  apps.forEach((application, a) => {
    if (plan.fixedPerApp[a] >= k) return;
    const short = addMilpColumn({
      model,
      column: { cost: shortCost, lower: 0, upper: k, integer: false },
    });
    appRow[a] = addMilpRow({
      model,
      row: {
        label: `reviews:${application.id}`,
        lower: k,
        upper: k,
        indices: [short],
        values: [1],
      },
    });
  });
  const reviewerRows: number[][] = people.map(() => []);
  people.forEach((reviewer, r) => {
    if (bounds[r].min > 0) {
      const under = addMilpColumn({
        model,
        column: { cost: underCost, lower: 0, upper: bounds[r].min, integer: false },
      });
      reviewerRows[r].push(
        addMilpRow({
          model,
          row: {
            label: `min-load:${reviewer.id}`,
            lower: bounds[r].min,
            upper: Number.POSITIVE_INFINITY,
            indices: [under],
            values: [1],
          },
        }),
      );
    }
    if (Number.isFinite(bounds[r].max) && bounds[r].max < pairsOfReviewer[r].length) {
      reviewerRows[r].push(
        addMilpRow({
          model,
          row: {
            label: `max-load:${reviewer.id}`,
            lower: Number.NEGATIVE_INFINITY,
            upper: bounds[r].max,
            indices: [],
            values: [],
          },
        }),
      );
    }
    const target = balance[r];
    if (target !== null && weights.balance > 0) {
      const indices: number[] = [];
      const values: number[] = [];
      for (const [segments, sign] of [
        [target.over, -1],
        [target.under, 1],
      ] as const) {
        for (const segment of segments) {
          indices.push(
            addMilpColumn({
              model,
              column: {
                cost: weights.balance * segment.unitCost,
                lower: 0,
                upper: segment.width,
                integer: false,
              },
            }),
          );
          values.push(sign);
        }
      }
      reviewerRows[r].push(
        addMilpRow({
          model,
          row: {
            label: `balance:${reviewer.id}`,
            lower: target.lo,
            upper: target.hi,
            indices,
            values,
          },
        }),
      );
    }
  });
  const coverageRows: { g: number; row: number }[][] = apps.map(() => []);
  for (const { a, g, need } of coverageNeeds) {
    const miss = addMilpColumn({
      model,
      column: { cost: coverageCost, lower: 0, upper: need, integer: false },
    });
    coverageRows[a].push({
      g,
      row: addMilpRow({
        model,
        row: {
          label: `coverage:${apps[a].id}:${plan.requirements[g].id}`,
          lower: need,
          upper: Number.POSITIVE_INFINITY,
          indices: [miss],
          values: [1],
        },
      }),
    });
  }
  // Fairness: an application's share of its best achievable affinity counts with diminishing
  // returns, in k levels weighted k/k, (k−1)/k … 1/k.
  const fairnessRow = new Int32Array(apps.length).fill(-1);
  if (weights.fairness > 0) {
    const levels = Math.max(1, k);
    apps.forEach((application, a) => {
      if (bestAffinity[a] <= 0) return;
      const indices: number[] = [];
      const values: number[] = [];
      for (let level = 0; level < levels; level++) {
        indices.push(
          addMilpColumn({
            model,
            column: {
              cost: (-weights.fairness * (levels - level)) / levels,
              lower: 0,
              upper: 1 / levels,
              integer: false,
            },
          }),
        );
        values.push(bestAffinity[a]);
      }
      fairnessRow[a] = addMilpRow({
        model,
        row: {
          label: `fairness:${application.id}`,
          lower: Number.NEGATIVE_INFINITY,
          upper: 0,
          indices,
          values,
        },
      });
    });
  }

  const pairColumn = (p: number): MilpCandidateColumn => {
    const { a, r, fixed, affinity } = pairs[p];
    const indices: number[] = [];
    const values: number[] = [];
    const entry = (row: number, value: number) => {
      indices.push(row);
      values.push(value);
    };
    if (appRow[a] >= 0) entry(appRow[a], 1);
    for (const row of reviewerRows[r]) entry(row, 1);
    for (const { g, row } of coverageRows[a]) if (plan.qualifies(r, g)) entry(row, 1);
    if (fairnessRow[a] >= 0 && affinity > 0) entry(fairnessRow[a], -affinity);
    return {
      cost: -weights.affinity * affinity,
      lower: fixed ? 1 : 0,
      upper: 1,
      integer: true,
      indices,
      values,
    };
  };

  const solution = await solveMilpWithPricing({
    model,
    candidates: {
      count: pairs.length,
      column: pairColumn,
      initial: initialPairs({ plan, pairs, pairsOfApp, mean }),
      group: (p) => pairs[p].a,
    },
    options: input.solver,
  });

  const values = solution.candidateValues;
  const assignments: ReviewerAssignmentEntry[] = [];
  const chosen: ReviewPair[] = [];
  if (values !== null) {
    pairs.forEach((pair, p) => {
      if (values[p] > 0.5) {
        const entry = {
          applicationId: apps[pair.a].id,
          reviewerId: people[pair.r].id,
          fixed: pair.fixed,
        };
        assignments.push(entry);
        chosen.push(entry);
      }
    });
  } else {
    problems.push(`the solver found no assignment (${solution.solverStatus})`);
  }
  const summary = summariseAssignment({ plan, assignments: chosen, bestAffinity });
  const uncovered = coverageNeeds
    .map(({ a, g, need }) => ({
      applicationId: apps[a].id,
      requirementId: plan.requirements[g].id,
      needed: need,
      assigned: summary.qualifiedCount(a, g),
    }))
    .filter((entry) => entry.assigned < entry.needed);
  return {
    status: solution.status,
    solverStatus: solution.solverStatus,
    optimal: solution.optimal,
    gap: solution.gap,
    complete: values !== null && summary.unfilled.length === 0,
    assignments,
    loads: summary.loads,
    loadSpread: summary.loadSpread(balanced),
    unfilled: summary.unfilled,
    uncovered,
    unavailableCoverage,
    affinity: hasAffinity ? summary.affinity : null,
    pairs: { candidates: pairs.length, inModel: solution.candidatesUsed },
    problems,
    warnings,
  };
}

interface Segment {
  width: number;
  unitCost: number;
}

/**
 * Pieces of a convex penalty on `length` units away from the target: units 1, 2, 3 … cost 1, 2,
 * 3 … each (so a deviation d costs about d²/2); past 8 units the pieces double in width at the
 * cost of their last unit, which keeps the penalty convex with few columns.
 */
function convexSegments(length: number): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  while (start < length) {
    const width = Math.min(start < 8 ? 1 : start, length - start);
    segments.push({ width, unitCost: start + width });
    start += width;
  }
  return segments;
}

/**
 * The pairs HiGHS starts from when the round is large: fixed pairs, a greedy assignment (each
 * application takes its best-matched reviewers who still have room, preferring those who meet
 * a coverage requirement it lacks), each application's best-matched reviewers beyond it (ties
 * spread over the reviewers), and a rotation that offers every reviewer a share. Pricing adds whatever else could improve the assignment.
 */
function initialPairs({
  plan,
  pairs,
  pairsOfApp,
  mean,
}: {
  plan: AssignmentPlan;
  pairs: readonly { a: number; r: number; fixed: boolean; affinity: number }[];
  pairsOfApp: readonly number[][];
  mean: number;
}): number[] {
  if (pairs.length <= PRICING_THRESHOLD) return pairs.map((_, p) => p);
  const { k, bounds, people } = plan;
  const reviewerCount = people.length;
  const picked = new Uint8Array(pairs.length);
  const load = new Array<number>(reviewerCount).fill(0);
  pairs.forEach((pair, p) => {
    if (pair.fixed) {
      picked[p] = 1;
      load[pair.r]++;
    }
  });
  const softCap = bounds.map((bound) => Math.min(bound.max, Math.ceil(mean) + 1));
  pairsOfApp.forEach((own, a) => {
    let need = k - plan.fixedPerApp[a];
    const unmet = plan.requirements.map(() => true);
    for (const cap of [softCap, bounds.map((bound) => bound.max)]) {
      while (need > 0) {
        let best = -1;
        let bestScore = Number.NEGATIVE_INFINITY;
        for (const p of own) {
          const { r } = pairs[p];
          if (picked[p] || load[r] >= cap[r]) continue;
          let score = pairs[p].affinity - load[r] / (4 * (mean + 1));
          plan.requirements.forEach((_, g) => {
            if (unmet[g] && plan.qualifies(r, g)) score += 2;
          });
          if (score > bestScore) {
            bestScore = score;
            best = p;
          }
        }
        if (best < 0) break;
        picked[best] = 1;
        load[pairs[best].r]++;
        plan.requirements.forEach((_, g) => {
          if (plan.qualifies(pairs[best].r, g)) unmet[g] = false;
        });
        need--;
      }
    }
    const offset = (a * 2 * k) % reviewerCount;
    for (let i = 0; i < 2 * k && i < own.length; i++) {
      picked[own[(offset + i) % own.length]] = 1;
    }
    const rotation = (r: number) => (r - offset + reviewerCount) % reviewerCount;
    const ranked = [...own].sort(
      (x, y) =>
        pairs[y].affinity - pairs[x].affinity || rotation(pairs[x].r) - rotation(pairs[y].r),
    );
    for (const p of ranked.slice(0, 2 * k)) picked[p] = 1;
  });
  const initial: number[] = [];
  picked.forEach((flag, p) => {
    if (flag) initial.push(p);
  });
  return initial;
}

export type AssignmentProblemCode =
  | 'unknown-application'
  | 'unknown-reviewer'
  | 'duplicate'
  | 'conflict'
  | 'too-few-reviews'
  | 'too-many-reviews'
  | 'load-below-min'
  | 'load-above-max'
  | 'coverage-missing';

export interface AssignmentProblem {
  code: AssignmentProblemCode;
  applicationId: string | null;
  reviewerId: string | null;
  requirementId: string | null;
  message: string;
  /** With `previous`: true when the previous assignment did not have this problem. */
  introduced: boolean;
}

export interface AssignmentCheck {
  /** True when nothing is wrong. */
  valid: boolean;
  problems: AssignmentProblem[];
  loads: ReviewerLoad[];
  loadSpread: number;
  affinity: AssignmentAffinity | null;
}

/**
 * Checks an assignment — typically one an organiser adjusted by hand — against the rules the
 * solver keeps: conflicts, k reviews each, load ranges and the coverage available. With
 * `previous` (the assignment before the adjustment), each problem says whether the
 * adjustment introduced it. Pure and synchronous.
 */
export function checkReviewerAssignment(
  input: Omit<ReviewerAssignmentInput, 'fixed' | 'solver' | 'weights'> & {
    assignments: readonly ReviewPair[];
    previous?: readonly ReviewPair[];
  },
): AssignmentCheck {
  const plan = planAssignment({ ...input, fixed: [] });
  const current = assignmentProblems({ plan, assignments: input.assignments });
  const before =
    input.previous === undefined
      ? null
      : new Set(assignmentProblems({ plan, assignments: input.previous }).problems.map(problemKey));
  const problems = current.problems.map((problem) => ({
    ...problem,
    introduced: before === null ? true : !before.has(problemKey(problem)),
  }));
  return {
    valid: problems.length === 0,
    problems,
    loads: current.summary.loads,
    loadSpread: current.summary.loadSpread(
      plan.people.map(
        (_, r) => plan.bounds[r].max > 0 && plan.apps.some((__, a) => !plan.hasConflict(a, r)),
      ),
    ),
    affinity: current.hasAffinity ? current.summary.affinity : null,
  };
}

function assignmentProblems({
  plan,
  assignments,
}: {
  plan: AssignmentPlan;
  assignments: readonly ReviewPair[];
}): {
  problems: Omit<AssignmentProblem, 'introduced'>[];
  summary: AssignmentSummary;
  hasAffinity: boolean;
} {
  const { apps, people, k, bounds, subject } = plan;
  const problems: Omit<AssignmentProblem, 'introduced'>[] = [];
  const problem = (
    code: AssignmentProblemCode,
    ids: { applicationId?: string; reviewerId?: string; requirementId?: string },
    message: string,
  ) =>
    problems.push({
      code,
      applicationId: ids.applicationId ?? null,
      reviewerId: ids.reviewerId ?? null,
      requirementId: ids.requirementId ?? null,
      message,
    });
  const seen = new Set<string>();
  const valid: ReviewPair[] = [];
  const sorted = [...assignments].sort(
    (x, y) =>
      compareText(x.applicationId, y.applicationId) || compareText(x.reviewerId, y.reviewerId),
  );
  for (const pair of sorted) {
    const a = plan.appIndex.get(pair.applicationId);
    const r = plan.reviewerIndex.get(pair.reviewerId);
    if (a === undefined) {
      problem(
        'unknown-application',
        { applicationId: pair.applicationId, reviewerId: pair.reviewerId },
        `${subject} ${pair.applicationId} is not in this round`,
      );
      continue;
    }
    if (r === undefined) {
      problem(
        'unknown-reviewer',
        { applicationId: pair.applicationId, reviewerId: pair.reviewerId },
        `${pair.reviewerId} is not a reviewer of this round`,
      );
      continue;
    }
    const key = pairKey(pair.reviewerId, pair.applicationId);
    if (seen.has(key)) {
      problem(
        'duplicate',
        pair,
        `reviewer ${pair.reviewerId} is assigned to ${subject} ${pair.applicationId} twice`,
      );
      continue;
    }
    seen.add(key);
    valid.push(pair);
    if (plan.hasConflict(a, r)) {
      problem(
        'conflict',
        pair,
        `reviewer ${pair.reviewerId} has a conflict of interest with ${subject} ${pair.applicationId}`,
      );
    }
  }
  const bestAffinity = apps.map((_, a) => {
    const values = people
      .map((__, r) => (plan.hasConflict(a, r) ? 0 : plan.affinity(a, r)))
      .sort((x, y) => y - x);
    return values.slice(0, k).reduce((s, v) => s + v, 0);
  });
  const summary = summariseAssignment({ plan, assignments: valid, bestAffinity });
  apps.forEach((application, a) => {
    const count = summary.reviewCount(a);
    if (count < k) {
      problem(
        'too-few-reviews',
        { applicationId: application.id },
        `${subject} ${application.id} has ${count} reviewer${count === 1 ? '' : 's'} (needs ${k})`,
      );
    } else if (count > k) {
      problem(
        'too-many-reviews',
        { applicationId: application.id },
        `${subject} ${application.id} has ${count} reviewers (${k} asked for)`,
      );
    }
    plan.requirements.forEach((requirement, g) => {
      let qualified = 0;
      people.forEach((_, r) => {
        if (!plan.hasConflict(a, r) && bounds[r].max > 0 && plan.qualifies(r, g)) qualified++;
      });
      const need = Math.min(requirement.min, k, qualified);
      const got = summary.qualifiedCount(a, g);
      if (got < need) {
        problem(
          'coverage-missing',
          { applicationId: application.id, requirementId: requirement.id },
          `${subject} ${application.id} has ${got} reviewer${got === 1 ? '' : 's'} with ${requirement.id} expertise (${need} available and asked for)`,
        );
      }
    });
  });
  summary.loads.forEach((load) => {
    if (load.load < load.min) {
      problem(
        'load-below-min',
        { reviewerId: load.reviewerId },
        `reviewer ${load.reviewerId} has ${load.load} reviews, below the minimum ${load.min}`,
      );
    }
    if (load.max !== null && load.load > load.max) {
      problem(
        'load-above-max',
        { reviewerId: load.reviewerId },
        `reviewer ${load.reviewerId} has ${load.load} reviews, above the maximum ${load.max}`,
      );
    }
  });
  return { problems, summary, hasAffinity: bestAffinity.some((value) => value > 0) };
}

function problemKey(problem: Omit<AssignmentProblem, 'introduced'>): string {
  return JSON.stringify([
    problem.code,
    problem.applicationId,
    problem.reviewerId,
    problem.requirementId,
  ]);
}

/** The input, validated and indexed: what the solver and the check share. */
interface AssignmentPlan {
  apps: ReviewableApplication[];
  people: AssignableReviewer[];
  appIndex: Map<string, number>;
  reviewerIndex: Map<string, number>;
  k: number;
  subject: 'application' | 'proposal';
  bounds: { min: number; max: number }[];
  fixedPerApp: number[];
  requirements: { id: string; min: number }[];
  weights: Required<AssignmentWeights>;
  warnings: string[];
  isFixed: (a: number, r: number) => boolean;
  hasConflict: (a: number, r: number) => boolean;
  affinity: (a: number, r: number) => number;
  qualifies: (r: number, g: number) => boolean;
}

function planAssignment({
  applications,
  reviewers,
  reviewsPerApplication: k,
  load = {},
  conflicts = [],
  fixed = [],
  coverage = [],
  weights = {},
  subject = 'application',
}: Omit<ReviewerAssignmentInput, 'solver'>): AssignmentPlan {
  requireCount(k, 'reviewsPerApplication');
  for (const bounds of [load, ...reviewers.map((reviewer) => reviewer.load ?? {})]) {
    if (bounds.min !== undefined) requireCount(bounds.min, 'load.min');
    if (bounds.max !== undefined) requireCount(bounds.max, 'load.max');
  }
  for (const [name, value] of Object.entries(weights)) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`weights.${name} must be a finite number ≥ 0, got ${value}`);
    }
  }
  const requirementIds = new Set<string>();
  for (const requirement of coverage) {
    if (requirementIds.has(requirement.id))
      throw new RangeError(`coverage requirement ${requirement.id} is listed twice`);
    requirementIds.add(requirement.id);
    if (requirement.min !== undefined)
      requireCount(requirement.min, `coverage ${requirement.id} min`);
  }
  const apps = uniqueById(applications, 'application');
  const people = uniqueById(reviewers, 'reviewer');
  const appIndex = new Map(apps.map((application, i) => [application.id, i]));
  const reviewerIndex = new Map(people.map((reviewer, i) => [reviewer.id, i]));
  const warnings: string[] = [];

  const R = people.length;
  const conflicted = new Set<number>();
  const conflictedInstitutions = new Map<string, Set<string>>();
  for (const conflict of conflicts) {
    if ('applicationId' in conflict) {
      const a = appIndex.get(conflict.applicationId);
      const r = reviewerIndex.get(conflict.reviewerId);
      if (a !== undefined && r !== undefined) conflicted.add(a * R + r);
    } else {
      const set = conflictedInstitutions.get(conflict.reviewerId) ?? new Set<string>();
      set.add(normaliseInstitution(conflict.institution));
      conflictedInstitutions.set(conflict.reviewerId, set);
    }
  }
  const appInstitutions = apps.map((application) =>
    normaliseInstitution(application.institution ?? ''),
  );
  const reviewerInstitutions = people.map((reviewer) =>
    normaliseInstitution(reviewer.institution ?? ''),
  );
  const hasConflict = (a: number, r: number): boolean => {
    if (apps[a].applicantId === people[r].id) return true;
    if (conflicted.has(a * R + r)) return true;
    const institution = appInstitutions[a];
    if (institution === '') return false;
    if (reviewerInstitutions[r] === institution) return true;
    return conflictedInstitutions.get(people[r].id)?.has(institution) ?? false;
  };

  const fixedKeys = new Set<string>();
  const fixedPairs = new Set<number>();
  for (const pair of fixed) {
    if (!appIndex.has(pair.applicationId) || !reviewerIndex.has(pair.reviewerId)) {
      warnings.push(
        `fixed assignment ${pair.reviewerId} → ${pair.applicationId} names an unknown ${subject} or reviewer; ignored`,
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
    fixedPairs.add(a * R + r);
    fixedPerApp[a]++;
    fixedPerReviewer[r]++;
    if (hasConflict(a, r)) {
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
        `${subject} ${application.id} already has ${fixedPerApp[a]} fixed reviews, more than ${k}`,
      );
    }
  });

  // Expertise: tags compared as institutions are.
  const expertise = people.map(
    (reviewer) => new Set((reviewer.expertise ?? []).map(normaliseInstitution)),
  );
  const disciplines = apps.map((application) => [
    ...new Set((application.disciplines ?? []).map(normaliseInstitution)),
  ]);
  const requirements = coverage.map((requirement) => ({
    id: requirement.id,
    min: requirement.min ?? 1,
    tags: new Set(requirement.expertise.map(normaliseInstitution)),
  }));
  const qualified = requirements.map((requirement) =>
    people.map((_, r) => [...requirement.tags].some((tag) => expertise[r].has(tag))),
  );
  return {
    apps,
    people,
    appIndex,
    reviewerIndex,
    k,
    subject,
    bounds,
    fixedPerApp,
    requirements: requirements.map(({ id, min }) => ({ id, min })),
    weights: {
      balance: weights.balance ?? 1,
      affinity: weights.affinity ?? 1,
      fairness: weights.fairness ?? 2,
    },
    warnings,
    isFixed: (a, r) => fixedPairs.has(a * R + r),
    hasConflict,
    affinity: (a, r) => {
      const own = disciplines[a];
      if (own.length === 0 || expertise[r].size === 0) return 0;
      let covered = 0;
      for (const tag of own) if (expertise[r].has(tag)) covered++;
      return covered / own.length;
    },
    qualifies: (r, g) => qualified[g][r],
  };
}

interface AssignmentSummary {
  loads: ReviewerLoad[];
  unfilled: UnfilledApplication[];
  affinity: AssignmentAffinity;
  reviewCount: (a: number) => number;
  qualifiedCount: (a: number, g: number) => number;
  loadSpread: (balanced: readonly boolean[]) => number;
}

function summariseAssignment({
  plan,
  assignments,
  bestAffinity,
}: {
  plan: AssignmentPlan;
  assignments: readonly ReviewPair[];
  bestAffinity: readonly number[];
}): AssignmentSummary {
  const { apps, people, k, bounds } = plan;
  const loads = new Array<number>(people.length).fill(0);
  const perApp = new Array<number>(apps.length).fill(0);
  const affinityOfApp = new Array<number>(apps.length).fill(0);
  const qualified = plan.requirements.map(() => new Array<number>(apps.length).fill(0));
  let total = 0;
  for (const pair of assignments) {
    const a = plan.appIndex.get(pair.applicationId) as number;
    const r = plan.reviewerIndex.get(pair.reviewerId) as number;
    loads[r]++;
    perApp[a]++;
    const affinity = plan.affinity(a, r);
    affinityOfApp[a] += affinity;
    total += affinity;
    plan.requirements.forEach((_, g) => {
      if (plan.qualifies(r, g)) qualified[g][a]++;
    });
  }
  let worstShare = 1;
  apps.forEach((_, a) => {
    if (bestAffinity[a] > 0) worstShare = Math.min(worstShare, affinityOfApp[a] / bestAffinity[a]);
  });
  const worstApplicationIds = apps
    .filter(
      (_, a) => bestAffinity[a] > 0 && affinityOfApp[a] / bestAffinity[a] <= worstShare + 1e-9,
    )
    .map((application) => application.id);
  return {
    loads: people.map((reviewer, r) => ({
      reviewerId: reviewer.id,
      load: loads[r],
      min: bounds[r].min,
      max: Number.isFinite(bounds[r].max) ? bounds[r].max : null,
    })),
    unfilled: apps
      .map((application, a) => ({
        applicationId: application.id,
        assigned: perApp[a],
        missing: Math.max(0, k - perApp[a]),
      }))
      .filter((entry) => entry.missing > 0),
    affinity: {
      total,
      mean: assignments.length === 0 ? 0 : total / assignments.length,
      worstShare,
      worstApplicationIds,
    },
    reviewCount: (a) => perApp[a],
    qualifiedCount: (a, g) => qualified[g][a],
    loadSpread: (balanced) => {
      const own = loads.filter((_, r) => balanced[r]);
      return own.length > 0 ? Math.max(...own) - Math.min(...own) : 0;
    },
  };
}

function abbreviatedList(ids: readonly string[], shown = 5): string {
  return ids.length <= shown
    ? ids.join(', ')
    : `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
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
