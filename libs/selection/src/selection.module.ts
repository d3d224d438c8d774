import { SelectionPhaseFacts } from './selection-phase-facts.js';
import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@ideas-lab/applications';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { ReviewModule } from '@ideas-lab/review';
import { DecisionLettersRepository } from './decision-letters.repository.js';
import { DecisionLettersService } from './decision-letters.service.js';
import { DecisionMailRepository } from './decision-mail.repository.js';
import { DecisionsService } from './decisions.service.js';
import { OfferExpirySweeper } from './offer-expiry-sweeper.service.js';
import { ApplicationFunnelService } from './application-funnel.service.js';
import { DecisionLetterSender } from './decision-letter-sender.service.js';
import { LabOutboxService } from './lab-outbox.service.js';
import {
  ApplicationFunnelController,
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
    ApplicationFunnelController,
  ],
  providers: [
    SelectionRunsRepository,
    SelectionDecisionsRepository,
    DecisionLettersRepository,
    DecisionMailRepository,
    SelectionRunsService,
    DecisionsService,
    DecisionLettersService,
    ApplicationFunnelService,
    DecisionLetterSender,
    OfferExpirySweeper,
    SelectionPhaseFacts,
    LabOutboxService,
  ],
  exports: [SelectionRunsService, DecisionsService, DecisionLetterSender, LabOutboxService],
})
export class SelectionModule {}
