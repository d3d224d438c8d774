export type RotationPlanErrorCode =
  | 'ROTATION_INVALID_ROOM_SIZE'
  | 'ROTATION_INVALID_ROUNDS'
  | 'ROTATION_TOO_MANY_HELD_ROUNDS'
  | 'ROTATION_DUPLICATE_PARTICIPANT'
  | 'ROTATION_DUPLICATE_MENTOR'
  | 'ROTATION_INVALID_BUDGET';

/** A rotation request that cannot be planned as asked; `code` is stable for callers. */
export class RotationPlanError extends Error {
  constructor(
    readonly code: RotationPlanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RotationPlanError';
  }
}
