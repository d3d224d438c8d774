/**
 * The rows a raw query returned. TypeORM's PostgreSQL runner answers an UPDATE or DELETE
 * with `[rows, affectedCount]` and anything else with the rows alone; this reads both.
 */
export function rowsOf<T>(result: unknown): T[] {
  const pair = result as [T[], number];
  return Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(pair[0]) &&
    typeof pair[1] === 'number'
    ? pair[0]
    : (result as T[]);
}
