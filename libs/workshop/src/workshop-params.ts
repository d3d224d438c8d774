import { ParseUUIDPipe } from '@nestjs/common';
import { PlatformError } from '@ideas-lab/platform';

/** A path id that must be a UUID; anything else is a clear 400 naming the parameter. */
export const uuidParam = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new PlatformError('VALIDATION_FAILED', `${field} must be a UUID.`, [{ field, message: `${field} must be a UUID` }]),
  });

export const LabId = uuidParam('labId');
export const SessionId = uuidParam('sessionId');
export const RoundId = uuidParam('roundId');
export const RoomId = uuidParam('roomId');
export const PlanId = uuidParam('planId');
export const UserId = uuidParam('userId');
