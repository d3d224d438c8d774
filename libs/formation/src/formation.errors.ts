import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the formation lib answers with, and its HTTP status. */
export const formationErrors = errorCatalogue({
  FORMATION_IDEA_NOT_SHORTLISTED: 404,
  FORMATION_RUN_NOT_FOUND: 404,
  FORMATION_TEAM_NOT_FOUND: 404,
  FORMATION_INTERESTS_INVALID: 400,
  FORMATION_RULES_INVALID: 400,
  FORMATION_MOVE_INVALID: 400,
  FORMATION_CONFIRM_INVALID: 400,
  FORMATION_NOT_OPEN: 409,
  FORMATION_TEAM_FULL: 409,
  FORMATION_TEAM_NOT_FORMING: 409,
  FORMATION_SETTINGS_VERSION_CONFLICT: 409,
  FORMATION_INTERESTS_VERSION_CONFLICT: 409,
  FORMATION_TEAM_VERSION_CONFLICT: 409,
  FORMATION_MOVE_STALE: 409,
  FORMATION_RUN_INFEASIBLE: 409,
  FORMATION_RUN_STALE: 409,
  FORMATION_INPUTS_CHANGED: 409,
  FORMATION_TEAM_NAME_TAKEN: 409,
  FORMATION_NO_SHORTLIST: 409,
});
export type FormationErrorCode = keyof typeof formationErrors;

export class FormationError extends AppError {
  readonly status: number;

  constructor(code: FormationErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = formationErrors[code];
  }

  static runNotFound(): FormationError {
    return new FormationError(
      'FORMATION_RUN_NOT_FOUND',
      'There is no such formation run in this lab.',
    );
  }

  static teamNotFound(): FormationError {
    return new FormationError('FORMATION_TEAM_NOT_FOUND', 'There is no such team in this lab.');
  }

  static notOpen(): FormationError {
    return new FormationError(
      'FORMATION_NOT_OPEN',
      'Team formation is not open: the organisers open it when teams may form.',
    );
  }
}
