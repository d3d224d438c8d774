import { AppError } from '@ideas-lab/platform';

export type IdentityErrorCode =
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_LOGIN_ATTEMPTS'
  | 'EMAIL_TAKEN'
  | 'REFRESH_TOKEN_INVALID'
  | 'REFRESH_TOKEN_EXPIRED'
  | 'REFRESH_TOKEN_REVOKED'
  | 'REFRESH_TOKEN_REUSED'
  | 'WRONG_CURRENT_PASSWORD'
  | 'REFRESH_HEADER_REQUIRED'
  | 'ADMIN_REQUIRED'
  | 'USER_NOT_FOUND';

export function statusForIdentityError(code: IdentityErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'REFRESH_TOKEN_INVALID':
    case 'REFRESH_TOKEN_EXPIRED':
    case 'REFRESH_TOKEN_REVOKED':
    case 'REFRESH_TOKEN_REUSED':
      return 401;
    case 'WRONG_CURRENT_PASSWORD':
      return 400;
    case 'ADMIN_REQUIRED':
    case 'REFRESH_HEADER_REQUIRED':
      return 403;
    case 'USER_NOT_FOUND':
      return 404;
    case 'EMAIL_TAKEN':
      return 409;
    case 'TOO_MANY_LOGIN_ATTEMPTS':
      return 429;
  }
}

export class IdentityError extends AppError {
  readonly status: number;

  constructor(code: IdentityErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.status = statusForIdentityError(code);
  }
}
