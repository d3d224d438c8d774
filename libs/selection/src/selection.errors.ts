import { AppError, type ErrorDetails } from '@ideas-lab/platform';

export type SelectionErrorCode =
  | 'SELECTION_RUN_NOT_FOUND'
  | 'SELECTION_INPUT_INVALID'
  | 'SELECTION_RUN_INFEASIBLE'
  | 'SELECTION_DECISIONS_ANSWERED'
  | 'DECISION_NOT_FOUND'
  | 'DECISION_NOT_OFFERED'
  | 'DECISION_ALREADY_ANSWERED'
  | 'DECISION_CONFIRM_BY_PASSED'
  | 'LETTER_NOT_FOUND'
  | 'LETTER_ALREADY_SENT';

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
    case 'DECISION_NOT_OFFERED':
    case 'DECISION_ALREADY_ANSWERED':
    case 'DECISION_CONFIRM_BY_PASSED':
    case 'LETTER_ALREADY_SENT':
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

  static decisionNotFound(): SelectionError {
    return new SelectionError('DECISION_NOT_FOUND', 'There is no such decision of yours.');
  }
}
