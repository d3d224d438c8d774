/**
 * Reads that travel together. A repository describes a SELECT as a `Statement` (its SQL, its
 * parameters, and which columns hold timestamps) instead of running it; a service turns the
 * statements it needs into a `BatchedRead` (the statements and how to read their rows); and
 * `TransactionRunner.readAll` sends every statement of several reads to PostgreSQL as ONE
 * statement, one round trip: each becomes a `json_agg` sub-select of a single SELECT, its
 * parameters renumbered after the ones before it.
 *
 * Why: a live (re)connect reads chat, help requests, time requests and pins for its snapshot;
 * one round trip per read cost more CPU than everything else the connect does (a storm of
 * 1,000 reconnects paid some ten round trips each). Reads batched this way cannot depend on
 * each other's results; a read that needs another's answer goes in a later batch.
 */

/** One SELECT, not yet run. `Row` is the shape of a row as the SQL names its columns. */
export interface Statement<Row> {
  readonly sql: string;
  readonly params: readonly unknown[];
  /**
   * Columns holding timestamps. Run alone, the driver turns them into Dates; batched, a row
   * arrives as JSON (ISO text), and these columns are made Dates again, so a row reads the same
   * either way. Other types survive JSON as they are (text, uuid, int, boolean, arrays, json);
   * a bigint or numeric column must be cast to text in the SQL.
   */
  readonly dates: readonly string[];
  /** Never set: carries `Row` for type inference only. */
  readonly row?: Row;
}

export function statement<Row>(
  sql: string,
  params: readonly unknown[],
  dates: readonly (keyof Row & string)[] = [],
): Statement<Row> {
  return { sql, params, dates };
}

/** Several statements and what their rows mean together; `read` gets each one's rows, in order. */
export interface BatchedRead<T> {
  readonly statements: readonly Statement<unknown>[];
  read(rows: readonly unknown[][]): T;
}

/** A read of one statement's rows. */
export function readRows<Row, T>(one: Statement<Row>, read: (rows: Row[]) => T): BatchedRead<T> {
  return { statements: [one as Statement<unknown>], read: ([rows]) => read(rows as Row[]) };
}

/** A read that needs nothing from the database. */
export function readNothing<T>(value: T): BatchedRead<T> {
  return { statements: [], read: () => value };
}

const PLACEHOLDER = /\$(\d+)/g;

/**
 * The one statement that returns every statement's rows, as a JSON array per column
 * (`r0`, `r1`, …), with the parameters of all of them. The rows keep each statement's own
 * ORDER BY: `json_agg` over a sorted sub-select aggregates in that order.
 */
export function combinedStatement(statements: readonly Statement<unknown>[]): {
  sql: string;
  params: unknown[];
} {
  const params: unknown[] = [];
  const columns = statements.map((s, i) => {
    const offset = params.length;
    params.push(...s.params);
    const sql = s.sql.replace(PLACEHOLDER, (_, n: string) => `$${Number(n) + offset}`);
    return `(SELECT coalesce(json_agg(q), '[]'::json) FROM (${sql}) q) AS r${i}`;
  });
  return { sql: `SELECT ${columns.join(',\n       ')}`, params };
}

/** A batched statement's rows, read back from its JSON column with its timestamps as Dates. */
export function rowsFromJson<Row>(s: Statement<Row>, json: unknown): Row[] {
  const rows = (json ?? []) as Record<string, unknown>[];
  if (s.dates.length === 0) return rows as Row[];
  for (const row of rows)
    for (const column of s.dates) {
      const value = row[column];
      if (typeof value === 'string') row[column] = new Date(value);
    }
  return rows as Row[];
}
