/**
 * Reading what a raw `manager.query(…)` returned. TypeORM's PostgreSQL runner answers an
 * UPDATE or DELETE with `[rows, affectedCount]` and anything else with the rows alone; these
 * read both, so no repository unpacks the pair by hand.
 */
function isRowsAndCount(result: unknown): result is [unknown[], number] {
  return (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  );
}

/** The rows a raw query returned (an UPDATE … RETURNING's, or a SELECT's). */
export function rowsOf<T>(result: unknown): T[] {
  return (isRowsAndCount(result) ? result[0] : result) as T[];
}

/** How many rows a raw UPDATE or DELETE touched. */
export function affectedCount(result: unknown): number {
  return isRowsAndCount(result) ? result[1] : rowsOf(result).length;
}
