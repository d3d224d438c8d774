/**
 * Locale-independent string ordering (by UTF-16 code units), so that sorted results do not
 * depend on the machine's locale.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
