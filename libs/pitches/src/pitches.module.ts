import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@ideas-lab/applications';
import { LabsModule } from '@ideas-lab/labs';
import { LiveModule } from '@ideas-lab/live';
import { ReviewModule } from '@ideas-lab/review';
import { WorkshopModule } from '@ideas-lab/workshop';
import { PitchScoresController, PitchSessionsController } from './pitches.controller.js';
import { PitchesLive } from './pitches-live.js';
import { PitchesRepository } from './pitches.repository.js';
import { PitchScoresService } from './pitch-scores.service.js';
import { PitchSessionsService } from './pitch-sessions.service.js';

@Module({
  imports: [LabsModule, WorkshopModule, LiveModule, ReviewModule, ApplicationsModule],
  controllers: [PitchSessionsController, PitchScoresController],
  providers: [PitchesRepository, PitchesLive, PitchSessionsService, PitchScoresService],
  exports: [PitchSessionsService, PitchScoresService],
})
export class PitchesModule {}
