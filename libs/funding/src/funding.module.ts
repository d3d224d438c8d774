import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@ideas-lab/applications';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { PitchesModule } from '@ideas-lab/pitches';
import { ProposalReviewModule } from '@ideas-lab/proposal-review';
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
import { PitchesLibPitchScores } from './pitches-lib-pitch-scores.js';
import { PitchScores, ProposalReviews } from './proposal-reviews.port.js';
import { ReviewLibProposalReviews } from './review-lib-proposal-reviews.js';

@Module({
  imports: [
    IdentityModule,
    LabsModule,
    ApplicationsModule,
    WorkshopModule,
    ProposalsModule,
    ProposalReviewModule,
    PitchesModule,
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
    // Merit, released comments and reviews come from proposal review, pitch scores from pitches.
    { provide: ProposalReviews, useClass: ReviewLibProposalReviews },
    { provide: PitchScores, useClass: PitchesLibPitchScores },
  ],
  exports: [PortfolioRunsService, FundingDecisionsService, ProgressReportsService],
})
export class FundingModule {}
