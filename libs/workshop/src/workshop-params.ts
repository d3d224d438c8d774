import { uuidParam } from '@ideas-lab/platform';

/** Path ids that must be UUIDs; anything else is a clear 400 naming the parameter. */
export const LabId = uuidParam('labId');
export const SessionId = uuidParam('sessionId');
export const RoundId = uuidParam('roundId');
export const RoomId = uuidParam('roomId');
export const PlanId = uuidParam('planId');
export const UserId = uuidParam('userId');
