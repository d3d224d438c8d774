import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentActor, Endpoint, LabRoles, uuidParam } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { ChatHistoryQueryDto, liveChatOps } from './live.contract.js';
import { LiveChatService } from './live-chat.service.js';

const LabId = uuidParam('labId');

@Controller('labs/:labId/chat')
export class LiveChatController {
  constructor(private readonly chat: LiveChatService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint(liveChatOps.history)
  history(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: ChatHistoryQueryDto,
  ) {
    return this.chat.history(actor, labId, query);
  }
}
