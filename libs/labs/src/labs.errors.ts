import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';
import type { LabPhaseRefusalCode } from '@ideas-lab/domain';

/** Every code the labs lib answers with, and its HTTP status. */
export const labsErrors = errorCatalogue({
  LAB_NOT_FOUND: 404,
  INVITATION_NOT_FOUND: 404,
  INVITATION_INVALID: 400,
  INVITATION_FOR_SOMEONE_ELSE: 403,
  INVITATION_NAMES_NO_ADDRESS: 409,
  MEMBER_ACCOUNT_NOT_FOUND: 404,
  MEMBERSHIP_NOT_FOUND: 404,
  LAB_ROLE_REQUIRED: 403,
  LAB_SETTINGS_INVALID: 400,
  LAB_PHASE_UNKNOWN: 400,
  INVITATION_EXPIRED: 410,
  INVITATION_REVOKED: 410,
  LAB_SLUG_TAKEN: 409,
  LAB_VERSION_CONFLICT: 409,
  LAB_PHASE_CHANGED_CONCURRENTLY: 409,
  LAB_PHASE_UNCHANGED: 409,
  LAB_PHASE_SKIP: 409,
  LAB_PHASE_BACKWARD_NOT_ALLOWED: 409,
  LAB_PHASE_INCOMPLETE_SETTINGS: 409,
  LAB_PHASE_UNDER_CAPACITY: 409,
  LAB_PHASE_ROUND_OPEN: 409,
  LAB_PHASE_SELECTION_ADOPTED: 409,
  LAB_PHASE_FINAL: 409,
  INVITATION_ALREADY_USED: 409,
  LAST_ORGANISER: 409,
} satisfies Record<string, number> & Record<LabPhaseRefusalCode, number>);
export type LabsErrorCode = keyof typeof labsErrors;

export class LabsError extends AppError {
  readonly status: number;

  constructor(code: LabsErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = labsErrors[code];
  }

  static notFound(): LabsError {
    return new LabsError('LAB_NOT_FOUND', 'There is no such lab, or you cannot see it.');
  }
}
