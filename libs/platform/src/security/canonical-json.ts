import { createRequire } from 'node:module';

// canonicalize ships CommonJS typings that NodeNext reads as a namespace; load it as what it is.
/** RFC 8785 canonical JSON (keys sorted, numbers normalised); undefined for undefined. */
export const canonicalize = createRequire(import.meta.url)('canonicalize') as (
  input: unknown,
) => string | undefined;
