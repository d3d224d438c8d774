import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the workshop lib answers with, and its HTTP status. */
export const workshopErrors = errorCatalogue({
  SESSION_NOT_FOUND: 404,
  PLAN_NOT_FOUND: 404,
  ROUND_NOT_FOUND: 404,
  ROOM_NOT_FOUND: 404,
  SESSION_TIMES_INVALID: 400,
  PROFILE_NOT_IN_TAXONOMY: 400,
  PLAN_INVALID: 400,
  ROUND_ROOMS_INVALID: 400,
  MENTOR_NOT_IN_LAB: 400,
  NOT_A_PARTICIPANT: 400,
  ROOMS_RECREATE_INVALID: 400,
  TEAM_MEMBER_INVALID: 400,
  ROOM_LINK_TEMPLATE_INVALID: 400,
  SESSION_VERSION_CONFLICT: 409,
  SESSION_NOT_BREAKOUT: 409,
  SESSION_HAS_ROUNDS: 409,
  SESSION_LIVE: 409,
  PLAN_NO_PARTICIPANTS: 409,
  PLAN_STALE: 409,
  PLAN_INPUTS_CHANGED: 409,
  ROOMS_INPUTS_CHANGED: 409,
  ROUND_CLOSED: 409,
  ROUND_STATE_INVALID: 409,
  ROUND_OUTSIDE_SESSION_DAY: 409,
  ROUND_NOT_SELF_SELECT: 409,
  ROOM_FULL: 409,
  PARTICIPANT_NOT_SEATED: 409,
  TEAM_NAME_TAKEN: 409,
  ROOM_NAME_TAKEN: 409,
  WORKSHOP_SETTINGS_VERSION_CONFLICT: 409,
});
export type WorkshopErrorCode = keyof typeof workshopErrors;

export class WorkshopError extends AppError {
  readonly status: number;

  constructor(code: WorkshopErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = workshopErrors[code];
  }

  static sessionNotFound(): WorkshopError {
    return new WorkshopError('SESSION_NOT_FOUND', 'There is no such session in this lab.');
  }

  static roundNotFound(): WorkshopError {
    return new WorkshopError('ROUND_NOT_FOUND', 'There is no such round in this session.');
  }

  static roomNotFound(): WorkshopError {
    return new WorkshopError('ROOM_NOT_FOUND', 'There is no such room in this round.', [
      { field: 'roomId', message: 'no such room in this round' },
    ]);
  }
}
