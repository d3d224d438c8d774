import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the ideas lib answers with, and its HTTP status. */
export const ideasErrors = errorCatalogue({
  IDEA_NOT_FOUND: 404,
  IDEA_THEME_NOT_FOUND: 404,
  IDEA_INVALID: 400,
  IDEA_SUMMARY_TOO_LONG: 400,
  IDEA_CHAMPION_INVALID: 400,
  IDEA_NOT_CHAMPION: 403,
  IDEA_NOT_ACTIVE: 409,
  IDEA_VERSION_CONFLICT: 409,
  IDEA_BOARD_VERSION_CONFLICT: 409,
  IDEA_THEME_NAME_TAKEN: 409,
  SHORTLIST_INVALID: 400,
  SHORTLIST_VERSION_CONFLICT: 409,
  IDEA_REVISION_NOT_FOUND: 404,
  IDEA_COMMENT_NOT_FOUND: 404,
  IDEA_MERGE_NOT_FOUND: 404,
  IDEA_MERGE_INVALID: 400,
  IDEA_MERGE_NOT_ALLOWED: 403,
  IDEA_MERGE_CLOSED: 409,
  VOTING_SESSION_NOT_FOUND: 404,
  VOTING_SESSION_INVALID: 400,
  VOTING_SESSION_ALREADY_OPEN: 409,
  VOTING_SESSION_CLOSED: 409,
  VOTE_NOT_ELIGIBLE: 403,
  VOTE_BUDGET_EXCEEDED: 409,
  VOTE_IDEA_CAP_REACHED: 409,
  VOTE_NO_DOT_TO_TAKE_BACK: 409,
});
export type IdeasErrorCode = keyof typeof ideasErrors;

export class IdeasError extends AppError {
  readonly status: number;

  constructor(code: IdeasErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = ideasErrors[code];
  }

  static ideaNotFound(): IdeasError {
    return new IdeasError('IDEA_NOT_FOUND', 'There is no such idea on this lab’s board.');
  }

  static themeNotFound(): IdeasError {
    return new IdeasError('IDEA_THEME_NOT_FOUND', 'There is no such theme on this lab’s board.');
  }

  static notActive(status: string): IdeasError {
    return new IdeasError(
      'IDEA_NOT_ACTIVE',
      status === 'merged'
        ? 'This idea was merged into another one; work on that one instead.'
        : 'This idea is archived; an organiser can restore it.',
      { status },
    );
  }
}
