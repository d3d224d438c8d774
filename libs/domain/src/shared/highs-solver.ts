/**
 * HiGHS (WebAssembly MILP solver) behind one small, cached entry point.
 *
 * Models are handed over as sparse arrays (no LP text to build and parse), which keeps
 * 10,000-variable models cheap to set up. The WASM runtime loads once per process (~50–70 ms)
 * and is reused; solves are synchronous and single-threaded, hence deterministic for a given
 * model and options (as long as no time limit cuts a solve short).
 */
import highsPackage from 'highs';
import type { Highs, ModelData } from 'highs';

import type { MilpColumnEntries, MilpModel } from './milp-model.js';

// The package ships CommonJS typings while Node's ESM entry exports the loader as default:
// accept either shape so the same code runs under Node, tsx and vitest.
type HighsLoader = (typeof highsPackage)['default'];
const highsExport: unknown = highsPackage;
const loadHighsRuntime = (
  typeof highsExport === 'function' ? highsExport : (highsExport as { default: unknown }).default
) as HighsLoader;

let runtime: Promise<Highs> | undefined;

/** Loads the HiGHS runtime once; later calls return the same instance. */
export function loadHighs(): Promise<Highs> {
  const loading =
    runtime ??
    loadHighsRuntime().catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  runtime = loading;
  return loading;
}

export interface MilpSolveOptions {
  /** Wall-clock limit for one solve, in seconds. Default 30. */
  timeLimitSeconds?: number;
  /**
   * Relative MIP gap at which the solver may stop and call the solution optimal.
   * Default 1e-6 (practically exact for merit sums).
   */
  mipRelGap?: number;
}

export type MilpStatus = 'optimal' | 'feasible' | 'infeasible' | 'no-solution';

export interface MilpSolution {
  /** optimal: proved within mipRelGap; feasible: a limit stopped the solve with a solution. */
  status: MilpStatus;
  /** HiGHS' own model status name, for the run record. */
  solverStatus: string;
  /** True when the solver proved optimality (within the requested relative gap). */
  optimal: boolean;
  /** Relative gap between the solution and the solver's bound; null without a solution. */
  gap: number | null;
  /** Objective value of the model as given; null without a solution. */
  objective: number | null;
  /** Value of each column, in model order; null without a solution. */
  values: Float64Array | null;
  /** The solver's bound on the best objective (MIP dual bound); null when it has none. */
  bound: number | null;
  /** Seconds the solver ran (HiGHS' own clock), for splitting a time budget. */
  seconds: number;
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'Not Set',
  1: 'Load error',
  2: 'Model error',
  3: 'Presolve error',
  4: 'Solve error',
  5: 'Postsolve error',
  6: 'Empty',
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Primal infeasible or unbounded',
  10: 'Unbounded',
  11: 'Bound on objective reached',
  12: 'Target for objective reached',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
  15: 'Unknown',
  16: 'Solution limit reached',
  17: 'Interrupted',
};

/**
 * Solves a mixed-integer linear model with HiGHS. Never throws for infeasible models.
 *
 * `start` is a candidate solution (one value per column) the solver checks and, when feasible,
 * begins from, so the result is never worse than it. `cutoff` asks only for solutions strictly
 * better than it (e.g. one known from elsewhere): when none exists the status is 'infeasible',
 * often proved at the root. `randomSeed` seeds HiGHS' own tie-breaking: two solves of the same
 * model with the same seed take the same path.
 */
export async function solveMilp({
  model,
  options = {},
  start,
  cutoff,
  randomSeed,
}: {
  model: MilpModel;
  options?: MilpSolveOptions;
  start?: ArrayLike<number>;
  cutoff?: number;
  randomSeed?: number;
}): Promise<MilpSolution> {
  const highs = await loadHighs();
  const numCols = model.columns.length;
  if (numCols === 0) {
    return {
      status: 'optimal',
      solverStatus: 'Empty',
      optimal: true,
      gap: 0,
      objective: model.offset ?? 0,
      values: new Float64Array(0),
      bound: model.offset ?? 0,
      seconds: 0,
    };
  }

  const data = toModelData({ highs, model });
  const solverModel = highs.createModel(data);
  try {
    solverModel.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds ?? 30,
      mip_rel_gap: options.mipRelGap ?? 1e-6,
      ...(randomSeed === undefined ? {} : { random_seed: randomSeed % 2147483647 }),
      // HiGHS applies the bound to the objective it minimises (the negated one when maximising).
      ...(cutoff === undefined
        ? {}
        : { objective_bound: model.sense === 'maximise' ? -cutoff : cutoff }),
    });
    if (start !== undefined) {
      if (start.length !== numCols) {
        throw new RangeError(`start has ${start.length} values for ${numCols} columns`);
      }
      solverModel.setSolution({ colValue: Float64Array.from(start) });
    }
    const { modelStatus } = solverModel.run();
    const seconds = solverModel.getRunTime();
    const solverStatus = STATUS_NAMES[modelStatus] ?? `Status ${modelStatus}`;
    const statuses = highs.constants.modelStatus;
    const hasSolution =
      solverModel.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
    if (modelStatus === statuses.infeasible) {
      return {
        status: 'infeasible',
        solverStatus,
        optimal: false,
        gap: null,
        objective: null,
        values: null,
        bound: null,
        seconds,
      };
    }
    if (!hasSolution) {
      return {
        status: 'no-solution',
        solverStatus,
        optimal: false,
        gap: null,
        objective: null,
        values: null,
        bound: null,
        seconds,
      };
    }
    const optimal = modelStatus === statuses.optimal || modelStatus === statuses.empty;
    const rawGap = Number(solverModel.info.get('mip_gap'));
    const gap = Number.isFinite(rawGap) ? Math.max(0, rawGap) : null;
    const values = solverModel.getSolution().colValue.slice(0, numCols);
    let objective = model.offset ?? 0;
    for (let j = 0; j < numCols; j++) objective += model.columns[j].cost * values[j];
    const rawBound = Number(solverModel.info.get('mip_dual_bound'));
    return {
      status: optimal ? 'optimal' : 'feasible',
      solverStatus,
      optimal,
      gap: optimal ? (gap ?? 0) : gap,
      objective,
      values,
      bound: Number.isFinite(rawBound) ? rawBound : optimal ? objective : null,
      seconds,
    };
  } finally {
    solverModel.dispose();
  }
}

export interface LpSolution {
  /** True when the relaxation was solved to optimality (values and duals are then set). */
  optimal: boolean;
  solverStatus: string;
  objective: number | null;
  values: Float64Array | null;
  /**
   * Row duals y with HiGHS' convention: a column's reduced cost is c_j − Σ_i y_i·a_ij in the
   * model's own sense (for a maximisation, a column at zero would improve it when > 0).
   */
  rowDuals: Float64Array | null;
  seconds: number;
}

/**
 * The linear relaxation of a model (every column continuous) held open in HiGHS, so that it can
 * be solved, grown by columns and solved again from the previous basis (warm start) — what
 * pricing needs. Dispose of it when done.
 */
export interface LpSession {
  solve(options?: { timeLimitSeconds?: number }): LpSolution;
  /** Appends columns (with their coefficients in existing rows). */
  addColumns(columns: readonly MilpColumnEntries[]): void;
  dispose(): void;
}

const SIMPLEX_DUAL = 1;
const SIMPLEX_PRIMAL = 4;
const PRIMAL_WARM_START_MAX_COLUMNS = 5000;

export async function openLpSession({ model }: { model: MilpModel }): Promise<LpSession> {
  const highs = await loadHighs();
  const solverModel = highs.createModel(toModelData({ highs, model, relax: true }));
  let numCols = model.columns.length;
  const numRows = model.rows.length;
  let solves = 0;
  let lastAdded = 0;
  return {
    solve: ({ timeLimitSeconds = 30 } = {}) => {
      // Presolve costs more than it saves on these models, and would drop the warm start.
      solverModel.options.set({
        output_flag: false,
        time_limit: timeLimitSeconds,
        presolve: 'off',
        // After a few columns are added the basis stays primal feasible: the primal simplex
        // resumes from it in a few hundred iterations where the dual one starts over.
        simplex_strategy:
          solves > 0 && lastAdded <= PRIMAL_WARM_START_MAX_COLUMNS ? SIMPLEX_PRIMAL : SIMPLEX_DUAL,
      });
      solves++;
      const { modelStatus } = solverModel.run();
      const seconds = solverModel.getRunTime();
      solverModel.zeroAllClocks();
      const solverStatus = STATUS_NAMES[modelStatus] ?? `Status ${modelStatus}`;
      if (modelStatus !== highs.constants.modelStatus.optimal) {
        return {
          optimal: false,
          solverStatus,
          objective: null,
          values: null,
          rowDuals: null,
          seconds,
        };
      }
      const solution = solverModel.getSolution();
      return {
        optimal: true,
        solverStatus,
        objective: solverModel.getObjectiveValue(),
        values: solution.colValue.slice(0, numCols),
        rowDuals: solution.rowDual.slice(0, numRows),
        seconds,
      };
    },
    addColumns: (columns) => {
      lastAdded = columns.length;
      if (columns.length === 0) return;
      let nonZeros = 0;
      for (const column of columns) nonZeros += column.indices.length;
      const starts = new Int32Array(columns.length + 1);
      const indices = new Int32Array(nonZeros);
      const values = new Float64Array(nonZeros);
      let offset = 0;
      columns.forEach((column, j) => {
        starts[j] = offset;
        for (let k = 0; k < column.indices.length; k++) {
          indices[offset] = column.indices[k];
          values[offset] = column.values[k];
          offset++;
        }
      });
      starts[columns.length] = offset;
      solverModel.addCols({
        cost: Float64Array.from(columns, (column) => column.cost),
        lower: Float64Array.from(columns, (column) => finiteOr(column.lower, -highs.infinity)),
        upper: Float64Array.from(columns, (column) => finiteOr(column.upper, highs.infinity)),
        matrix: {
          format: 'csc',
          numRows,
          numCols: columns.length,
          starts,
          indices,
          values,
        },
      });
      numCols += columns.length;
    },
    dispose: () => solverModel.dispose(),
  };
}

function toModelData({
  highs,
  model,
  relax = false,
}: {
  highs: Highs;
  model: MilpModel;
  relax?: boolean;
}): ModelData {
  const numCols = model.columns.length;
  const numRows = model.rows.length;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const integrality = new Int32Array(numCols);
  for (let j = 0; j < numCols; j++) {
    const column = model.columns[j];
    colCost[j] = column.cost;
    colLower[j] = finiteOr(column.lower, -highs.infinity);
    colUpper[j] = finiteOr(column.upper, highs.infinity);
    integrality[j] =
      column.integer && !relax
        ? highs.constants.variableType.integer
        : highs.constants.variableType.continuous;
  }
  let nonZeros = 0;
  for (const row of model.rows) nonZeros += row.indices.length;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  const starts = new Int32Array(numRows + 1);
  const indices = new Int32Array(nonZeros);
  const values = new Float64Array(nonZeros);
  let offset = 0;
  for (let i = 0; i < numRows; i++) {
    const row = model.rows[i];
    rowLower[i] = finiteOr(row.lower, -highs.infinity);
    rowUpper[i] = finiteOr(row.upper, highs.infinity);
    starts[i] = offset;
    for (let k = 0; k < row.indices.length; k++) {
      indices[offset] = row.indices[k];
      values[offset] = row.values[k];
      offset++;
    }
  }
  starts[numRows] = offset;
  return {
    numCols,
    numRows,
    sense:
      model.sense === 'maximise'
        ? highs.constants.objectiveSense.maximize
        : highs.constants.objectiveSense.minimize,
    offset: model.offset ?? 0,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    integrality,
  };
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}
