import { Module } from '@nestjs/common';
import { IdentityModule } from '@ideas-lab/identity';
import { IdeasModule, IdeasShortlist } from '@ideas-lab/ideas';
import { LabsModule } from '@ideas-lab/labs';
import { LiveModule } from '@ideas-lab/live';
import { WorkshopModule } from '@ideas-lab/workshop';
import { FormationContextReader } from './formation-context.js';
import { FormationController } from './formation.controller.js';
import { FormationLive } from './formation-live.js';
import { FormationRepository } from './formation.repository.js';
import { FormationRunsService } from './formation-runs.service.js';
import { FormationService } from './formation.service.js';
import { FormationShortlist } from './formation-shortlist.js';

@Module({
  imports: [IdentityModule, LabsModule, WorkshopModule, LiveModule, IdeasModule],
  controllers: [FormationController],
  providers: [
    FormationRepository,
    FormationContextReader,
    FormationLive,
    FormationService,
    FormationRunsService,
    // The ideas board owns the shortlist; formation reads it through its own port.
    { provide: FormationShortlist, useExisting: IdeasShortlist },
  ],
  exports: [FormationService, FormationRunsService],
})
export class FormationModule {}
