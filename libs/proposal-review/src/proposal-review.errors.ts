import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the proposal-review lib answers with, and its HTTP status. */
export const proposalReviewErrors = errorCatalogue({
  PROPOSAL_REVIEW_ROUND_NOT_FOUND: 404,
  PROPOSAL_REVIEW_PROPOSAL_NOT_FOUND: 404,
  PROPOSAL_REVIEW_NOT_ASSIGNED: 404,
  PROPOSAL_REVIEW_ASSIGNMENT_NOT_FOUND: 404,
  PROPOSAL_REVIEW_CONFLICT_OF_INTEREST: 403,
  PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED: 403,
  PROPOSAL_PANEL_MEMBERS_ONLY: 403,
  PROPOSAL_CONSENSUS_LEAD_ONLY: 403,
  PROPOSAL_REVIEW_INVALID: 400,
  PROPOSAL_REVIEWER_NOT_MENTOR: 400,
  PROPOSAL_REVIEW_NOT_OPEN: 409,
  PROPOSAL_REVIEW_CLOSED: 409,
  PROPOSAL_REVIEW_ALREADY_SUBMITTED: 409,
  PROPOSAL_REVIEW_TEAM_NOT_FOUND: 404,
  PROPOSAL_REVIEW_ROUND_VERSION_CONFLICT: 409,
  PROPOSAL_ASSIGNMENT_CONFLICT_OF_INTEREST: 409,
  PROPOSAL_ASSIGNMENT_EXISTS: 409,
  PROPOSAL_ASSIGNMENT_HAS_REVIEW: 409,
  PROPOSAL_ASSIGNMENT_INPUTS_CHANGED: 409,
  PROPOSAL_REVIEW_NO_PROPOSALS: 409,
  PROPOSAL_CONSENSUS_NO_LEAD: 409,
  PROPOSAL_CONSENSUS_VERSION_CONFLICT: 409,
  PROPOSAL_CONFLICT_NOT_DECLARED: 404,
});
export type ProposalReviewErrorCode = keyof typeof proposalReviewErrors;

export class ProposalReviewError extends AppError {
  readonly status: number;

  constructor(code: ProposalReviewErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = proposalReviewErrors[code];
  }

  static proposalNotFound(): ProposalReviewError {
    return new ProposalReviewError(
      'PROPOSAL_REVIEW_PROPOSAL_NOT_FOUND',
      'There is no such submitted proposal in this funding round.',
    );
  }

  static notAssigned(): ProposalReviewError {
    return new ProposalReviewError(
      'PROPOSAL_REVIEW_NOT_ASSIGNED',
      'You are not assigned to review this proposal.',
    );
  }
}
