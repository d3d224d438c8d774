export * from './live.module.js';
export * from './live-events.js';
export * from './live.errors.js';
export * from './live-publisher.js';
export * from './round-timer.service.js';
export { LIVE_RATE_LIMIT } from './live.gateway.js';
export * from './entities/chat-message.entity.js';

import { ChatMessageEntity } from './entities/chat-message.entity.js';

export const liveEntities = [ChatMessageEntity];
