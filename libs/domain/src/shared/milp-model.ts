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
  const penalty = model.sense === 'maximise' ? -cost : cost;
  let below: number | null = null;
  let above: number | null = null;
  if (Number.isFinite(row.lower)) {
    below = addMilpColumn({
      model,
      column: { cost: penalty, lower: 0, upper: Number.POSITIVE_INFINITY, integer: false },
    });
    addMilpRow({
      model,
      row: {
        label: `${row.label}:min`,
        lower: row.lower,
        upper: Number.POSITIVE_INFINITY,
        indices: [...row.indices, below],
        values: [...row.values, 1],
      },
    });
  }
  if (Number.isFinite(row.upper)) {
    above = addMilpColumn({
      model,
      column: { cost: penalty, lower: 0, upper: Number.POSITIVE_INFINITY, integer: false },
    });
    addMilpRow({
      model,
      row: {
        label: `${row.label}:max`,
        lower: Number.NEGATIVE_INFINITY,
        upper: row.upper,
        indices: [...row.indices, above],
        values: [...row.values, -1],
      },
    });
  }
  return { below, above };
}
