import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@ideas-lab/applications';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { ReviewModule } from '@ideas-lab/review';
import { DecisionsService } from './decisions.service.js';
import { LabDecisionsController, MyDecisionsController, SelectionRunsController } from './selection.controller.js';
import { SelectionDecisionsRepository } from './selection-decisions.repository.js';
import { SelectionRunsRepository } from './selection-runs.repository.js';
import { SelectionRunsService } from './selection-runs.service.js';

@Module({
  imports: [IdentityModule, LabsModule, ApplicationsModule, ReviewModule],
  controllers: [SelectionRunsController, LabDecisionsController, MyDecisionsController],
  providers: [SelectionRunsRepository, SelectionDecisionsRepository, SelectionRunsService, DecisionsService],
  exports: [SelectionRunsService, DecisionsService],
})
export class SelectionModule {}
