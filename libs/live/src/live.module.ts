import { Module } from '@nestjs/common';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { WorkshopModule } from '@ideas-lab/workshop';
import { BreakoutRelayService } from './breakout-relay.service.js';
import { ChatMessagesRepository } from './chat-messages.repository.js';
import { ControlRoomService } from './control-room.service.js';
import { HelpQueueService } from './help-queue.service.js';
import { HelpRequestsRepository } from './help-requests.repository.js';
import { LiveChatController } from './live-chat.controller.js';
import { LiveChatService } from './live-chat.service.js';
import { LiveConnectionsService } from './live-connections.service.js';
import { LiveAccessService } from './live-access.service.js';
import { LiveGateway } from './live.gateway.js';
import { LivePresenceService } from './live-presence.service.js';
import { LivePitchSource } from './live-pitch-source.js';
import { LivePublisher, LiveRealtime } from './live-publisher.js';
import { LiveRoundsRepository } from './live-rounds.repository.js';
import { MentorVisitsService } from './mentor-visits.service.js';
import { PinnedInstructionsRepository } from './pinned-instructions.repository.js';
import { PinnedInstructionsService } from './pinned-instructions.service.js';
import { RoomActivityService } from './room-activity.service.js';
import { TimeRequestsRepository } from './time-requests.repository.js';
import { TimeRequestsService } from './time-requests.service.js';

@Module({
  imports: [IdentityModule, LabsModule, WorkshopModule],
  controllers: [LiveChatController],
  providers: [
    LiveRealtime,
    LivePitchSource,
    { provide: LivePublisher, useExisting: LiveRealtime },
    LiveRoundsRepository,
    ChatMessagesRepository,
    HelpRequestsRepository,
    TimeRequestsRepository,
    PinnedInstructionsRepository,
    RoomActivityService,
    MentorVisitsService,
    PinnedInstructionsService,
    LiveConnectionsService,
    ControlRoomService,
    LivePresenceService,
    LiveChatService,
    HelpQueueService,
    TimeRequestsService,
    BreakoutRelayService,
    LiveAccessService,
    LiveGateway,
  ],
  exports: [LivePublisher, LivePitchSource],
})
export class LiveModule {}
