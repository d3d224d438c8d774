import { AppError, type ErrorDetails } from '@ideas-lab/platform';

export type SelectionErrorCode =
  | 'SELECTION_RUN_NOT_FOUND'
  | 'SELECTION_INPUT_INVALID'
  | 'SELECTION_RUN_INFEASIBLE'
  | 'SELECTION_DECISIONS_ANSWERED'
  | 'SELECTION_PHASE_REQUIRED'
  | 'SELECTION_NOT_ADOPTED'
  | 'SELECTION_UNREVIEWED_APPLICATIONS'
  | 'SELECTION_LETTERS_RELEASED'
  | 'SELECTION_ADOPTION_CHANGED'
  | 'DECISIONS_CLOSED'
  | 'DECISION_NOT_FOUND'
  | 'DECISION_NOT_OFFERED'
  | 'DECISION_ALREADY_ANSWERED'
  | 'DECISION_CONFIRM_BY_PASSED'
  | 'LETTER_NOT_FOUND'
  | 'LETTER_ALREADY_SENT'
  | 'LETTER_IN_QUEUE';

export function statusForSelectionError(code: SelectionErrorCode): number {
  switch (code) {
    case 'SELECTION_RUN_NOT_FOUND':
    case 'DECISION_NOT_FOUND':
    case 'LETTER_NOT_FOUND':
      return 404;
    case 'SELECTION_INPUT_INVALID':
      return 400;
    case 'SELECTION_RUN_INFEASIBLE':
    case 'SELECTION_DECISIONS_ANSWERED':
    case 'SELECTION_PHASE_REQUIRED':
    case 'SELECTION_NOT_ADOPTED':
    case 'SELECTION_UNREVIEWED_APPLICATIONS':
    case 'SELECTION_LETTERS_RELEASED':
    case 'SELECTION_ADOPTION_CHANGED':
    case 'DECISIONS_CLOSED':
    case 'DECISION_NOT_OFFERED':
    case 'DECISION_ALREADY_ANSWERED':
    case 'DECISION_CONFIRM_BY_PASSED':
    case 'LETTER_ALREADY_SENT':
    case 'LETTER_IN_QUEUE':
      return 409;
  }
}

export class SelectionError extends AppError {
  readonly status: number;

  constructor(code: SelectionErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = statusForSelectionError(code);
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
