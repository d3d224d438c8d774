import { WorkshopPhaseFacts } from './workshop-phase-facts.js';
import { Module } from '@nestjs/common';
import { LabsModule } from '@ideas-lab/labs';
import { AgendaController } from './agenda.controller.js';
import { AgendaSessionsRepository } from './agenda-sessions.repository.js';
import { AgendaService } from './agenda.service.js';
import { BreakoutNotices } from './breakout-notices.js';
import { BreakoutRoundsRepository } from './breakout-rounds.repository.js';
import { BreakoutRoundsService } from './breakout-rounds.service.js';
import {
  BreakoutController,
  ParticipantProfilesController,
  WorkshopSettingsController,
} from './breakout.controller.js';
import { BreakoutPlansRepository } from './breakout-plans.repository.js';
import { BreakoutRepository } from './breakout.repository.js';
import { BreakoutService } from './breakout.service.js';
import { ParticipantProfilesRepository } from './participant-profiles.repository.js';
import { TeamRosterRepository } from './team-roster.repository.js';
import { TeamRosterService } from './team-roster.service.js';
import { TeamsController } from './teams.controller.js';
import { TeamsRepository } from './teams.repository.js';
import { TeamsService } from './teams.service.js';
import { WorkshopSettingsRepository } from './workshop-settings.repository.js';
import { WorkshopSettingsService } from './workshop-settings.service.js';

@Module({
  imports: [LabsModule],
  controllers: [
    AgendaController,
    BreakoutController,
    ParticipantProfilesController,
    WorkshopSettingsController,
    TeamsController,
  ],
  providers: [
    AgendaSessionsRepository,
    BreakoutRepository,
    BreakoutPlansRepository,
    ParticipantProfilesRepository,
    AgendaService,
    BreakoutService,
    BreakoutNotices,
    BreakoutRoundsRepository,
    BreakoutRoundsService,
    TeamsRepository,
    TeamsService,
    TeamRosterRepository,
    TeamRosterService,
    WorkshopPhaseFacts,
    WorkshopSettingsRepository,
    WorkshopSettingsService,
  ],
  exports: [
    AgendaService,
    BreakoutService,
    BreakoutRoundsService,
    BreakoutNotices,
    TeamsService,
    TeamRosterService,
    WorkshopSettingsService,
  ],
})
export class WorkshopModule {}
