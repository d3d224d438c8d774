import { AppError, type ErrorDetails } from '@ideas-lab/platform';

export type WorkshopErrorCode =
  | 'SESSION_NOT_FOUND'
  | 'SESSION_TIMES_INVALID'
  | 'SESSION_VERSION_CONFLICT'
  | 'SESSION_NOT_BREAKOUT'
  | 'SESSION_HAS_ROUNDS'
  | 'SESSION_LIVE'
  | 'PROFILE_NOT_IN_TAXONOMY'
  | 'PLAN_NOT_FOUND'
  | 'PLAN_INVALID'
  | 'PLAN_NO_PARTICIPANTS'
  | 'PLAN_STALE'
  | 'PLAN_INPUTS_CHANGED'
  | 'ROOMS_INPUTS_CHANGED'
  | 'ROUND_NOT_FOUND'
  | 'ROUND_CLOSED'
  | 'ROUND_STATE_INVALID'
  | 'ROUND_NOT_SELF_SELECT'
  | 'ROUND_ROOMS_INVALID'
  | 'ROOM_NOT_FOUND'
  | 'ROOM_FULL'
  | 'MENTOR_NOT_IN_LAB'
  | 'NOT_A_PARTICIPANT'
  | 'PARTICIPANT_NOT_SEATED'
  | 'ROOMS_RECREATE_INVALID'
  | 'TEAM_NAME_TAKEN'
  | 'TEAM_MEMBER_INVALID';

export function statusForWorkshopError(code: WorkshopErrorCode): number {
  switch (code) {
    case 'SESSION_NOT_FOUND':
    case 'PLAN_NOT_FOUND':
    case 'ROUND_NOT_FOUND':
    case 'ROOM_NOT_FOUND':
      return 404;
    case 'SESSION_TIMES_INVALID':
    case 'PROFILE_NOT_IN_TAXONOMY':
    case 'PLAN_INVALID':
    case 'ROUND_ROOMS_INVALID':
    case 'MENTOR_NOT_IN_LAB':
    case 'NOT_A_PARTICIPANT':
    case 'ROOMS_RECREATE_INVALID':
    case 'TEAM_MEMBER_INVALID':
      return 400;
    case 'SESSION_VERSION_CONFLICT':
    case 'SESSION_NOT_BREAKOUT':
    case 'SESSION_HAS_ROUNDS':
    case 'SESSION_LIVE':
    case 'PLAN_NO_PARTICIPANTS':
    case 'PLAN_STALE':
    case 'PLAN_INPUTS_CHANGED':
    case 'ROOMS_INPUTS_CHANGED':
    case 'ROUND_CLOSED':
    case 'ROUND_STATE_INVALID':
    case 'ROUND_NOT_SELF_SELECT':
    case 'ROOM_FULL':
    case 'PARTICIPANT_NOT_SEATED':
    case 'TEAM_NAME_TAKEN':
      return 409;
  }
}

export class WorkshopError extends AppError {
  readonly status: number;

  constructor(code: WorkshopErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = statusForWorkshopError(code);
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
