import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the selection lib answers with, and its HTTP status. */
export const selectionErrors = errorCatalogue({
  SELECTION_RUN_NOT_FOUND: 404,
  DECISION_NOT_FOUND: 404,
  LETTER_NOT_FOUND: 404,
  SELECTION_INPUT_INVALID: 400,
  SELECTION_RUN_INFEASIBLE: 409,
  SELECTION_DECISIONS_ANSWERED: 409,
  SELECTION_PHASE_REQUIRED: 409,
  SELECTION_NOT_ADOPTED: 409,
  SELECTION_UNREVIEWED_APPLICATIONS: 409,
  SELECTION_LETTERS_RELEASED: 409,
  SELECTION_ADOPTION_CHANGED: 409,
  SELECTION_DECISIONS_BUSY: 409,
  DECISIONS_CLOSED: 409,
  DECISION_NOT_OFFERED: 409,
  DECISION_ALREADY_ANSWERED: 409,
  DECISION_CONFIRM_BY_PASSED: 409,
  LETTER_ALREADY_SENT: 409,
  LETTER_IN_QUEUE: 409,
});
export type SelectionErrorCode = keyof typeof selectionErrors;

export class SelectionError extends AppError {
  readonly status: number;

  constructor(code: SelectionErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = selectionErrors[code];
  }

  static runNotFound(): SelectionError {
    return new SelectionError(
      'SELECTION_RUN_NOT_FOUND',
      'There is no such selection run in this lab.',
    );
  }

  static notAdopted(): SelectionError {
    return new SelectionError(
      'SELECTION_NOT_ADOPTED',
      'No selection run is adopted in this lab yet: adopt a run first; decisions and letters come from it.',
    );
  }

  static decisionNotFound(): SelectionError {
    return new SelectionError('DECISION_NOT_FOUND', 'There is no such decision of yours.');
  }
}
