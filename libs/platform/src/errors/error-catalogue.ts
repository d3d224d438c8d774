/**
 * Every error code a client may see and its HTTP status, one catalogue per feature lib
 * (`labsErrors` in labs.errors.ts). The catalogue is the single source of code → status: the
 * lib's error class reads its status from it, and an operation's `errors: [...]` (in the lib's
 * operations table) documents a route's errors from it.
 */
export type ErrorCatalogue<C extends string = string> = Readonly<Record<C, number>>;

const statusByCode = new Map<string, number>();

/**
 * Declare a lib's error codes and their statuses (and register them for the OpenAPI
 * document). A code may appear in two catalogues only with the same status.
 */
export function errorCatalogue<const T extends Record<string, number>>(codes: T): Readonly<T> {
  for (const [code, status] of Object.entries(codes)) {
    const known = statusByCode.get(code);
    if (known !== undefined && known !== status) {
      throw new Error(`Error code ${code} is ${known} in one catalogue and ${status} in another.`);
    }
    statusByCode.set(code, status);
  }
  return Object.freeze(codes);
}

/** The HTTP status of a code from any catalogue; undefined for a code no catalogue declares. */
export function statusOfErrorCode(code: string): number | undefined {
  return statusByCode.get(code);
}
