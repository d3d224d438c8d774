/**
 * Cohort selection as an integer program, solved with HiGHS.
 *
 *   maximise   Σ merit_i · x_i            x_i ∈ {0, 1}, one per eligible applicant
 *   subject to Σ x_i = capacity
 *              min_g ≤ Σ_{i ∈ g} x_i ≤ max_g   per discipline, career stage, organisation type
 *              Σ_{i ∈ institution} x_i ≤ maxPerInstitution, likewise per country
 *              x_i = 1 for must-include, x_i absent for must-exclude and unavailable applicants
 *
 * Eligible means available for the whole workshop, or overridden by the organiser.
 *
 * When the quotas cannot all hold, nothing is thrown: the result lists the conflicts visible
 * up front (`findQuotaConflicts`) and solves an elastic version of the model in which every
 * quota may be broken at a cost (capacity much dearer than the others), so the smallest
 * relaxation that makes the quotas feasible is reported quota by quota.
 *
 * The unconstrained top-N is the best `capacity` eligible applicants by merit, ignoring every
 * quota and the must-include / must-exclude lists; the price of diversity is its merit minus
 * the selection's.
 *
 * Optional lottery (partial randomisation): after the merit-optimal selection, the selection
 * line is the lowest merit among the selected applicants that were not must-include. Every
 * candidate within `tolerance` of that line is in the band and gets a seeded random score
 * spread over line ± tolerance (a draw that depends on the seed and the applicant id only);
 * the model is solved again, so the band is drawn by lot while every quota still holds and
 * everyone clearly above or below the band keeps their place.
 *
 * Applicants are processed in id order, so the same inputs and seed give the same result
 * whatever order they are listed in (unless a time limit cuts a solve short).
 */
import { compareText } from '../shared/compare-text.js';
import { solveMilp } from '../shared/highs-solver.js';
import type { MilpSolveOptions } from '../shared/highs-solver.js';
import {
  addElasticRow,
  addMilpColumn,
  addMilpRow,
  createMilpModel,
  tieBreakWeight,
} from '../shared/milp-model.js';
import type { MilpModel } from '../shared/milp-model.js';
import { seededUniform } from '../shared/seeded-random.js';
import type { Seed } from '../shared/seeded-random.js';
import {
  QUOTA_CATEGORIES,
  QUOTA_LABELS,
  findQuotaConflicts,
  findQuotaViolations,
  isEligible,
  validateCohortInput,
} from './cohort-quotas.js';
import type { CohortApplicant } from './cohort-applicant.js';
import type { CohortQuotas, QuotaConflict, QuotaKind, QuotaViolation } from './cohort-quotas.js';

export interface CohortLottery {
  /** Merit distance from the selection line within which applicants are drawn by lot (≥ 0). */
  tolerance: number;
}

export interface CohortSelectionInput {
  applicants: readonly CohortApplicant[];
  capacity: number;
  quotas?: CohortQuotas;
  /** Seed for the lottery; stored with the run so it can be re-run. */
  seed?: Seed;
  lottery?: CohortLottery;
  solver?: MilpSolveOptions;
}

export type CohortSelectionStatus = 'optimal' | 'feasible' | 'infeasible' | 'no-solution';

export interface CohortInfeasibility {
  /** Reasons visible without solving (may be empty when quotas only clash in combination). */
  conflicts: QuotaConflict[];
  /**
   * The smallest relaxation found by the elastic model: each quota that must give, and by how
   * much, for a selection to exist.
   */
  relaxation: QuotaViolation[];
  /** The best selection under that relaxation (a starting point, not a valid cohort). */
  relaxedSelectedIds: string[];
  /** One sentence per conflict and relaxation, for the organiser. */
  messages: string[];
}

export interface CohortLotteryDraw {
  tolerance: number;
  seed: Seed;
  /** Merit of the lowest selected applicant (must-includes aside) before the draw. */
  line: number;
  /** Applicants within the tolerance of the line, by id. */
  bandIds: string[];
  /** Band members selected by the draw, by id. */
  drawnIds: string[];
}

export interface CohortSelection {
  /** optimal: proved optimal; feasible: a limit stopped the solver with a valid cohort. */
  status: CohortSelectionStatus;
  /** HiGHS' model status, for the run record. */
  solverStatus: string;
  /** The solver proved optimality (within its relative gap tolerance). */
  optimal: boolean;
  /** Relative MIP gap of the final solve; null without a solution. */
  gap: number | null;
  /** Selected applicant ids, best merit first (ties by id); empty when infeasible. */
  selectedIds: string[];
  /** Total merit of the selection; null when nothing could be selected. */
  objective: number | null;
  /** The best `capacity` eligible applicants by merit, ignoring quotas. */
  unconstrained: { selectedIds: string[]; merit: number };
  /** Merit given up for the quotas: absolute, and relative to |unconstrained merit|. */
  priceOfDiversity: { absolute: number; relative: number | null } | null;
  /** Eligible, not excluded, not selected: best first (the lottery order inside its band). */
  waitlistIds: string[];
  /** Applicants not available for the whole workshop and not overridden, by id. */
  ineligibleIds: string[];
  infeasibility: CohortInfeasibility | null;
  lottery: CohortLotteryDraw | null;
  seed: Seed;
}

/** Cost of one unit of quota relaxation in the elastic model (merit is scaled below 1). */
const QUOTA_SLACK_COST = 1;
/** Leaving a place empty (or overfilling) costs far more than relaxing a quota. */
const CAPACITY_SLACK_COST = 1000;

export async function selectCohort({
  applicants,
  capacity,
  quotas = {},
  seed = 0,
  lottery,
  solver,
}: CohortSelectionInput): Promise<CohortSelection> {
  validateCohortInput({ applicants, capacity, quotas });
  if (lottery && !(lottery.tolerance >= 0 && Number.isFinite(lottery.tolerance))) {
    throw new RangeError('lottery.tolerance must be a finite number ≥ 0');
  }
  const ordered = [...applicants].sort((a, b) => compareText(a.id, b.id));
  const excluded = new Set(quotas.mustExclude ?? []);
  const candidates = ordered.filter(
    (applicant) => isEligible(applicant) && !excluded.has(applicant.id),
  );
  const candidateIds = new Set(candidates.map((applicant) => applicant.id));
  const forced = new Set((quotas.mustInclude ?? []).filter((id) => candidateIds.has(id)));
  const ineligibleIds = ordered
    .filter((applicant) => !isEligible(applicant))
    .map((applicant) => applicant.id);

  const unconstrainedIds = byMerit(ordered.filter(isEligible))
    .slice(0, capacity)
    .map((a) => a.id);
  const unconstrainedMerit = sumMerit(ordered, unconstrainedIds);
  const base = {
    unconstrained: { selectedIds: unconstrainedIds, merit: unconstrainedMerit },
    ineligibleIds,
    seed,
  };

  const conflicts = findQuotaConflicts({ applicants: ordered, capacity, quotas });
  const costs = candidates.map((applicant) => applicant.merit);
  let solution =
    conflicts.length === 0
      ? await solveMilp({
          model: buildCohortModel({ candidates, costs, capacity, quotas, forced, elastic: false }),
          options: solver,
        })
      : null;

  if (solution === null || solution.status === 'infeasible') {
    const infeasibility = await explainInfeasibility({
      applicants: ordered,
      candidates,
      capacity,
      quotas,
      forced,
      conflicts,
      solver,
    });
    return {
      status: 'infeasible',
      solverStatus: solution?.solverStatus ?? 'Not solved: the quotas conflict',
      optimal: false,
      gap: null,
      selectedIds: [],
      objective: null,
      priceOfDiversity: null,
      waitlistIds: [],
      infeasibility,
      lottery: null,
      ...base,
    };
  }
  if (solution.values === null) {
    return {
      status: 'no-solution',
      solverStatus: solution.solverStatus,
      optimal: false,
      gap: null,
      selectedIds: [],
      objective: null,
      priceOfDiversity: null,
      waitlistIds: [],
      infeasibility: null,
      lottery: null,
      ...base,
    };
  }

  let selected = chosen(candidates, solution.values);
  let draw: CohortLotteryDraw | null = null;
  if (lottery) {
    const line = Math.min(
      ...selected
        .filter((applicant) => !forced.has(applicant.id))
        .map((applicant) => applicant.merit),
    );
    if (Number.isFinite(line)) {
      const band = candidates.filter(
        (applicant) =>
          !forced.has(applicant.id) && Math.abs(applicant.merit - line) <= lottery.tolerance,
      );
      const bandIds = new Set(band.map((applicant) => applicant.id));
      candidates.forEach((applicant, i) => {
        if (bandIds.has(applicant.id)) {
          const u = seededUniform({ seed, key: applicant.id });
          costs[i] = line + lottery.tolerance * (2 * u - 1);
        }
      });
      const redrawn = await solveMilp({
        model: buildCohortModel({ candidates, costs, capacity, quotas, forced, elastic: false }),
        options: solver,
      });
      if (redrawn.values !== null) {
        solution = redrawn;
        selected = chosen(candidates, redrawn.values);
        const selectedIds = new Set(selected.map((applicant) => applicant.id));
        draw = {
          tolerance: lottery.tolerance,
          seed,
          line,
          bandIds: [...bandIds],
          drawnIds: [...bandIds].filter((id) => selectedIds.has(id)),
        };
      } else {
        // The draw could not be solved (e.g. a time limit): keep the merit-optimal cohort.
        candidates.forEach((applicant, i) => (costs[i] = applicant.merit));
      }
    }
  }

  const selectedIds = byMerit(selected).map((applicant) => applicant.id);
  const selectedSet = new Set(selectedIds);
  const objective = sumMerit(selected, selectedIds);
  const absolute = unconstrainedMerit - objective;
  const effective = new Map(candidates.map((applicant, i) => [applicant.id, costs[i]]));
  const waitlistIds = candidates
    .filter((applicant) => !selectedSet.has(applicant.id))
    .sort(
      (a, b) =>
        (effective.get(b.id) as number) - (effective.get(a.id) as number) ||
        b.merit - a.merit ||
        compareText(a.id, b.id),
    )
    .map((applicant) => applicant.id);

  return {
    status: solution.status === 'optimal' ? 'optimal' : 'feasible',
    solverStatus: solution.solverStatus,
    optimal: solution.optimal,
    gap: solution.gap,
    selectedIds,
    objective,
    priceOfDiversity: {
      absolute,
      relative: unconstrainedMerit === 0 ? null : absolute / Math.abs(unconstrainedMerit),
    },
    waitlistIds,
    infeasibility: null,
    lottery: draw,
    ...base,
  };
}

/**
 * Builds the selection model over the candidates (column i is candidate i). In the elastic
 * version every row gets slack columns that may break it at a cost, must-include becomes a
 * row instead of a bound, and merit is scaled so that it only breaks ties between equally
 * small relaxations.
 */
function buildCohortModel({
  candidates,
  costs,
  capacity,
  quotas,
  forced,
  elastic,
}: {
  candidates: readonly CohortApplicant[];
  costs: readonly number[];
  capacity: number;
  quotas: CohortQuotas;
  forced: ReadonlySet<string>;
  elastic: boolean;
}): MilpModel {
  const model = createMilpModel({ sense: 'maximise' });
  const meritScale = elastic ? meritScaleBelowOne(costs, capacity) : 1;
  candidates.forEach((applicant, i) => {
    const isForced = forced.has(applicant.id);
    addMilpColumn({
      model,
      column: {
        cost: costs[i] * meritScale,
        lower: isForced && !elastic ? 1 : 0,
        upper: 1,
        integer: true,
      },
    });
  });
  const all = candidates.map((_, i) => i);

  const addRow = (
    label: string,
    columns: number[],
    lower: number,
    upper: number,
    slackCost: number,
  ) => {
    if (lower <= 0 && upper >= columns.length) return; // cannot bind
    const ones = columns.map(() => 1);
    if (!elastic) {
      addMilpRow({ model, row: { label, lower, upper, indices: columns, values: ones } });
      return;
    }
    addElasticRow({
      model,
      row: {
        label,
        lower: lower > 0 ? lower : Number.NEGATIVE_INFINITY,
        upper: upper < columns.length ? upper : Number.POSITIVE_INFINITY,
        indices: columns,
        values: ones,
      },
      cost: slackCost,
    });
  };

  addRow('capacity', all, capacity, capacity, CAPACITY_SLACK_COST);
  for (const category of QUOTA_CATEGORIES) {
    const groups = groupIndices(candidates, (applicant) => applicant[category]);
    for (const [group, bounds] of Object.entries(quotas[category] ?? {}).sort(([a], [b]) =>
      compareText(a, b),
    )) {
      addRow(
        `${category}:${group}`,
        groups.get(group) ?? [],
        bounds.min ?? 0,
        bounds.max ?? Number.POSITIVE_INFINITY,
        QUOTA_SLACK_COST,
      );
    }
  }
  const caps = [
    { quota: 'institution' as const, max: quotas.maxPerInstitution },
    { quota: 'country' as const, max: quotas.maxPerCountry },
  ];
  for (const { quota, max } of caps) {
    if (max === undefined) continue;
    const groups = groupIndices(candidates, (applicant) => applicant[quota]);
    for (const [group, columns] of [...groups].sort(([a], [b]) => compareText(a, b))) {
      if (columns.length > max) addRow(`${quota}:${group}`, columns, 0, max, QUOTA_SLACK_COST);
    }
  }
  if (elastic) {
    candidates.forEach((applicant, i) => {
      if (forced.has(applicant.id))
        addRow(`mustInclude:${applicant.id}`, [i], 1, 1, QUOTA_SLACK_COST);
    });
  }
  return model;
}

async function explainInfeasibility({
  applicants,
  candidates,
  capacity,
  quotas,
  forced,
  conflicts,
  solver,
}: {
  applicants: readonly CohortApplicant[];
  candidates: readonly CohortApplicant[];
  capacity: number;
  quotas: CohortQuotas;
  forced: ReadonlySet<string>;
  conflicts: QuotaConflict[];
  solver: MilpSolveOptions | undefined;
}): Promise<CohortInfeasibility> {
  const costs = candidates.map((applicant) => applicant.merit);
  const elastic = await solveMilp({
    model: buildCohortModel({ candidates, costs, capacity, quotas, forced, elastic: true }),
    options: solver,
  });
  const relaxedSelectedIds = elastic.values
    ? byMerit(chosen(candidates, elastic.values)).map((a) => a.id)
    : [];
  const relaxation = elastic.values
    ? findQuotaViolations({ applicants, selectedIds: relaxedSelectedIds, capacity, quotas })
    : [];
  const messages = [
    ...conflicts.map((conflict) => conflict.message),
    ...relaxation.map((violation) => relaxationMessage(violation)),
  ];
  if (relaxation.length > 1)
    messages.push(
      `these ${relaxation.length} changes are needed together: one alone does not allow a cohort`,
    );
  if (messages.length === 0) messages.push('the quotas cannot all hold together');
  return { conflicts, relaxation, relaxedSelectedIds, messages };
}

function relaxationMessage(violation: QuotaViolation): string {
  const label =
    violation.group === null
      ? QUOTA_LABELS[violation.quota]
      : `${QUOTA_LABELS[violation.quota]} ${violation.group}`;
  const verbs: Readonly<Record<QuotaKind, string>> = {
    capacity: `fill only ${violation.actual} of ${violation.limit} places`,
    discipline: '',
    careerStage: '',
    organisationType: '',
    institution: '',
    country: '',
    mustInclude: 'leave this applicant out',
    mustExclude: 'select this applicant',
    availability: 'select this applicant',
  };
  const specific = verbs[violation.quota];
  if (specific !== '') return `to select a cohort: ${label}: ${specific}`;
  const change =
    violation.bound === 'min'
      ? `lower the minimum from ${violation.limit} to ${violation.actual}`
      : `raise the maximum from ${violation.limit} to ${violation.actual}`;
  return `to select a cohort: ${label}: ${change} (by ${violation.by})`;
}

function meritScaleBelowOne(costs: readonly number[], capacity: number): number {
  let range = 0;
  for (const cost of costs) range = Math.max(range, Math.abs(cost));
  return tieBreakWeight({ maxMagnitude: 2 * range * Math.max(1, capacity) });
}

function groupIndices(
  candidates: readonly CohortApplicant[],
  key: (applicant: CohortApplicant) => string,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  candidates.forEach((applicant, i) => {
    const k = key(applicant);
    const group = groups.get(k);
    if (group) group.push(i);
    else groups.set(k, [i]);
  });
  return groups;
}

function chosen(candidates: readonly CohortApplicant[], values: Float64Array): CohortApplicant[] {
  return candidates.filter((_, i) => values[i] > 0.5);
}

function byMerit<T extends { id: string; merit: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.merit - a.merit || compareText(a.id, b.id));
}

function sumMerit(applicants: readonly CohortApplicant[], ids: readonly string[]): number {
  const merits = new Map(applicants.map((applicant) => [applicant.id, applicant.merit]));
  let sum = 0;
  for (const id of ids) sum += merits.get(id) ?? 0;
  return sum;
}
