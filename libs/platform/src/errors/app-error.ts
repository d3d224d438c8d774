/** One problem with one field of a request, by its dotted path (`dates.workshopStartAt`). */
export interface FieldProblem {
  field: string;
  message: string;
}

export type ErrorDetails = FieldProblem[] | Record<string, unknown>;

/**
 * The base of every error a client may see. Each feature extends it with its own class and
 * code union, mapping codes to HTTP status in an exhaustive switch.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;

  protected constructor(
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type PlatformErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'JSON_TOO_DEEP'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ROUTE_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

export function statusForPlatformError(code: PlatformErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'INVALID_JSON':
    case 'JSON_TOO_DEEP':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'ROUTE_NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INTERNAL_ERROR':
      return 500;
  }
}

export class PlatformError extends AppError {
  readonly status: number;

  constructor(code: PlatformErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = statusForPlatformError(code);
  }
}
