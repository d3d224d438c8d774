export * from './pitches.module.js';
export * from './pitch-sessions.service.js';
export * from './pitch-scores.service.js';
export * from './pitches.errors.js';
export * from './pitches.contract.js';
export * from './entities/pitch-session.entity.js';
export * from './entities/pitch-slot.entity.js';
export * from './entities/pitch-score.entity.js';

import { PitchSessionEntity } from './entities/pitch-session.entity.js';
import { PitchSlotEntity } from './entities/pitch-slot.entity.js';
import { PitchScoreEntity } from './entities/pitch-score.entity.js';

export const pitchesEntities = [PitchSessionEntity, PitchSlotEntity, PitchScoreEntity];
