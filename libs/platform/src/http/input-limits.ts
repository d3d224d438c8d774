import { PlatformError } from '../errors/app-error.js';

/**
 * What any input may hold, whatever the route or event: the rules every transport applies
 * before anything else reads the input (HTTP bodies and URLs in `request-limits.ts`, live
 * events in the live gateway). Checked in linear time and without recursion, so a hostile
 * input costs no more than reading it.
 */

/** Nesting deeper than this in a JSON body or event payload is refused. */
export const MAX_JSON_DEPTH = 32;

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * One pass over JSON text: does it nest deeper than `maxDepth`, and does a string in it carry
 * an escaped U+0000 (`\u0000`; raw control characters are not valid JSON)? Invalid JSON is
 * left to the parser.
 */
export function scanJsonText(
  text: string,
  maxDepth = MAX_JSON_DEPTH,
): { tooDeep: boolean; hasNul: boolean } {
  let depth = 0;
  let inString = false;
  let hasNul = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) {
        if (text.startsWith('u0000', i + 1)) hasNul = true;
        i += 1;
      } else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return { tooDeep: true, hasNul };
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth -= 1;
  }
  return { tooDeep: false, hasNul };
}

/**
 * Walk a parsed value (without recursion): the dotted path of the first string holding U+0000
 * (key or value), whether it nests deeper than `maxDepth`, or null when it is fine.
 */
export function inspectInputValue(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
): { problem: 'too-deep' } | { problem: 'nul'; field: string } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { problem: 'nul', field: path };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) return { problem: 'too-deep' };
    for (const [key, child] of Object.entries(current)) {
      const field = join(path, key);
      if (key.includes('\u0000')) return { problem: 'nul', field };
      stack.push({ value: child, path: field, depth: depth + 1 });
    }
  }
  return null;
}

export function jsonTooDeep(maxDepth = MAX_JSON_DEPTH): PlatformError {
  return new PlatformError(
    'JSON_TOO_DEEP',
    `The request nests deeper than ${maxDepth} levels; no request of this API needs that.`,
  );
}

export function nulCharacterRefused(field: string): PlatformError {
  const name = field || 'the request';
  return new PlatformError('VALIDATION_FAILED', `The request has a problem with ${name}.`, [
    { field, message: `${name} ${NUL_MESSAGE}` },
  ]);
}

/** The input's problem as an error, or null when it is fine (for transports that parse first). */
export function inputValueProblem(value: unknown): PlatformError | null {
  const problem = inspectInputValue(value);
  if (!problem) return null;
  return problem.problem === 'too-deep' ? jsonTooDeep() : nulCharacterRefused(problem.field);
}
