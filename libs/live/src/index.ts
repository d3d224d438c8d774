export * from './live.module.js';
export * from './live-events.js';
export * from './live.errors.js';
export * from './live-publisher.js';
export * from './live-pitch-source.js';
export { LIVE_CONNECTIONS_PER_PERSON, LIVE_RATE_LIMIT } from './live.gateway.js';
export * from './entities/chat-message.entity.js';
export * from './entities/help-request.entity.js';
export * from './entities/mentor-topics.entity.js';
export * from './entities/time-request.entity.js';
export * from './entities/pinned-instruction.entity.js';
export * from './entities/mentor-visit.entity.js';

import { ChatMessageEntity } from './entities/chat-message.entity.js';
import { HelpRequestEntity } from './entities/help-request.entity.js';
import { MentorTopicsEntity } from './entities/mentor-topics.entity.js';
import { TimeRequestEntity } from './entities/time-request.entity.js';
import { PinnedInstructionEntity } from './entities/pinned-instruction.entity.js';
import { MentorVisitEntity } from './entities/mentor-visit.entity.js';

export const liveEntities = [
  ChatMessageEntity,
  HelpRequestEntity,
  MentorTopicsEntity,
  TimeRequestEntity,
  PinnedInstructionEntity,
  MentorVisitEntity,
];
