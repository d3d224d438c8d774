import { AppError, errorCatalogue } from '@ideas-lab/platform';

/** Every code the identity lib answers with, and its HTTP status. */
export const identityErrors = errorCatalogue({
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  REFRESH_TOKEN_INVALID: 401,
  REFRESH_TOKEN_EXPIRED: 401,
  REFRESH_TOKEN_REVOKED: 401,
  REFRESH_TOKEN_REUSED: 401,
  WRONG_CURRENT_PASSWORD: 400,
  ADMIN_REQUIRED: 403,
  REFRESH_HEADER_REQUIRED: 403,
  USER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  TOO_MANY_LOGIN_ATTEMPTS: 429,
});
export type IdentityErrorCode = keyof typeof identityErrors;

export class IdentityError extends AppError {
  readonly status: number;

  constructor(code: IdentityErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.status = identityErrors[code];
  }
}
