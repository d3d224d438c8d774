import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@ideas-lab/applications';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { ProposalsModule } from '@ideas-lab/proposals';
import { SelectionModule } from '@ideas-lab/selection';
import { WorkshopModule } from '@ideas-lab/workshop';
import { FundingContextReader } from './funding-context.js';
import { FundingController } from './funding.controller.js';
import { FundingDecisionsService } from './funding-decisions.service.js';
import { FundingExportsService } from './funding-exports.service.js';
import { FundingRepository } from './funding.repository.js';
import { PortfolioRunsService } from './portfolio-runs.service.js';
import { ProgressReportsService } from './progress-reports.service.js';
import {
  NoPitchScores,
  NoProposalReviews,
  PitchScores,
  ProposalReviews,
} from './proposal-reviews.port.js';

@Module({
  imports: [
    IdentityModule,
    LabsModule,
    ApplicationsModule,
    WorkshopModule,
    ProposalsModule,
    SelectionModule,
  ],
  controllers: [FundingController],
  providers: [
    FundingRepository,
    FundingContextReader,
    PortfolioRunsService,
    FundingDecisionsService,
    ProgressReportsService,
    FundingExportsService,
    // Proposal review and pitch scoring answer through these ports once they are wired in.
    { provide: ProposalReviews, useClass: NoProposalReviews },
    { provide: PitchScores, useClass: NoPitchScores },
  ],
  exports: [PortfolioRunsService, FundingDecisionsService, ProgressReportsService],
})
export class FundingModule {}
