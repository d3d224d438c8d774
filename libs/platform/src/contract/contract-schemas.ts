import { z } from 'zod';

/**
 * Small schemas many contracts use. Request schemas are strict objects (unknown fields are
 * refused); problems are worded by describeIssue unless a schema words its own, as a
 * predicate the field's path is put before ("must be …").
 */

/** An instant as the API writes it: ISO 8601 in UTC (`toISOString()`). */
export const isoDateTime = () => z.iso.datetime();

/** An instant a client sends: ISO 8601, with or without an offset. */
export const dateTimeInput = () => z.iso.datetime({ offset: true, local: true });

/** An e-mail address a client sends: surrounding spaces trimmed, at most 254 characters. */
export const emailInput = () => z.string().trim().pipe(z.email().max(254));

/** Word only the problem of one issue code, leaving the others to describeIssue. */
export const wordIssue =
  (code: z.core.$ZodIssueCode, message: string) =>
  (issue: { code: string }): string | undefined =>
    issue.code === code ? message : undefined;
