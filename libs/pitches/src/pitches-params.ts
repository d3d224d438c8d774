import { uuidParam } from '@ideas-lab/platform';

/** Path ids that must be UUIDs; anything else is a clear 400 naming the parameter. */
export const LabId = uuidParam('labId');
export const SessionId = uuidParam('sessionId');
export const SlotId = uuidParam('slotId');
export const ScoreId = uuidParam('scoreId');
