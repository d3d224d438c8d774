import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the review lib answers with, and its HTTP status. */
export const reviewErrors = errorCatalogue({
  REVIEW_RUBRIC_NOT_SET: 404,
  REVIEW_APPLICATION_NOT_FOUND: 404,
  REVIEW_NOT_ASSIGNED: 404,
  REVIEW_ASSIGNMENT_NOT_FOUND: 404,
  REVIEW_CONFLICT_OF_INTEREST: 403,
  REVIEWS_HIDDEN_UNTIL_SUBMITTED: 403,
  REVIEW_RUBRIC_INVALID: 400,
  REVIEWER_NOT_IN_LAB: 400,
  CONFLICT_DECLARATION_INVALID: 400,
  REVIEW_INVALID: 400,
  REVIEW_RUBRIC_LOCKED: 409,
  REVIEW_RUBRIC_VERSION_CONFLICT: 409,
  REVIEW_CLOSED: 409,
  ASSIGNMENT_CONFLICT_OF_INTEREST: 409,
  REVIEW_ASSIGNMENT_EXISTS: 409,
  REVIEW_ASSIGNMENT_HAS_REVIEW: 409,
  REVIEW_ASSIGNMENT_INPUTS_CHANGED: 409,
  REVIEW_ALREADY_SUBMITTED: 409,
});
export type ReviewErrorCode = keyof typeof reviewErrors;

export class ReviewError extends AppError {
  readonly status: number;

  constructor(code: ReviewErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = reviewErrors[code];
  }

  static applicationNotFound(): ReviewError {
    return new ReviewError(
      'REVIEW_APPLICATION_NOT_FOUND',
      'There is no such submitted application in this lab.',
    );
  }

  static notAssigned(): ReviewError {
    return new ReviewError(
      'REVIEW_NOT_ASSIGNED',
      'You are not assigned to review this application.',
    );
  }

  static rubricNotSet(): ReviewError {
    return new ReviewError(
      'REVIEW_RUBRIC_NOT_SET',
      'The organisers have not set the review rubric of this lab yet.',
    );
  }
}
