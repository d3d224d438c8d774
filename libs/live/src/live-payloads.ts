import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldProblems, inputValueProblem } from '@ideas-lab/platform';
import { LiveError } from './live.errors.js';

/**
 * Validate one incoming event payload as the HTTP ValidationPipe does (whitelist, unknown
 * fields refused), throwing LIVE_VALIDATION_FAILED with one problem per field.
 */
export function validatePayload<T extends object>(dto: new () => T, payload: unknown): T {
  const plain = payload === undefined || payload === null ? {} : payload;
  if (typeof plain !== 'object' || Array.isArray(plain)) {
    throw new LiveError('LIVE_VALIDATION_FAILED', 'The payload must be an object.', [
      { field: '', message: 'payload must be an object' },
    ]);
  }
  // Nesting and U+0000 first, as for HTTP bodies: class-transformer recurses, PostgreSQL refuses NUL.
  const refused = inputValueProblem(plain);
  if (refused) throw new LiveError('LIVE_VALIDATION_FAILED', refused.message, refused.details);
  const instance = plainToInstance(dto, plain);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  if (errors.length > 0) {
    const details = fieldProblems(errors);
    const fields = [...new Set(details.map((d) => d.field))];
    throw new LiveError(
      'LIVE_VALIDATION_FAILED',
      `The event has a problem with ${fields.join(', ')}.`,
      details,
    );
  }
  return instance;
}

/** Requests that carry nothing: nothing, or an empty object. */
export function requireEmptyPayload(payload: unknown): void {
  if (payload === undefined || payload === null) return;
  if (typeof payload === 'object' && !Array.isArray(payload) && Object.keys(payload).length === 0)
    return;
  const fields =
    typeof payload === 'object' && !Array.isArray(payload) ? Object.keys(payload) : [''];
  throw new LiveError(
    'LIVE_VALIDATION_FAILED',
    'This event takes no payload.',
    fields.map((field) => ({
      field,
      message: `${field || 'payload'} is not a field this event accepts`,
    })),
  );
}
