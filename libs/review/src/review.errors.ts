import { AppError, type ErrorDetails } from '@ideas-lab/platform';

export type ReviewErrorCode =
  | 'REVIEW_RUBRIC_NOT_SET'
  | 'REVIEW_RUBRIC_INVALID'
  | 'REVIEW_RUBRIC_LOCKED'
  | 'REVIEW_RUBRIC_VERSION_CONFLICT'
  | 'REVIEW_CLOSED'
  | 'REVIEWER_NOT_IN_LAB'
  | 'CONFLICT_DECLARATION_INVALID'
  | 'REVIEW_APPLICATION_NOT_FOUND'
  | 'REVIEW_NOT_ASSIGNED'
  | 'REVIEW_CONFLICT_OF_INTEREST'
  | 'ASSIGNMENT_CONFLICT_OF_INTEREST'
  | 'REVIEW_ASSIGNMENT_NOT_FOUND'
  | 'REVIEW_ASSIGNMENT_EXISTS'
  | 'REVIEW_ASSIGNMENT_HAS_REVIEW'
  | 'REVIEW_ASSIGNMENT_INPUTS_CHANGED'
  | 'REVIEW_INVALID'
  | 'REVIEW_ALREADY_SUBMITTED'
  | 'REVIEWS_HIDDEN_UNTIL_SUBMITTED';

export function statusForReviewError(code: ReviewErrorCode): number {
  switch (code) {
    case 'REVIEW_RUBRIC_NOT_SET':
    case 'REVIEW_APPLICATION_NOT_FOUND':
    case 'REVIEW_NOT_ASSIGNED':
    case 'REVIEW_ASSIGNMENT_NOT_FOUND':
      return 404;
    case 'REVIEW_CONFLICT_OF_INTEREST':
    case 'REVIEWS_HIDDEN_UNTIL_SUBMITTED':
      return 403;
    case 'REVIEW_RUBRIC_INVALID':
    case 'REVIEWER_NOT_IN_LAB':
    case 'CONFLICT_DECLARATION_INVALID':
    case 'REVIEW_INVALID':
      return 400;
    case 'REVIEW_RUBRIC_LOCKED':
    case 'REVIEW_RUBRIC_VERSION_CONFLICT':
    case 'REVIEW_CLOSED':
    case 'ASSIGNMENT_CONFLICT_OF_INTEREST':
    case 'REVIEW_ASSIGNMENT_EXISTS':
    case 'REVIEW_ASSIGNMENT_HAS_REVIEW':
    case 'REVIEW_ASSIGNMENT_INPUTS_CHANGED':
    case 'REVIEW_ALREADY_SUBMITTED':
      return 409;
  }
}

export class ReviewError extends AppError {
  readonly status: number;

  constructor(code: ReviewErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = statusForReviewError(code);
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
