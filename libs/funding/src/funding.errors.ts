import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the funding lib answers with, and its HTTP status. */
export const fundingErrors = errorCatalogue({
  FUNDING_PROPOSAL_NOT_FOUND: 404,
  FUNDING_RUN_NOT_FOUND: 404,
  PROGRESS_REPORT_NOT_FOUND: 404,
  FUNDING_RULES_INVALID: 400,
  FUNDING_DECISION_INVALID: 400,
  PROGRESS_REPORT_INVALID: 400,
  FUNDING_NO_PROPOSALS: 409,
  FUNDING_NO_MERIT: 409,
  FUNDING_RUN_INFEASIBLE: 409,
  FUNDING_OVER_CAP: 409,
  FUNDING_OVER_POOL: 409,
  FUNDING_OVER_REQUEST: 409,
  FUNDING_DECISION_VERSION_CONFLICT: 409,
  FUNDING_LETTERS_CHANGED: 409,
  FUNDING_NOTHING_TO_RELEASE: 409,
  FUNDING_NOT_FUNDED: 409,
  PROGRESS_REPORT_VERSION_CONFLICT: 409,
  PROGRESS_REPORT_TEAM_ONLY: 403,
  FUNDING_NOTHING_LATE: 409,
});
export type FundingErrorCode = keyof typeof fundingErrors;

export class FundingError extends AppError {
  readonly status: number;

  constructor(code: FundingErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = fundingErrors[code];
  }

  static proposalNotFound(): FundingError {
    return new FundingError(
      'FUNDING_PROPOSAL_NOT_FOUND',
      'There is no submitted proposal with this id in this funding round.',
    );
  }

  static runNotFound(): FundingError {
    return new FundingError(
      'FUNDING_RUN_NOT_FOUND',
      'There is no such portfolio run in this round.',
    );
  }

  static reportNotFound(): FundingError {
    return new FundingError(
      'PROGRESS_REPORT_NOT_FOUND',
      'There is no such progress report that you may read in this lab.',
    );
  }
}
