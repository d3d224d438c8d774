import type { z } from 'zod';
import type { FieldProblem } from '../errors/app-error.js';

/**
 * The wording of a problem whose schema gave none, as a predicate the field's dotted path is
 * put in front of ("capacity must be at least 1"). Schemas word their own messages the same
 * way: `z.int({ error: 'must be a whole number' })`.
 */
export function describeIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${typeNoun(issue.expected)}`;
    case 'too_small':
      // An empty required text is a missing value, not a length: "title is required".
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'is required';
      return sizePhrase('at least', issue.origin, issue.minimum, issue.inclusive ?? true);
    case 'too_big':
      return sizePhrase('at most', issue.origin, issue.maximum, issue.inclusive ?? true);
    case 'invalid_format':
      return formatPhrase(issue.format);
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'is not a field this request accepts';
    case 'invalid_key':
      return 'has a key that is not valid';
    case 'invalid_element':
      return 'has an element that is not valid';
    case 'invalid_union':
      return 'does not match any accepted shape';
    case 'custom':
      return 'is not valid';
  }
}

function typeNoun(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    case 'null':
      return 'null';
    default:
      return `of type ${expected}`;
  }
}

function sizePhrase(
  bound: 'at least' | 'at most',
  origin: string,
  limit: number | bigint | Date,
  inclusive: boolean,
): string {
  const n = limit instanceof Date ? limit.toISOString() : String(limit);
  switch (origin) {
    case 'string':
      return `must be ${bound} ${n} characters long`;
    case 'array':
    case 'set':
      return `must have ${bound} ${n} items`;
    default:
      if (inclusive) return `must be ${bound} ${n}`;
      return `must be ${bound === 'at least' ? 'greater' : 'less'} than ${n}`;
  }
}

function formatPhrase(format: string): string {
  switch (format) {
    case 'email':
      return 'must be a valid e-mail address';
    case 'uuid':
    case 'guid':
      return 'must be a UUID';
    case 'datetime':
      return 'must be an ISO 8601 date-time, e.g. 2026-05-01T09:00:00Z';
    case 'date':
      return 'must be a date, e.g. 2026-05-01';
    case 'url':
      return 'must be a URL';
    default:
      return 'has the wrong format';
  }
}

/** Unknown fields named in a refusal at most; the rest are counted. */
const UNKNOWN_FIELDS_NAMED = 5;

/**
 * One problem per field, by dotted path, in the order the schema lists its fields (the first
 * problem of a field only). Unknown keys of an object are one problem at the object, naming
 * the first few: a body of 60,000 unknown keys gets one short answer, not 60,000 problems.
 */
export function fieldProblemsOf(
  issues: readonly z.core.$ZodIssue[],
  subject = 'the request body',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const add = (path: readonly PropertyKey[], message: string) => {
    const field = path.map(String).join('.');
    if (seen.has(field)) return;
    seen.add(field);
    problems.push({ field, message: `${field || subject} ${message}` });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      add(issue.path, unknownFieldsPhrase(issue.keys));
    } else {
      add(issue.path, issue.message);
    }
  }
  return problems;
}

function unknownFieldsPhrase(keys: readonly string[]): string {
  const named = keys
    .slice(0, UNKNOWN_FIELDS_NAMED)
    .map((key) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key))
    .join(', ');
  const rest = keys.length - UNKNOWN_FIELDS_NAMED;
  return keys.length === 1
    ? `has a field this request does not accept: ${named}`
    : `has ${keys.length} fields this request does not accept: ${named}${rest > 0 ? ` and ${rest} more` : ''}`;
}

export type ContractCheck<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Check a value against a contract schema: the parsed value, or one problem per field. */
export function checkContract<S extends z.ZodType>(
  schema: S,
  value: unknown,
  subject?: string,
): ContractCheck<z.output<S>> {
  const result = schema.safeParse(value, { error: describeIssue });
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: fieldProblemsOf(result.error.issues, subject) };
}
