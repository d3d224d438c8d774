import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the proposals lib answers with, and its HTTP status. */
export const proposalsErrors = errorCatalogue({
  FUNDING_ROUND_NOT_FOUND: 404,
  PROPOSAL_TEAM_NOT_FOUND: 404,
  PROPOSAL_NOT_FOUND: 404,
  PROPOSAL_VERSION_NOT_FOUND: 404,
  FUNDING_ROUND_INVALID: 400,
  FUNDING_ROUND_NAME_TAKEN: 409,
  FUNDING_ROUND_VERSION_CONFLICT: 409,
  PROPOSAL_EXTENSION_INVALID: 400,
  PROPOSAL_TEAM_MEMBERS_ONLY: 403,
  PROPOSAL_VERSION_CONFLICT: 409,
  PROPOSAL_DEADLINE_PASSED: 409,
  PROPOSAL_INCOMPLETE: 400,
  PROPOSAL_NOTHING_TO_SUBMIT: 409,
});
export type ProposalsErrorCode = keyof typeof proposalsErrors;

export class ProposalsError extends AppError {
  readonly status: number;

  constructor(code: ProposalsErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = proposalsErrors[code];
  }

  static roundNotFound(): ProposalsError {
    return new ProposalsError(
      'FUNDING_ROUND_NOT_FOUND',
      'There is no such funding round in this lab.',
    );
  }

  /** A team of another lab, or one whose proposal the caller may not see: it does not exist for them. */
  static teamNotFound(): ProposalsError {
    return new ProposalsError('PROPOSAL_TEAM_NOT_FOUND', 'There is no such team in this lab.');
  }

  static proposalNotFound(): ProposalsError {
    return new ProposalsError(
      'PROPOSAL_NOT_FOUND',
      'This team has no proposal in this round that you may read.',
    );
  }
}
