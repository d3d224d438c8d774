/**
 * The funding decision as an integer program, solved with HiGHS: which proposals to fund, and
 * with how much, within the pool.
 *
 *   x_i ∈ {0, 1}   proposal i is funded (eligible proposals only; see portfolio-rules.ts)
 *   a_i ∈ ℤ        its award: a_i = request_i·x_i, or with partial awards
 *                  min_i·x_i ≤ a_i ≤ max_i·x_i  (min_i = ⌈minFraction·request_i⌉, max_i = min(request_i, cap))
 *   Σ a_i ≤ pool
 *   Σ_{i ∈ institution} x_i ≤ maxAwardsPerInstitution
 *   Σ_{i ∈ area} x_i + miss_area ≥ minAwardsPerArea      (where possible: a miss is allowed …)
 *   x_i = 1 for must-fund; must-not-fund proposals are left out
 *   maximise Σ merit_i·a_i / request_i − W·Σ miss_area   (… at a cost above any merit)
 *
 * A partial award earns merit pro rata. With no rules the model is the 0/1 knapsack.
 *
 * Rules that cannot all hold are explained as cohort selection explains quotas: the conflicts
 * visible up front (a must-fund proposal over the cap, must-funds over the pool or over an
 * institution's maximum …), the smallest relaxation (pool, cap and institution maximums raised
 * just enough for the must-funds) and the best portfolio under it.
 *
 * "What would the next proposal need": for the best unfunded proposals, the merit at which the
 * optimiser would fund it (one more solve with it forced in: exact for full awards, sufficient
 * for partial ones) and the largest request at which it would be funded in full at its merit
 * (one more solve: maximise its request while the portfolio keeps the optimum's merit and
 * areas), or why neither helps (e.g. its institution is full).
 *
 * Optional lottery (partial randomisation), as in cohort selection: the line is the lowest
 * merit funded (must-funds aside); proposals within `tolerance` of it — or those named, e.g. the
 * ones whose intervals straddle the line — get seeded random merits over the band, drawn from
 * the seed and their id only, and the portfolio is solved again; the draw is recorded.
 *
 * Deterministic for the same inputs and seed (as long as no time limit cuts a solve short).
 */
import { compareText } from '../shared/compare-text.js';
import { solveMilp } from '../shared/highs-solver.js';
import type { MilpSolution, MilpSolveOptions, MilpStatus } from '../shared/highs-solver.js';
import { addMilpColumn, addMilpRow, createMilpModel } from '../shared/milp-model.js';
import type { MilpModel } from '../shared/milp-model.js';
import { seededUniform } from '../shared/seeded-random.js';
import type { Seed } from '../shared/seeded-random.js';
import {
  areaCoverage,
  institutionCounts,
  planPortfolio,
  portfolioViolations,
  smallestAward,
} from './portfolio-rules.js';
import type {
  AreaCoverage,
  FundingCandidate,
  IneligibleProposal,
  PortfolioLimits,
  PortfolioPlan,
  PortfolioViolation,
} from './portfolio-rules.js';

export type PortfolioLottery = { tolerance: number } | { bandIds: readonly string[] };

export interface FundingPortfolioInput extends PortfolioLimits {
  /** Seed for the lottery; stored with the run so it can be re-run. */
  seed?: Seed;
  lottery?: PortfolioLottery;
  /** How many of the best unfunded proposals to analyse. Default 1; 0 skips the analysis. */
  nextCount?: number;
  solver?: MilpSolveOptions;
}

export interface FundingAward {
  proposalId: string;
  amount: number;
  /** amount / request. */
  fraction: number;
  /** The merit it earns: merit × fraction. */
  merit: number;
  mustFund: boolean;
}

export interface NextProposal {
  proposalId: string;
  merit: number;
  request: number;
  /** Merit at which it would be funded (ties included); null when no merit would do. */
  meritNeeded: number | null;
  /** Largest request at which it would be funded at its merit; null when none would. */
  requestNeeded: number | null;
  /** What stands in its way, in words. */
  message: string;
}

export type PortfolioConflictKind =
  | 'must-fund-unknown'
  | 'must-fund-excluded'
  | 'must-fund-over-cap'
  | 'must-fund-over-pool'
  | 'must-fund-over-institution';

export interface PortfolioConflict {
  kind: PortfolioConflictKind;
  /** The proposal or institution; null for the pool. */
  group: string | null;
  by: number;
  message: string;
}

export interface PortfolioInfeasibility {
  conflicts: PortfolioConflict[];
  /** What the rules would have to give for the must-funds to fit (pool, cap, institutions). */
  relaxation: PortfolioViolation[];
  /** The best portfolio under that relaxation (a starting point, not a valid decision). */
  relaxedFundedIds: string[];
  messages: string[];
}

export interface PortfolioLotteryDraw {
  seed: Seed;
  /** Lowest merit funded (must-funds aside) before the draw. */
  line: number;
  bandIds: string[];
  /** The random merit each band member was given, by id. */
  draws: { proposalId: string; value: number }[];
  /** Band members funded after the draw. */
  drawnIds: string[];
}

export interface FundingPortfolio {
  status: MilpStatus;
  solverStatus: string;
  optimal: boolean;
  gap: number | null;
  /** Best merit first (ties by id). */
  awards: FundingAward[];
  fundedIds: string[];
  totalAwarded: number;
  moneyLeft: number;
  /** Σ merit earned (partial awards pro rata). */
  totalMerit: number;
  /** Eligible proposals not funded, best merit first. */
  unfundedIds: string[];
  ineligible: IneligibleProposal[];
  areas: AreaCoverage[];
  next: NextProposal[];
  infeasibility: PortfolioInfeasibility | null;
  lottery: PortfolioLotteryDraw | null;
  seed: Seed;
}

export async function optimiseFundingPortfolio({
  seed = 0,
  lottery,
  nextCount = 1,
  solver,
  ...limits
}: FundingPortfolioInput): Promise<FundingPortfolio> {
  const plan = planPortfolio(limits);
  if (!Number.isInteger(nextCount) || nextCount < 0)
    throw new RangeError(`nextCount must be a whole number ≥ 0, got ${nextCount}`);
  if (
    lottery &&
    'tolerance' in lottery &&
    !(lottery.tolerance >= 0 && Number.isFinite(lottery.tolerance))
  )
    throw new RangeError('lottery.tolerance must be a finite number ≥ 0');

  const conflicts = findPortfolioConflicts(plan);
  if (conflicts.length > 0) {
    const infeasibility = await explainInfeasibility({ plan, conflicts, solver });
    return {
      ...emptyResult(plan, seed),
      status: 'infeasible',
      solverStatus: 'Not solved: the rules conflict',
      infeasibility,
    };
  }

  const forced = new Set(plan.rules.mustFund ?? []);
  const merits = new Map(plan.proposals.map((proposal) => [proposal.id, proposal.merit]));
  let solved = await solvePortfolio({ plan, merits, forced, solver });
  if (solved.solution.values === null) {
    return {
      ...emptyResult(plan, seed),
      status: solved.solution.status,
      solverStatus: solved.solution.solverStatus,
    };
  }
  const meritOptimal = solved;

  let draw: PortfolioLotteryDraw | null = null;
  if (lottery) {
    const fundedMerits = [...solved.amounts.keys()]
      .filter((id) => !forced.has(id))
      .map((id) => merits.get(id) as number);
    if (fundedMerits.length > 0) {
      const line = Math.min(...fundedMerits);
      const candidates = plan.proposals.filter(
        (proposal) => plan.range.has(proposal.id) && !forced.has(proposal.id),
      );
      const band =
        'tolerance' in lottery
          ? candidates.filter((proposal) => Math.abs(proposal.merit - line) <= lottery.tolerance)
          : candidates.filter((proposal) => lottery.bandIds.includes(proposal.id));
      if (band.length > 0) {
        const [low, high] =
          'tolerance' in lottery
            ? [line - lottery.tolerance, line + lottery.tolerance]
            : [Math.min(...band.map((p) => p.merit)), Math.max(...band.map((p) => p.merit))];
        const mid = (low + high) / 2;
        const half = Math.max((high - low) / 2, 1e-9 * Math.max(1, Math.abs(mid)));
        const draws = band.map((proposal) => ({
          proposalId: proposal.id,
          value: Math.max(0, mid + half * (2 * seededUniform({ seed, key: proposal.id }) - 1)),
        }));
        const drawnMerits = new Map(merits);
        for (const entry of draws) drawnMerits.set(entry.proposalId, entry.value);
        const redrawn = await solvePortfolio({ plan, merits: drawnMerits, forced, solver });
        if (redrawn.solution.values !== null) {
          solved = redrawn;
          draw = {
            seed,
            line,
            bandIds: band.map((proposal) => proposal.id),
            draws,
            drawnIds: band.filter((p) => redrawn.amounts.has(p.id)).map((p) => p.id),
          };
        }
      }
    }
  }

  const awards = awardsOf(plan, solved.amounts, forced);
  const fundedIds = awards.map((award) => award.proposalId);
  const funded = new Set(fundedIds);
  const totalAwarded = awards.reduce((sum, award) => sum + award.amount, 0);
  const unfundedIds = byMerit(
    plan.proposals.filter((proposal) => plan.range.has(proposal.id) && !funded.has(proposal.id)),
  ).map((proposal) => proposal.id);
  const next =
    nextCount === 0
      ? []
      : await analyseNext({
          plan,
          merits,
          forced,
          optimum: meritOptimal,
          ids: byMerit(
            plan.proposals.filter(
              (proposal) => plan.range.has(proposal.id) && !meritOptimal.amounts.has(proposal.id),
            ),
          )
            .slice(0, nextCount)
            .map((proposal) => proposal.id),
          solver,
        });
  return {
    status: solved.solution.status,
    solverStatus: solved.solution.solverStatus,
    optimal: solved.solution.optimal,
    gap: solved.solution.gap,
    awards,
    fundedIds,
    totalAwarded,
    moneyLeft: plan.pool - totalAwarded,
    totalMerit: awards.reduce((sum, award) => sum + award.merit, 0),
    unfundedIds,
    ineligible: plan.ineligible,
    areas: areaCoverage(plan, funded),
    next,
    infeasibility: null,
    lottery: draw,
    seed,
  };
}

interface SolvedPortfolio {
  solution: MilpSolution;
  /** Award per funded proposal. */
  amounts: Map<string, number>;
  /** Merit earned (by the merits the model was given). */
  merit: number;
  /** Areas left short of their minimum. */
  areaMisses: number;
}

/** Builds and solves the portfolio model (see the module comment). */
async function solvePortfolio({
  plan,
  merits,
  forced,
  relaxed,
  stretch,
  solver,
}: {
  plan: PortfolioPlan;
  merits: ReadonlyMap<string, number>;
  forced: ReadonlySet<string>;
  /** Raised limits, for the relaxation of infeasible rules. */
  relaxed?: { pool: number; awardCap: number; maxPerInstitution: number | undefined };
  /**
   * Instead of maximising merit: the largest request for proposal `id` (funded in full) with
   * which a portfolio still earns `minMerit` and misses no more than `maxAreaMisses` areas.
   */
  stretch?: { id: string; minMerit: number; maxAreaMisses: number };
  solver: MilpSolveOptions | undefined;
}): Promise<SolvedPortfolio & { stretchedRequest: number | null }> {
  const pool = relaxed?.pool ?? plan.pool;
  const cap = relaxed?.awardCap ?? plan.awardCap;
  const excluded = new Set(plan.rules.mustNotFund ?? []);
  const candidates: { proposal: FundingCandidate; min: number; max: number; request: number }[] =
    [];
  for (const proposal of plan.proposals) {
    if (excluded.has(proposal.id) && !forced.has(proposal.id)) continue;
    if (proposal.id === stretch?.id) continue;
    const request = proposal.request;
    const max = Math.min(request, cap, pool);
    const min = smallestAward(plan.rules, request);
    if (request <= 0 || min > max) continue;
    candidates.push({ proposal, min, max, request });
  }

  const model: MilpModel = createMilpModel({ sense: 'maximise' });
  let totalMerit = 0;
  for (const { proposal } of candidates) totalMerit += merits.get(proposal.id) ?? 0;
  const areaCost = stretch ? 0 : totalMerit + 1;
  const meritCost = (merit: number) => (stretch ? 0 : merit);
  const meritIndices: number[] = [];
  const meritValues: number[] = [];
  const x: number[] = [];
  const amount: (number | null)[] = [];
  const poolIndices: number[] = [];
  const poolValues: number[] = [];
  for (const { proposal, min, max, request } of candidates) {
    const merit = merits.get(proposal.id) ?? 0;
    const isForced = forced.has(proposal.id);
    if (!plan.partial) {
      const column = addMilpColumn({
        model,
        column: { cost: meritCost(merit), lower: isForced ? 1 : 0, upper: 1, integer: true },
      });
      meritIndices.push(column);
      meritValues.push(merit);
      x.push(column);
      amount.push(null);
      poolIndices.push(column);
      poolValues.push(request);
      continue;
    }
    const funded = addMilpColumn({
      model,
      column: { cost: 0, lower: isForced ? 1 : 0, upper: 1, integer: true },
    });
    const award = addMilpColumn({
      model,
      column: { cost: meritCost(merit / request), lower: 0, upper: max, integer: true },
    });
    meritIndices.push(award);
    meritValues.push(merit / request);
    x.push(funded);
    amount.push(award);
    poolIndices.push(award);
    poolValues.push(1);
    addMilpRow({
      model,
      row: {
        label: `award≤max:${proposal.id}`,
        lower: Number.NEGATIVE_INFINITY,
        upper: 0,
        indices: [award, funded],
        values: [1, -max],
      },
    });
    addMilpRow({
      model,
      row: {
        label: `award≥min:${proposal.id}`,
        lower: 0,
        upper: Number.POSITIVE_INFINITY,
        indices: [award, funded],
        values: [1, -min],
      },
    });
  }
  // The stretched proposal: funded in full at a request r ≤ its own, r as large as can be.
  let stretchColumn: number | null = null;
  let stretchedMerit = 0;
  if (stretch) {
    const proposal = plan.byId.get(stretch.id) as FundingCandidate;
    stretchedMerit = merits.get(stretch.id) ?? 0;
    stretchColumn = addMilpColumn({
      model,
      column: {
        cost: 1,
        lower: 1,
        upper: Math.min(proposal.request, cap, pool),
        integer: true,
      },
    });
    poolIndices.push(stretchColumn);
    poolValues.push(1);
    addMilpRow({
      model,
      row: {
        label: `merit≥${stretch.minMerit}`,
        lower: stretch.minMerit - stretchedMerit,
        upper: Number.POSITIVE_INFINITY,
        indices: meritIndices,
        values: meritValues,
      },
    });
  }
  addMilpRow({
    model,
    row: {
      label: 'pool',
      lower: Number.NEGATIVE_INFINITY,
      upper: pool,
      indices: poolIndices,
      values: poolValues,
    },
  });
  // The stretched proposal is always funded: it takes one place in its institutions and counts
  // for its areas.
  const stretched = stretch ? (plan.byId.get(stretch.id) as FundingCandidate) : null;
  const maxPerInstitution = relaxed
    ? relaxed.maxPerInstitution
    : plan.rules.maxAwardsPerInstitution;
  if (maxPerInstitution !== undefined) {
    const members = groupColumns(candidates, x, (proposal) => plan.institutionsOf(proposal));
    const taken = new Set(stretched ? plan.institutionsOf(stretched) : []);
    for (const [institution, columns] of members) {
      const room = maxPerInstitution - (taken.has(institution) ? 1 : 0);
      if (columns.length <= room) continue;
      addMilpRow({
        model,
        row: {
          label: `institution:${institution}`,
          lower: Number.NEGATIVE_INFINITY,
          upper: room,
          indices: columns,
          values: columns.map(() => 1),
        },
      });
    }
  }
  const areaRows: string[] = [];
  const misses: number[] = [];
  if (plan.minPerArea > 0) {
    const members = groupColumns(candidates, x, (proposal) => plan.areasOf(proposal));
    const covered = new Set(stretched ? plan.areasOf(stretched) : []);
    for (const area of plan.areas) {
      const columns = members.get(area) ?? [];
      const need = plan.minPerArea - (covered.has(area) ? 1 : 0);
      if (columns.length === 0 || need <= 0) {
        if (covered.has(area)) areaRows.push(area);
        continue;
      }
      const miss = addMilpColumn({
        model,
        column: { cost: -areaCost, lower: 0, upper: need, integer: false },
      });
      misses.push(miss);
      areaRows.push(area);
      addMilpRow({
        model,
        row: {
          label: `area:${area}`,
          lower: need,
          upper: Number.POSITIVE_INFINITY,
          indices: [...columns, miss],
          values: [...columns.map(() => 1), 1],
        },
      });
    }
  }
  if (stretch) {
    addMilpRow({
      model,
      row: {
        label: 'area-misses',
        lower: Number.NEGATIVE_INFINITY,
        upper: stretch.maxAreaMisses,
        indices: misses,
        values: misses.map(() => 1),
      },
    });
  }

  const solution = await solveMilp({ model, options: solver });
  const amounts = new Map<string, number>();
  let merit = 0;
  if (solution.values !== null) {
    const values = solution.values;
    candidates.forEach(({ proposal, request }, i) => {
      if (values[x[i]] < 0.5) return;
      const column = amount[i];
      const award = column === null ? request : Math.round(values[column]);
      amounts.set(proposal.id, award);
      merit += ((merits.get(proposal.id) ?? 0) * award) / request;
    });
  }
  let stretchedRequest: number | null = null;
  if (solution.values !== null && stretched !== null && stretchColumn !== null) {
    stretchedRequest = Math.round(solution.values[stretchColumn]);
    amounts.set(stretched.id, stretchedRequest);
    merit += stretchedMerit;
  }
  let areaMisses = 0;
  if (solution.values !== null && plan.minPerArea > 0) {
    for (const area of areaRows) {
      let count = 0;
      for (const id of amounts.keys()) {
        if (plan.areasOf(plan.byId.get(id) as FundingCandidate).includes(area)) count++;
      }
      areaMisses += Math.max(0, plan.minPerArea - count);
    }
  }
  return { solution, amounts, merit, areaMisses, stretchedRequest };
}

function groupColumns(
  candidates: readonly { proposal: FundingCandidate }[],
  x: readonly number[],
  keys: (proposal: FundingCandidate) => string[],
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  candidates.forEach(({ proposal }, i) => {
    for (const key of keys(proposal)) {
      const group = groups.get(key);
      if (group) group.push(x[i]);
      else groups.set(key, [x[i]]);
    }
  });
  return new Map([...groups].sort(([a], [b]) => compareText(a, b)));
}

/** Conflicts between must-fund proposals and the other rules, visible without solving. */
export function findPortfolioConflicts(plan: PortfolioPlan): PortfolioConflict[] {
  const conflicts: PortfolioConflict[] = [];
  const excluded = new Set(plan.rules.mustNotFund ?? []);
  const fundable: FundingCandidate[] = [];
  for (const id of [...new Set(plan.rules.mustFund ?? [])].sort(compareText)) {
    const proposal = plan.byId.get(id);
    if (proposal === undefined) {
      conflicts.push({
        kind: 'must-fund-unknown',
        group: id,
        by: 1,
        message: `must-fund ${id} is not a proposal of this round`,
      });
    } else if (excluded.has(id)) {
      conflicts.push({
        kind: 'must-fund-excluded',
        group: id,
        by: 1,
        message: `${id} is on both the must-fund and the must-not-fund list`,
      });
    } else if (!plan.range.has(id)) {
      const reason = plan.ineligible.find((entry) => entry.proposalId === id);
      const min = minimumAward(plan, proposal);
      if (reason?.reason === 'over-cap') {
        conflicts.push({
          kind: 'must-fund-over-cap',
          group: id,
          by: min - plan.awardCap,
          message: `must-fund ${reason.message}`,
        });
      } else {
        fundable.push(proposal);
      }
    } else {
      fundable.push(proposal);
    }
  }
  const needed = fundable.reduce((sum, proposal) => sum + minimumAward(plan, proposal), 0);
  if (needed > plan.pool) {
    conflicts.push({
      kind: 'must-fund-over-pool',
      group: null,
      by: needed - plan.pool,
      message: `must-fund proposals need at least ${needed}, above the pool of ${plan.pool} (by ${needed - plan.pool})`,
    });
  }
  const max = plan.rules.maxAwardsPerInstitution;
  if (max !== undefined) {
    for (const [institution, count] of institutionCounts(plan, fundable)) {
      if (count > max) {
        conflicts.push({
          kind: 'must-fund-over-institution',
          group: institution,
          by: count - max,
          message: `institution ${institution} has ${count} must-fund proposals, above the maximum of ${max} awards`,
        });
      }
    }
  }
  return conflicts;
}

function minimumAward(plan: PortfolioPlan, proposal: FundingCandidate): number {
  return smallestAward(plan.rules, proposal.request);
}

async function explainInfeasibility({
  plan,
  conflicts,
  solver,
}: {
  plan: PortfolioPlan;
  conflicts: PortfolioConflict[];
  solver: MilpSolveOptions | undefined;
}): Promise<PortfolioInfeasibility> {
  // Keep every known must-fund proposal (must-fund wins over must-not-fund), and raise the
  // pool, the cap and the institution maximum just enough for them.
  const forced = new Set((plan.rules.mustFund ?? []).filter((id) => plan.byId.has(id)));
  const forcedProposals = [...forced].map((id) => plan.byId.get(id) as FundingCandidate);
  const smallest = (proposal: FundingCandidate) =>
    Math.min(minimumAward(plan, proposal), proposal.request);
  const awardCap = Math.max(
    Number.isFinite(plan.awardCap) ? plan.awardCap : 0,
    ...forcedProposals.map(smallest),
  );
  const needed = forcedProposals.reduce((sum, proposal) => sum + smallest(proposal), 0);
  const pool = Math.max(plan.pool, needed);
  let maxPerInstitution = plan.rules.maxAwardsPerInstitution;
  if (maxPerInstitution !== undefined) {
    const counts = institutionCounts(plan, forcedProposals).map(([, count]) => count);
    maxPerInstitution = Math.max(maxPerInstitution, ...counts);
  }
  const relaxedPlan: PortfolioPlan = {
    ...plan,
    rules: {
      ...plan.rules,
      mustNotFund: (plan.rules.mustNotFund ?? []).filter((id) => !forced.has(id)),
    },
  };
  const solved = await solvePortfolio({
    plan: relaxedPlan,
    merits: new Map(plan.proposals.map((proposal) => [proposal.id, proposal.merit])),
    forced,
    relaxed: {
      pool,
      awardCap: Number.isFinite(plan.awardCap) ? awardCap : Number.POSITIVE_INFINITY,
      maxPerInstitution,
    },
    solver,
  });
  const relaxedFundedIds = byMerit(
    [...solved.amounts.keys()].map((id) => plan.byId.get(id) as FundingCandidate),
  ).map((proposal) => proposal.id);
  const relaxation = portfolioViolations(plan, solved.amounts);
  let largest: [string, number] | null = null;
  for (const [id, amount] of [...solved.amounts].sort(([a], [b]) => compareText(a, b))) {
    if (amount > plan.awardCap && (largest === null || amount > largest[1])) largest = [id, amount];
  }
  if (largest !== null) {
    const [id, amount] = largest;
    relaxation.push({
      rule: 'awardCap',
      group: id,
      limit: plan.awardCap,
      actual: amount,
      by: amount - plan.awardCap,
      message: `${id} would be awarded ${amount}, above the per-award cap ${plan.awardCap}`,
    });
  }
  const messages = [
    ...conflicts.map((conflict) => conflict.message),
    ...relaxation
      .filter((violation) => violation.rule !== 'mustFund')
      .map((violation) => `to fund the must-fund proposals: ${relaxationMessage(violation)}`),
  ];
  return { conflicts, relaxation, relaxedFundedIds, messages };
}

function relaxationMessage(violation: PortfolioViolation): string {
  switch (violation.rule) {
    case 'pool':
      return `raise the pool from ${violation.limit} to ${violation.actual} (by ${violation.by})`;
    case 'awardCap':
      return `raise the per-award cap from ${violation.limit} to ${violation.actual} (by ${violation.by})`;
    case 'institution':
      return `institution ${violation.group}: raise the maximum from ${violation.limit} to ${violation.actual} awards`;
    case 'mustNotFund':
      return `take ${violation.group} off the must-not-fund list`;
    case 'mustFund':
    case 'request':
    case 'partialAwards':
    case 'unknown':
    case 'duplicate':
      return violation.message;
  }
}

async function analyseNext({
  plan,
  merits,
  forced,
  optimum,
  ids,
  solver,
}: {
  plan: PortfolioPlan;
  merits: ReadonlyMap<string, number>;
  forced: ReadonlySet<string>;
  optimum: SolvedPortfolio;
  ids: readonly string[];
  solver: MilpSolveOptions | undefined;
}): Promise<NextProposal[]> {
  const analyses: NextProposal[] = [];
  const tolerance = 1e-9 * Math.max(1, optimum.merit);
  for (const id of ids) {
    const proposal = plan.byId.get(id) as FundingCandidate;
    const withIt = new Set([...forced, id]);
    const forcedIn = await solvePortfolio({ plan, merits, forced: withIt, solver });
    let meritNeeded: number | null = null;
    let reason = '';
    if (forcedIn.solution.values === null) {
      reason =
        'funding it would break a rule (the pool or an institution maximum, with the must-funds)';
    } else if (forcedIn.areaMisses > optimum.areaMisses) {
      reason = 'funding it would leave a challenge area without its awards';
    } else {
      const fraction = (forcedIn.amounts.get(id) as number) / proposal.request;
      meritNeeded = proposal.merit + Math.max(0, optimum.merit - forcedIn.merit) / fraction;
    }

    // The largest request at which it would be funded in full: one solve that maximises it
    // while the portfolio keeps the optimum's merit and areas.
    const stretched = await solvePortfolio({
      plan,
      merits,
      forced,
      stretch: { id, minMerit: optimum.merit - tolerance, maxAreaMisses: optimum.areaMisses },
      solver,
    });
    const requestNeeded = stretched.stretchedRequest;
    const parts: string[] = [];
    if (meritNeeded !== null)
      parts.push(`with a merit of ${round(meritNeeded)} (now ${round(proposal.merit)})`);
    if (requestNeeded !== null)
      parts.push(
        `with a request of at most ${requestNeeded} (now ${proposal.request}, a cut of ${proposal.request - requestNeeded})`,
      );
    const message =
      parts.length > 0
        ? `${id} would be funded ${parts.join(', or ')}`
        : `${id} cannot be funded by a better score or a smaller request: ${reason || 'the rules leave no room for it'}`;
    analyses.push({
      proposalId: id,
      merit: proposal.merit,
      request: proposal.request,
      meritNeeded,
      requestNeeded,
      message,
    });
  }
  return analyses;
}

function awardsOf(
  plan: PortfolioPlan,
  amounts: ReadonlyMap<string, number>,
  forced: ReadonlySet<string>,
): FundingAward[] {
  return byMerit([...amounts.keys()].map((id) => plan.byId.get(id) as FundingCandidate)).map(
    (proposal) => {
      const amount = amounts.get(proposal.id) as number;
      const fraction = amount / proposal.request;
      return {
        proposalId: proposal.id,
        amount,
        fraction,
        merit: proposal.merit * fraction,
        mustFund: forced.has(proposal.id),
      };
    },
  );
}

function emptyResult(plan: PortfolioPlan, seed: Seed): FundingPortfolio {
  return {
    status: 'no-solution',
    solverStatus: '',
    optimal: false,
    gap: null,
    awards: [],
    fundedIds: [],
    totalAwarded: 0,
    moneyLeft: plan.pool,
    totalMerit: 0,
    unfundedIds: [],
    ineligible: plan.ineligible,
    areas: areaCoverage(plan, new Set()),
    next: [],
    infeasibility: null,
    lottery: null,
    seed,
  };
}

function byMerit<T extends { id: string; merit: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.merit - a.merit || compareText(a.id, b.id));
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
