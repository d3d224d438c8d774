export type TeamFormationErrorCode =
  | 'TEAMS_DUPLICATE_PARTICIPANT'
  | 'TEAMS_DUPLICATE_IDEA'
  | 'TEAMS_INVALID_INTEREST'
  | 'TEAMS_INVALID_RULE'
  | 'TEAMS_INVALID_WEIGHT'
  | 'TEAMS_INVALID_LOCK'
  | 'TEAMS_INVALID_EDIT';

/**
 * Input to team formation that no organiser could mean (an id listed twice, an interest outside
 * 0–3, a negative team size, a lock naming someone unknown); `code` is stable for callers.
 * Rules that merely cannot all hold are not errors: they come back as an infeasibility report.
 */
export class TeamFormationError extends Error {
  constructor(
    readonly code: TeamFormationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TeamFormationError';
  }
}
