import { AppError, type ErrorDetails } from '@ideas-lab/platform';
import type { LabPhaseRefusalCode } from '@ideas-lab/domain';

export type LabsErrorCode =
  | 'LAB_NOT_FOUND'
  | 'LAB_ROLE_REQUIRED'
  | 'LAB_SLUG_TAKEN'
  | 'LAB_SETTINGS_INVALID'
  | 'LAB_VERSION_CONFLICT'
  | 'LAB_PHASE_CHANGED_CONCURRENTLY'
  | LabPhaseRefusalCode
  | 'INVITATION_NOT_FOUND'
  | 'INVITATION_EXPIRED'
  | 'INVITATION_ALREADY_USED'
  | 'INVITATION_REVOKED'
  | 'MEMBER_ACCOUNT_NOT_FOUND'
  | 'MEMBERSHIP_NOT_FOUND'
  | 'LAST_ORGANISER';

export function statusForLabsError(code: LabsErrorCode): number {
  switch (code) {
    case 'LAB_NOT_FOUND':
    case 'INVITATION_NOT_FOUND':
    case 'MEMBER_ACCOUNT_NOT_FOUND':
    case 'MEMBERSHIP_NOT_FOUND':
      return 404;
    case 'LAB_ROLE_REQUIRED':
      return 403;
    case 'LAB_SETTINGS_INVALID':
    case 'LAB_PHASE_UNKNOWN':
      return 400;
    case 'INVITATION_EXPIRED':
    case 'INVITATION_REVOKED':
      return 410;
    case 'LAB_SLUG_TAKEN':
    case 'LAB_VERSION_CONFLICT':
    case 'LAB_PHASE_CHANGED_CONCURRENTLY':
    case 'LAB_PHASE_UNCHANGED':
    case 'LAB_PHASE_SKIP':
    case 'LAB_PHASE_BACKWARD_NOT_ALLOWED':
    case 'LAB_PHASE_INCOMPLETE_SETTINGS':
    case 'LAB_PHASE_UNDER_CAPACITY':
    case 'LAB_PHASE_ROUND_OPEN':
    case 'LAB_PHASE_SELECTION_ADOPTED':
    case 'LAB_PHASE_FINAL':
    case 'INVITATION_ALREADY_USED':
    case 'LAST_ORGANISER':
      return 409;
  }
}

export class LabsError extends AppError {
  readonly status: number;

  constructor(code: LabsErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = statusForLabsError(code);
  }

  static notFound(): LabsError {
    return new LabsError('LAB_NOT_FOUND', 'There is no such lab, or you cannot see it.');
  }
}
