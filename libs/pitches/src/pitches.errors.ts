import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the pitches lib answers with, and its HTTP status. */
export const pitchesErrors = errorCatalogue({
  PITCH_SESSION_NOT_FOUND: 404,
  PITCH_SLOT_NOT_FOUND: 404,
  PITCH_SCORE_NOT_FOUND: 404,
  PITCH_ORDER_INVALID: 400,
  PITCH_SCORE_INVALID: 400,
  PITCH_SESSION_VERSION_CONFLICT: 409,
  PITCH_RUBRIC_LOCKED: 409,
  PITCH_SESSION_STATE_INVALID: 409,
  PITCH_STAGE_CHANGED: 409,
  PITCH_CLOCK_NOT_RUNNING: 409,
  PITCH_CLOCK_CONFLICT: 409,
  PITCH_CLOCK_OUT_OF_RANGE: 409,
  PITCH_SCORING_CLOSED: 409,
  PITCH_SCORE_VERSION_CONFLICT: 409,
  PITCH_CONFLICT_OF_INTEREST: 403,
  PITCH_MENTORS_ONLY: 403,
  PITCH_RELEASE_NOT_READY: 409,
});
export type PitchesErrorCode = keyof typeof pitchesErrors;

export class PitchesError extends AppError {
  readonly status: number;

  constructor(code: PitchesErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = pitchesErrors[code];
  }

  static sessionNotFound(): PitchesError {
    return new PitchesError(
      'PITCH_SESSION_NOT_FOUND',
      'There is no such pitch session in this lab (a pitch session is an agenda session of kind "pitch").',
    );
  }

  static slotNotFound(): PitchesError {
    return new PitchesError('PITCH_SLOT_NOT_FOUND', 'This team has no pitch in this session.');
  }
}
