import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { ChatChannel, ChatMessage } from './live-events.js';
import { operations } from '@ideas-lab/platform';

/** The live lib's HTTP contract: chat history (socket payloads live in the event map). */

export const ChatHistoryQuery = z
  .strictObject({
    channel: ChatChannel.optional().meta({
      description: '`lab` (default), `room:<roomId>` or `team:<teamId>`',
      example: 'lab',
    }),
    before: z
      .string()
      .regex(/^[0-9]{1,18}$/, 'must be a message id')
      .optional()
      .meta({ description: 'Only messages older than this message id', example: '120' }),
    limit: z.coerce.number<string>().pipe(z.int().min(1).max(200)).optional().meta({ default: 50 }),
  })
  .meta({ id: 'ChatHistoryQuery' });
export type ChatHistoryQuery = z.output<typeof ChatHistoryQuery>;
export class ChatHistoryQueryDto extends createZodDto(ChatHistoryQuery) {}

export const ChatPage = z
  .object({
    channel: z.string().meta({ example: 'lab' }),
    messages: z.array(ChatMessage).meta({ description: 'Oldest first.' }),
    nextBefore: z.string().nullable().meta({
      description: 'Pass as `before` for the page before; null at the start.',
    }),
  })
  .meta({ id: 'ChatPage' });
export type ChatPage = z.output<typeof ChatPage>;

export const liveChatOps = operations('live', {
  history: {
    summary: 'Chat history of the lab or of one breakout room, one page back in time',
    description:
      'channel is `lab` (default) or `room:<roomId>`; pass `nextBefore` as `before` for the page before. ' +
      "The lab's chat is for its participants, mentors and organisers; a room's for those who were in it, and the organisers. " +
      'New messages arrive live on the `/live` Socket.IO namespace (see docs/live-events.md).',
    response: ChatPage,
    errors: ['LIVE_CHANNEL_INVALID', 'LIVE_CHANNEL_FORBIDDEN'],
  },
});
