import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentActor, LabRoles, uuidParam } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { ChatHistoryQueryDto, ChatPageDto } from './dto/live-requests.dto.js';
import { LiveChatService, type ChatPage } from './live-chat.service.js';

const LabId = uuidParam('labId');

@ApiTags('live')
@ApiBearerAuth()
@Controller('labs/:labId/chat')
export class LiveChatController {
  constructor(private readonly chat: LiveChatService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @ApiOperation({
    summary: 'Chat history of the lab or of one breakout room, one page back in time',
    description:
      'channel is `lab` (default) or `room:<roomId>`; pass `nextBefore` as `before` for the page before. ' +
      "The lab's chat is for its participants, mentors and organisers; a room's for those who were in it, and the organisers. " +
      'New messages arrive live on the `/live` Socket.IO namespace (see docs/live-events.md).',
  })
  @ApiResponse({ status: 200, type: ChatPageDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | LIVE_CHANNEL_INVALID',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED | LIVE_CHANNEL_FORBIDDEN',
    404,
    'LAB_NOT_FOUND',
  )
  history(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: ChatHistoryQueryDto,
  ): Promise<ChatPage> {
    return this.chat.history(actor, labId, query);
  }
}
