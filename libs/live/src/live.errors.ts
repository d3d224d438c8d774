import { AppError, type ErrorDetails } from '@ideas-lab/platform';
import { WorkshopError } from '@ideas-lab/workshop';

export type LiveErrorCode =
  | 'LIVE_UNAUTHENTICATED'
  | 'LIVE_LAB_REQUIRED'
  | 'LIVE_LAB_NOT_FOUND'
  | 'LIVE_ROLE_REQUIRED'
  | 'LIVE_ORGANISER_REQUIRED'
  | 'LIVE_VALIDATION_FAILED'
  | 'LIVE_RATE_LIMITED'
  | 'LIVE_TOO_MANY_CONNECTIONS'
  | 'LIVE_ROUND_NOT_FOUND'
  | 'LIVE_ROUND_NOT_OPEN'
  | 'LIVE_ROOM_NOT_FOUND'
  | 'LIVE_CHANNEL_INVALID'
  | 'LIVE_CHANNEL_FORBIDDEN'
  | 'LIVE_MENTOR_REQUIRED'
  | 'LIVE_NOT_IN_ROOM'
  | 'LIVE_HELP_NOT_FOUND'
  | 'LIVE_HELP_ALREADY_ASKED'
  | 'LIVE_HELP_ALREADY_CLAIMED'
  | 'LIVE_HELP_RESOLVED'
  | 'LIVE_HELP_NOT_YOURS'
  | 'LIVE_TIME_NOT_FOUND'
  | 'LIVE_TIME_ALREADY_ASKED'
  | 'LIVE_TIME_ALREADY_DECIDED'
  | 'LIVE_PIN_NOT_FOUND'
  | 'LIVE_PIN_REMOVED'
  | 'LIVE_TOKEN_EXPIRED'
  | 'LIVE_TOKEN_MISMATCH'
  | 'LIVE_SERVER_CLOSING'
  | 'LIVE_INTERNAL_ERROR';

/** The HTTP status of a code, for the chat history route (socket errors carry only the code). */
export function statusForLiveError(code: LiveErrorCode): number {
  switch (code) {
    case 'LIVE_UNAUTHENTICATED':
    case 'LIVE_TOKEN_EXPIRED':
      return 401;
    case 'LIVE_ROLE_REQUIRED':
    case 'LIVE_ORGANISER_REQUIRED':
    case 'LIVE_CHANNEL_FORBIDDEN':
    case 'LIVE_MENTOR_REQUIRED':
    case 'LIVE_NOT_IN_ROOM':
    case 'LIVE_HELP_NOT_YOURS':
    case 'LIVE_TOKEN_MISMATCH':
      return 403;
    case 'LIVE_HELP_NOT_FOUND':
    case 'LIVE_TIME_NOT_FOUND':
    case 'LIVE_PIN_NOT_FOUND':
      return 404;
    case 'LIVE_HELP_ALREADY_ASKED':
    case 'LIVE_HELP_ALREADY_CLAIMED':
    case 'LIVE_HELP_RESOLVED':
    case 'LIVE_TIME_ALREADY_ASKED':
    case 'LIVE_TIME_ALREADY_DECIDED':
    case 'LIVE_PIN_REMOVED':
      return 409;
    case 'LIVE_LAB_NOT_FOUND':
    case 'LIVE_ROUND_NOT_FOUND':
    case 'LIVE_ROOM_NOT_FOUND':
      return 404;
    case 'LIVE_LAB_REQUIRED':
    case 'LIVE_VALIDATION_FAILED':
    case 'LIVE_CHANNEL_INVALID':
      return 400;
    case 'LIVE_ROUND_NOT_OPEN':
      return 409;
    case 'LIVE_RATE_LIMITED':
    case 'LIVE_TOO_MANY_CONNECTIONS':
      return 429;
    case 'LIVE_SERVER_CLOSING':
      return 503;
    case 'LIVE_INTERNAL_ERROR':
      return 500;
  }
}

export class LiveError extends AppError {
  readonly status: number;

  constructor(code: LiveErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = statusForLiveError(code);
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
