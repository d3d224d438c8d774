import { errorCatalogue } from './error-catalogue.js';

/** One problem with one field of a request, by its dotted path (`dates.workshopStartAt`). */
export interface FieldProblem {
  field: string;
  message: string;
}

export type ErrorDetails = FieldProblem[] | Record<string, unknown>;

/**
 * The base of every error a client may see. Each feature extends it with its own class and
 * error catalogue (code → HTTP status).
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

export const platformErrors = errorCatalogue({
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  JSON_TOO_DEEP: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
});
export type PlatformErrorCode = keyof typeof platformErrors;

export class PlatformError extends AppError {
  readonly status: number;

  constructor(code: PlatformErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = platformErrors[code];
  }
}
