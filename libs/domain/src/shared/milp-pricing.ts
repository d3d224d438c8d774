/**
 * A MILP with very many candidate columns (every reviewer × proposal pair of a large round),
 * solved by pricing (column generation) so that HiGHS only ever sees the columns that matter.
 *
 * 1. The model starts with its own columns (slacks and the like) and the candidates listed as
 *    `initial`.
 * 2. Its linear relaxation is solved; with the row duals y every candidate left out is priced:
 *    improvement_j = s·(c_j − Σ_i y_i·a_ij), s = +1 for a maximisation, −1 for a minimisation.
 *    Candidates that would improve the relaxation are added, and it is solved again, until
 *    none would: the relaxation of the restricted model is then the relaxation of the full one.
 * 3. The restricted MILP is solved. Any solution using a left-out candidate j is worth at most
 *    z_LP + improvement_j (LP duality), so the bound on the full problem is
 *    max(restricted MILP bound, z_LP + best left-out improvement), and the gap reported is
 *    measured against it. When left-out candidates could still beat the incumbent they are
 *    added and the MILP solved again (a few rounds at most).
 *
 * The result is therefore exact about what it claims: `optimal` means proved optimal for the
 * full model (within the relative gap asked for), and `gap` bounds the distance to the full
 * optimum. Deterministic for a given model, as long as no time limit cuts a solve short.
 */
import { openLpSession, solveMilp } from './highs-solver.js';
import type { MilpSolution, MilpSolveOptions } from './highs-solver.js';
import type { MilpColumnEntries, MilpModel } from './milp-model.js';

export type MilpCandidateColumn = MilpColumnEntries;

export interface MilpCandidates {
  count: number;
  /** The column of candidate i (called again for each pricing round; keep it cheap). */
  column: (index: number) => MilpCandidateColumn;
  /** Candidates in the model from the start (those with a lower bound > 0 must be here). */
  initial: readonly number[];
  /**
   * Optional grouping (e.g. the application a pair belongs to): each pricing round adds at most
   * a few of the best candidates per group, so a round spreads over the model instead of piling
   * up near-equivalent columns in one place.
   */
  group?: (index: number) => number;
}

export interface PricedMilpSolution extends MilpSolution {
  /** Value of each candidate (0 for those never added); null without a solution. */
  candidateValues: Float64Array | null;
  /** How many candidates were added to the model. */
  candidatesUsed: number;
  /** Linear relaxation solves, pricing included. */
  pricingRounds: number;
}

/** Improvements below this count as none (HiGHS' dual feasibility tolerance is 1e-7). */
const IMPROVEMENT_TOLERANCE = 1e-6;
const MAX_PRICING_ROUNDS = 60;
const MAX_MILP_ROUNDS = 4;
const PER_GROUP = 2;

export async function solveMilpWithPricing({
  model: base,
  candidates,
  options = {},
}: {
  model: MilpModel;
  candidates: MilpCandidates;
  options?: MilpSolveOptions;
}): Promise<PricedMilpSolution> {
  const sign = base.sense === 'maximise' ? 1 : -1;
  const model: MilpModel = {
    ...base,
    columns: [...base.columns],
    rows: base.rows.map((row) => ({ ...row, indices: [...row.indices], values: [...row.values] })),
  };
  const baseColumns = base.columns.length;
  const columnOf = new Int32Array(candidates.count).fill(-1);
  const candidateAt: number[] = [];
  const add = (index: number): void => {
    if (columnOf[index] >= 0) return;
    const column = candidates.column(index);
    const at = model.columns.length;
    model.columns.push({
      cost: column.cost,
      lower: column.lower,
      upper: column.upper,
      integer: column.integer,
    });
    for (let k = 0; k < column.indices.length; k++) {
      const row = model.rows[column.indices[k]];
      row.indices.push(at);
      row.values.push(column.values[k]);
    }
    columnOf[index] = at;
    candidateAt.push(index);
  };
  for (const index of candidates.initial) add(index);

  let remaining = options.timeLimitSeconds ?? 30;
  const batch = Math.max(500, 2 * model.rows.length);

  /**
   * Left-out candidates by improvement under the duals, best first (above `threshold`, and in
   * the pricing rounds above rounding noise: reduced costs are sums of duals).
   */
  const price = (
    duals: Float64Array,
    threshold: number | 'improving',
  ): { best: number; found: number[] } => {
    let cut: number;
    if (threshold === 'improving') {
      let scale = 1;
      for (const dual of duals) scale = Math.max(scale, Math.abs(dual));
      cut = Math.max(IMPROVEMENT_TOLERANCE, 1e-9 * scale);
    } else {
      cut = threshold;
    }
    let best = Number.NEGATIVE_INFINITY;
    const found: { index: number; improvement: number }[] = [];
    for (let index = 0; index < candidates.count; index++) {
      if (columnOf[index] >= 0) continue;
      const column = candidates.column(index);
      if (column.upper <= 0) continue;
      let reduced = column.cost;
      for (let k = 0; k < column.indices.length; k++)
        reduced -= duals[column.indices[k]] * column.values[k];
      const improvement = sign * reduced;
      if (improvement > best) best = improvement;
      if (improvement > cut) found.push({ index, improvement });
    }
    found.sort((a, b) => b.improvement - a.improvement || a.index - b.index);
    return { best, found: found.map((entry) => entry.index) };
  };

  /** The best candidates (given best first), at most PER_GROUP per group and `limit` in all. */
  const spread = (found: readonly number[], limit: number): number[] => {
    const group = candidates.group;
    if (group === undefined) return found.slice(0, limit);
    const taken = new Map<number, number>();
    const chosen: number[] = [];
    for (const index of found) {
      if (chosen.length >= limit) break;
      const g = group(index);
      const count = taken.get(g) ?? 0;
      if (count >= PER_GROUP) continue;
      taken.set(g, count + 1);
      chosen.push(index);
    }
    return chosen;
  };

  // Pricing on the linear relaxation, warm-started from one round to the next.
  let pricingRounds = 0;
  let relaxation: { objective: number; duals: Float64Array; values: Float64Array } | null = null;
  const everyCandidateIn = (): boolean => candidateAt.length === candidates.count;
  if (!everyCandidateIn()) {
    const session = await openLpSession({ model });
    try {
      while (pricingRounds < MAX_PRICING_ROUNDS && remaining > 0) {
        const lp = session.solve({ timeLimitSeconds: remaining });
        pricingRounds++;
        remaining -= lp.seconds;
        if (!lp.optimal || lp.rowDuals === null || lp.objective === null || lp.values === null) {
          relaxation = null;
          break;
        }
        relaxation = { objective: lp.objective, duals: lp.rowDuals, values: lp.values };
        const { found } = price(lp.rowDuals, 'improving');
        if (found.length === 0) break;
        relaxation = null; // not yet the relaxation of the full model
        const added = spread(found, batch);
        for (const index of added) add(index);
        session.addColumns(added.map((index) => candidates.column(index)));
      }
    } finally {
      session.dispose();
    }
  }

  // An integral relaxation is already the optimum: no branch and bound needed.
  if (relaxation !== null && isIntegral(model, relaxation.values)) {
    return finish({
      solution: {
        status: 'optimal',
        solverStatus: 'Optimal',
        optimal: true,
        gap: 0,
        objective: relaxation.objective,
        values: relaxation.values,
        bound: relaxation.objective,
        seconds: 0,
      },
      proved: true,
    });
  }

  // The MILP over the columns priced in, with more added while left-out ones could still pay.
  let best: MilpSolution | null = null;
  let bestLeftOut = Number.NEGATIVE_INFINITY;
  for (let round = 0; ; round++) {
    const solution = await solveMilp({
      model,
      options: { ...options, timeLimitSeconds: Math.max(remaining, 0.5) },
    });
    remaining -= solution.seconds;
    // A later round has more columns; should a time limit leave it worse, keep the earlier one.
    if (
      best === null ||
      (solution.objective !== null &&
        (best.objective === null || sign * solution.objective >= sign * best.objective))
    ) {
      best = { ...solution, values: solution.values?.slice(0, model.columns.length) ?? null };
    }
    if (relaxation === null || best.objective === null) break;
    // A solution using left-out column j is worth at most z_LP + improvement_j.
    const incumbent = sign * best.objective;
    const { best: bestImprovement, found } = price(
      relaxation.duals,
      incumbent - sign * relaxation.objective + IMPROVEMENT_TOLERANCE,
    );
    bestLeftOut = bestImprovement;
    if (found.length === 0 || remaining <= 0 || round + 1 >= MAX_MILP_ROUNDS) break;
    for (const index of found.slice(0, batch)) add(index);
  }
  return finish({ solution: best as MilpSolution, proved: false });

  function finish({
    solution,
    proved,
  }: {
    solution: MilpSolution;
    proved: boolean;
  }): PricedMilpSolution {
    const candidateValues = solution.values === null ? null : new Float64Array(candidates.count);
    if (candidateValues !== null && solution.values !== null) {
      for (let k = 0; k < candidateAt.length; k++) {
        const at = baseColumns + k;
        candidateValues[candidateAt[k]] = at < solution.values.length ? solution.values[at] : 0;
      }
    }
    const values = solution.values === null ? null : solution.values.slice(0, baseColumns);
    // The honest bound and gap for the full model.
    let bound = solution.bound;
    let gap = solution.gap;
    let optimal = solution.optimal;
    if (!proved && solution.objective !== null && !everyCandidateIn()) {
      if (relaxation === null) {
        // The relaxation was never priced out: nothing is proved about the left-out columns.
        bound = null;
        gap = null;
        optimal = false;
      } else {
        const leftOutBound = sign * relaxation.objective + bestLeftOut;
        const restricted = solution.bound === null ? leftOutBound : sign * solution.bound;
        const full = Math.max(restricted, leftOutBound);
        bound = sign * full;
        gap =
          Math.max(0, full - sign * solution.objective) /
          Math.max(Math.abs(solution.objective), 1e-9);
        optimal = solution.optimal && gap <= (options.mipRelGap ?? 1e-6) + 1e-9;
      }
    }
    return {
      ...solution,
      status: solution.objective === null ? solution.status : optimal ? 'optimal' : 'feasible',
      optimal,
      gap,
      bound,
      values,
      candidateValues,
      candidatesUsed: candidateAt.length,
      pricingRounds,
    };
  }
}

function isIntegral(model: MilpModel, values: Float64Array): boolean {
  for (let j = 0; j < model.columns.length; j++) {
    if (model.columns[j].integer && Math.abs(values[j] - Math.round(values[j])) > 1e-9)
      return false;
  }
  return true;
}
