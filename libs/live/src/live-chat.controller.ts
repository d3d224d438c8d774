import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles, uuidParam } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { ChatHistoryQueryDto, ChatPage } from './live.contract.js';
import { LiveChatService } from './live-chat.service.js';

const LabId = uuidParam('labId');

@ApiTags('live')
@Controller('labs/:labId/chat')
export class LiveChatController {
  constructor(private readonly chat: LiveChatService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint({
    summary: 'Chat history of the lab or of one breakout room, one page back in time',
    description:
      'channel is `lab` (default) or `room:<roomId>`; pass `nextBefore` as `before` for the page before. ' +
      "The lab's chat is for its participants, mentors and organisers; a room's for those who were in it, and the organisers. " +
      'New messages arrive live on the `/live` Socket.IO namespace (see docs/live-events.md).',
    response: ChatPage,
    errors: ['LIVE_CHANNEL_INVALID', 'LIVE_CHANNEL_FORBIDDEN'],
  })
  history(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: ChatHistoryQueryDto,
  ) {
    return this.chat.history(actor, labId, query);
  }
}
