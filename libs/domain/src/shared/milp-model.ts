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
