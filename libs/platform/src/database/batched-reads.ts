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
 * 1,000 reconnects paid some ten round trips each).
 *
 * A read may depend on what another statement of the same batch finds, and still travel in the
 * same round trip: a parameter can be `derived` from another statement's rows (the room a
 * whereabouts statement found, the roles a membership statement read), and a statement can run
 * `onlyIf` such derived conditions hold (an organiser's queue, else a mentor's …). The statements
 * others derive from become common table expressions of the one SELECT, read once.
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
  /** Run only when all of these hold (see `onlyIf`); rows are read only in a batch. */
  readonly conditions?: readonly Condition[];
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

/**
 * A value the batch reads for itself: `sql` is a select list over the rows of `from`, another
 * statement of the same batch, giving one row: over a statement of at most one row (`(room->>'id')::uuid`,
 * NULL when it has none), or an aggregate (`coalesce(array_agg("teamId"), '{}')`). Its own
 * parameters are `$1`, `$2` … of `params`. Pass it as a parameter of a statement, or as a
 * condition of `onlyIf`; `from` itself may not depend on anything.
 */
export interface Derived<T> {
  readonly from: Statement<unknown>;
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Never set: carries the value's type for inference only. */
  readonly value?: T;
}

export function derived<T>(
  from: Statement<unknown>,
  sql: string,
  params: readonly unknown[] = [],
): Derived<T> {
  return { from, sql, params };
}

/** A parameter given now or read by the batch. */
export type Param<T> = T | Derived<T>;

/** A condition known now, or read by the batch (NULL, or no row, counts as false). */
export type Condition = boolean | Derived<boolean>;

export function isDerived(value: unknown): value is Derived<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'from' in value &&
    'sql' in value &&
    'params' in value
  );
}

/**
 * The opposite of a condition. A derived condition over a statement that finds no row is
 * false, and so is its opposite: derive conditions from a statement of exactly one row.
 */
export function not(condition: Condition): Condition {
  return typeof condition === 'boolean'
    ? !condition
    : derived(condition.from, `NOT coalesce(${condition.sql}, false)`, condition.params);
}

/** The statement, run only when every condition holds (no rows otherwise). */
export function onlyIf<Row>(one: Statement<Row>, ...conditions: Condition[]): Statement<Row> {
  return { ...one, conditions: [...(one.conditions ?? []), ...conditions] };
}

/** Whether a statement needs a batch to run: it reads a derived value or has conditions. */
export function needsBatch(one: Statement<unknown>): boolean {
  return (one.conditions?.length ?? 0) > 0 || one.params.some(isDerived);
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
 * ORDER BY: `json_agg` over a sorted sub-select aggregates in that order. Statements that
 * others derive values from come first, as common table expressions (`d0`, `d1`, …).
 */
export function combinedStatement(statements: readonly Statement<unknown>[]): {
  sql: string;
  params: unknown[];
} {
  const params: unknown[] = [];
  const sources = new Map<Statement<unknown>, string>();
  for (const s of statements)
    for (const value of [...s.params, ...(s.conditions ?? [])])
      if (isDerived(value) && !sources.has(value.from)) {
        if (needsBatch(value.from))
          throw new RangeError('a statement others derive from may not depend on anything itself');
        sources.set(value.from, `d${sources.size}`);
      }
  /**
   * SQL text with its placeholders renumbered after the parameters so far; a derived
   * parameter's placeholder becomes its sub-select.
   */
  const bind = (sql: string, own: readonly unknown[]): string => {
    const text = new Map<number, string>();
    own.forEach((value, i) => {
      if (isDerived(value)) return;
      params.push(value);
      text.set(i + 1, `$${params.length}`);
    });
    own.forEach((value, i) => {
      if (isDerived(value)) text.set(i + 1, subSelect(value));
    });
    return sql.replace(PLACEHOLDER, (placeholder, n: string) => text.get(Number(n)) ?? placeholder);
  };
  const subSelect = (value: Derived<unknown>): string =>
    `(SELECT ${bind(value.sql, value.params)} FROM ${sources.get(value.from)})`;
  const condition = (c: Condition): string =>
    typeof c === 'boolean' ? String(c) : `coalesce(${subSelect(c)}, false)`;

  const ctes = [...sources].map(([s, name]) => `${name} AS (${bind(s.sql, s.params)})`);
  const columns = statements.map((s, i) => {
    const from = sources.get(s) ?? `(${bind(s.sql, s.params)})`;
    const where = s.conditions?.length ? ` WHERE ${s.conditions.map(condition).join(' AND ')}` : '';
    return `(SELECT coalesce(json_agg(q), '[]'::json) FROM ${from} q${where}) AS r${i}`;
  });
  const select = `SELECT ${columns.join(',\n       ')}`;
  return { sql: ctes.length ? `WITH ${ctes.join(',\n     ')}\n${select}` : select, params };
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
