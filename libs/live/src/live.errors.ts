import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';
import { WorkshopError } from '@ideas-lab/workshop';

/**
 * Every code the live layer answers with, and its HTTP status (the chat history route uses the
 * status; socket acknowledgements and connect errors carry only the code).
 */
export const liveErrors = errorCatalogue({
  LIVE_UNAUTHENTICATED: 401,
  LIVE_TOKEN_EXPIRED: 401,
  LIVE_ROLE_REQUIRED: 403,
  LIVE_ORGANISER_REQUIRED: 403,
  LIVE_CHANNEL_FORBIDDEN: 403,
  LIVE_MENTOR_REQUIRED: 403,
  LIVE_NOT_IN_ROOM: 403,
  LIVE_HELP_NOT_YOURS: 403,
  LIVE_TOKEN_MISMATCH: 403,
  LIVE_LAB_NOT_FOUND: 404,
  LIVE_ROUND_NOT_FOUND: 404,
  LIVE_ROOM_NOT_FOUND: 404,
  LIVE_HELP_NOT_FOUND: 404,
  LIVE_TIME_NOT_FOUND: 404,
  LIVE_PIN_NOT_FOUND: 404,
  LIVE_LAB_REQUIRED: 400,
  LIVE_VALIDATION_FAILED: 400,
  LIVE_CHANNEL_INVALID: 400,
  LIVE_HELP_ALREADY_ASKED: 409,
  LIVE_HELP_ALREADY_CLAIMED: 409,
  LIVE_HELP_RESOLVED: 409,
  LIVE_TIME_ALREADY_ASKED: 409,
  LIVE_TIME_ALREADY_DECIDED: 409,
  LIVE_PIN_REMOVED: 409,
  LIVE_ROUND_NOT_OPEN: 409,
  LIVE_RATE_LIMITED: 429,
  LIVE_TOO_MANY_CONNECTIONS: 429,
  LIVE_INTERNAL_ERROR: 500,
  LIVE_SERVER_CLOSING: 503,
});
export type LiveErrorCode = keyof typeof liveErrors;

export class LiveError extends AppError {
  readonly status: number;

  constructor(code: LiveErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = liveErrors[code];
  }

  static organiserRequired(): LiveError {
    return new LiveError(
      'LIVE_ORGANISER_REQUIRED',
      'Only the organisers of this lab run the control room.',
    );
  }

  static roundNotFound(): LiveError {
    return new LiveError('LIVE_ROUND_NOT_FOUND', 'There is no such round in this lab.', [
      { field: 'roundId', message: 'no such round in this lab' },
    ]);
  }

  static roomNotOpen(): LiveError {
    return new LiveError('LIVE_ROOM_NOT_FOUND', 'There is no such room in the round running now.', [
      { field: 'roomId', message: 'not a room of the open round' },
    ]);
  }

  static roundNotOpen(state: string): LiveError {
    return new LiveError(
      'LIVE_ROUND_NOT_OPEN',
      `This round is ${state}; only an open round has a running timer.`,
      { state },
    );
  }
}

/** A round that is not open answers in the live layer's words (LIVE_ROUND_NOT_OPEN). */
export async function notOpenAsLive<T>(transition: Promise<T>): Promise<T> {
  try {
    return await transition;
  } catch (error) {
    if (error instanceof WorkshopError && error.code === 'ROUND_STATE_INVALID') {
      const state = (error.details as { state?: string } | undefined)?.state ?? 'not open';
      throw LiveError.roundNotOpen(state);
    }
    throw error;
  }
}
