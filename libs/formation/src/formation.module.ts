import { Module } from '@nestjs/common';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { LiveModule } from '@ideas-lab/live';
import { WorkshopModule } from '@ideas-lab/workshop';
import { FormationContextReader } from './formation-context.js';
import { FormationController } from './formation.controller.js';
import { FormationLive } from './formation-live.js';
import { FormationRepository } from './formation.repository.js';
import { FormationRunsService } from './formation-runs.service.js';
import { FormationService } from './formation.service.js';

@Module({
  imports: [IdentityModule, LabsModule, WorkshopModule, LiveModule],
  controllers: [FormationController],
  providers: [
    FormationRepository,
    FormationContextReader,
    FormationLive,
    FormationService,
    FormationRunsService,
  ],
  exports: [FormationService, FormationRunsService],
})
export class FormationModule {}
