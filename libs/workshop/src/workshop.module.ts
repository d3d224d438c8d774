import { Module } from '@nestjs/common';
import { LabsModule } from '@ideas-lab/labs';
import { AgendaController } from './agenda.controller.js';
import { AgendaSessionsRepository } from './agenda-sessions.repository.js';
import { AgendaService } from './agenda.service.js';
import { BreakoutNotices } from './breakout-notices.js';
import { BreakoutController, ParticipantProfilesController } from './breakout.controller.js';
import { BreakoutPlansRepository } from './breakout-plans.repository.js';
import { BreakoutRepository } from './breakout.repository.js';
import { BreakoutService } from './breakout.service.js';
import { ParticipantProfilesRepository } from './participant-profiles.repository.js';

@Module({
  imports: [LabsModule],
  controllers: [AgendaController, BreakoutController, ParticipantProfilesController],
  providers: [
    AgendaSessionsRepository,
    BreakoutRepository,
    BreakoutPlansRepository,
    ParticipantProfilesRepository,
    AgendaService,
    BreakoutService,
    BreakoutNotices,
  ],
  exports: [AgendaService, BreakoutService, BreakoutNotices],
})
export class WorkshopModule {}
