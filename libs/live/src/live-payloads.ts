import { checkContract, inputValueProblem } from '@ideas-lab/platform';
import { liveRequestPayloads, type LiveRequests } from './live-events.js';
import { LiveError } from './live.errors.js';

/**
 * Validate one incoming event payload with its schema in the event map (strict: unknown
 * fields are refused), throwing LIVE_VALIDATION_FAILED with one problem per field, worded as
 * HTTP requests are. Nothing, or null, is an empty payload.
 */
export function validatePayload<E extends keyof LiveRequests>(
  event: E,
  payload: unknown,
): LiveRequests[E]['payload'] {
  const plain = payload === undefined || payload === null ? {} : payload;
  if (typeof plain !== 'object' || Array.isArray(plain)) {
    throw new LiveError('LIVE_VALIDATION_FAILED', 'The payload must be an object.', [
      { field: '', message: 'payload must be an object' },
    ]);
  }
  // Nesting and U+0000 first, as for HTTP bodies: PostgreSQL refuses NUL.
  const refused = inputValueProblem(plain);
  if (refused) throw new LiveError('LIVE_VALIDATION_FAILED', refused.message, refused.details);
  const checked = checkContract(liveRequestPayloads[event], plain, 'payload');
  if (!checked.ok) {
    const fields = [...new Set(checked.problems.map((d) => d.field || 'payload'))];
    throw new LiveError(
      'LIVE_VALIDATION_FAILED',
      `The event has a problem with ${fields.join(', ')}.`,
      checked.problems,
    );
  }
  return checked.value as LiveRequests[E]['payload'];
}
