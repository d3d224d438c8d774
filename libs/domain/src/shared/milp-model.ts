/**
 * A mixed-integer linear model as plain data, built row by row and handed to a solver.
 *
 * Bounds use ±Infinity for "none". Each row lists distinct column indices.
 */

export interface MilpColumn {
  cost: number;
  lower: number;
  upper: number;
  integer: boolean;
}

/** A column together with its coefficients in existing rows (for adding it to a solved model). */
export interface MilpColumnEntries extends MilpColumn {
  indices: readonly number[];
  values: readonly number[];
}

export interface MilpRow {
  /** What the row stands for (a quota, a capacity …), for reports; not sent to the solver. */
  label: string;
  lower: number;
  upper: number;
  indices: number[];
  values: number[];
}

export interface MilpModel {
  sense: 'minimise' | 'maximise';
  offset?: number;
  columns: MilpColumn[];
  rows: MilpRow[];
}

export function createMilpModel({ sense }: { sense: MilpModel['sense'] }): MilpModel {
  return { sense, columns: [], rows: [] };
}

/** Appends a column and returns its index. */
export function addMilpColumn({ model, column }: { model: MilpModel; column: MilpColumn }): number {
  model.columns.push(column);
  return model.columns.length - 1;
}

/** Appends a row and returns its index. */
export function addMilpRow({ model, row }: { model: MilpModel; row: MilpRow }): number {
  model.rows.push(row);
  return model.rows.length - 1;
}

/** A row with every coefficient 1 over the given columns. */
export function sumRow({
  label,
  columns,
  lower,
  upper,
}: {
  label: string;
  columns: readonly number[];
  lower: number;
  upper: number;
}): MilpRow {
  return { label, lower, upper, indices: [...columns], values: columns.map(() => 1) };
}

/**
 * Appends a slack column that lets rows give way at `penalty` per unit (charged against the
 * model's sense: subtracted when maximising, added when minimising). Returns its index.
 */
export function addSlackColumn({
  model,
  penalty,
  upper = Number.POSITIVE_INFINITY,
}: {
  model: MilpModel;
  penalty: number;
  upper?: number;
}): number {
  return addMilpColumn({
    model,
    column: {
      cost: model.sense === 'maximise' ? -penalty : penalty,
      lower: 0,
      upper,
      integer: false,
    },
  });
}

/**
 * Appends `lower ≤ Σ values·x ≤ upper` with given slack columns: each finite side with a slack
 * gets a row of its own (labelled `:min` and `:max`), `below` raising the sum on the lower side
 * and `above` lowering it on the upper side; a side without one stays hard. A slack column may
 * serve many rows (one change to a rule serving every row the rule makes).
 */
export function addRowWithSlack({
  model,
  row,
  below,
  above,
}: {
  model: MilpModel;
  row: MilpRow;
  below?: number;
  above?: number;
}): void {
  const lowerFinite = Number.isFinite(row.lower);
  const upperFinite = Number.isFinite(row.upper);
  if (lowerFinite && upperFinite && below === undefined && above === undefined) {
    addMilpRow({ model, row });
    return;
  }
  if (lowerFinite) {
    const withSlack = below !== undefined;
    addMilpRow({
      model,
      row: {
        label: `${row.label}:min`,
        lower: row.lower,
        upper: Number.POSITIVE_INFINITY,
        indices: withSlack ? [...row.indices, below] : [...row.indices],
        values: withSlack ? [...row.values, 1] : [...row.values],
      },
    });
  }
  if (upperFinite) {
    const withSlack = above !== undefined;
    addMilpRow({
      model,
      row: {
        label: `${row.label}:max`,
        lower: Number.NEGATIVE_INFINITY,
        upper: row.upper,
        indices: withSlack ? [...row.indices, above] : [...row.indices],
        values: withSlack ? [...row.values, -1] : [...row.values],
      },
    });
  }
}

/**
 * Adds a row that may be broken at a cost (an "elastic" row, for explaining infeasibility):
 * each bounded side gets its own row and a slack column charged `cost` per unit against the
 * model's sense, so that even a minimum above its maximum stays solvable and the slack says
 * by how much the row had to give. Returns the slack columns (null for an unbounded side).
 */
export function addElasticRow({
  model,
  row,
  cost,
}: {
  model: MilpModel;
  row: MilpRow;
  cost: number;
}): { below: number | null; above: number | null } {
  const below = Number.isFinite(row.lower) ? addSlackColumn({ model, penalty: cost }) : null;
  const above = Number.isFinite(row.upper) ? addSlackColumn({ model, penalty: cost }) : null;
  addRowWithSlack({ model, row, below: below ?? undefined, above: above ?? undefined });
  return { below, above };
}

/**
 * A weight that makes an objective of magnitude at most `maxMagnitude` worth less than half a
 * unit: added to an elastic model's slack penalties, it breaks ties between equally small
 * relaxations without ever buying a larger one.
 */
export function tieBreakWeight({ maxMagnitude }: { maxMagnitude: number }): number {
  return 0.5 / (1 + Math.abs(maxMagnitude));
}
