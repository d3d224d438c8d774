import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@ideas-lab/applications';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { ReviewModule } from '@ideas-lab/review';
import { DecisionLettersRepository } from './decision-letters.repository.js';
import { DecisionLettersService } from './decision-letters.service.js';
import { DecisionMailRepository } from './decision-mail.repository.js';
import { DecisionsService } from './decisions.service.js';
import {
  DecisionLettersController,
  LabDecisionsController,
  MyDecisionsController,
  SelectionRunsController,
} from './selection.controller.js';
import { SelectionDecisionsRepository } from './selection-decisions.repository.js';
import { SelectionRunsRepository } from './selection-runs.repository.js';
import { SelectionRunsService } from './selection-runs.service.js';

@Module({
  imports: [IdentityModule, LabsModule, ApplicationsModule, ReviewModule],
  controllers: [
    SelectionRunsController,
    LabDecisionsController,
    MyDecisionsController,
    DecisionLettersController,
  ],
  providers: [
    SelectionRunsRepository,
    SelectionDecisionsRepository,
    DecisionLettersRepository,
    DecisionMailRepository,
    SelectionRunsService,
    DecisionsService,
    DecisionLettersService,
  ],
  exports: [SelectionRunsService, DecisionsService],
})
export class SelectionModule {}
