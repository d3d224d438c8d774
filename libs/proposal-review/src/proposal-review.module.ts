import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@ideas-lab/applications';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { LiveModule } from '@ideas-lab/live';
import { ProposalsModule } from '@ideas-lab/proposals';
import { ReviewModule } from '@ideas-lab/review';
import { ProposalRankingController } from './proposal-review.controller.js';
import { ProposalReviewFacts } from './proposal-review-facts.js';
import { ProposalReviewRepository } from './proposal-review.repository.js';
import { ProposalRankingService } from './proposal-ranking.service.js';
import { ProposalReviewRecords } from './proposal-review-records.service.js';

@Module({
  imports: [
    IdentityModule,
    LabsModule,
    ApplicationsModule,
    ProposalsModule,
    ReviewModule,
    LiveModule,
  ],
  controllers: [ProposalRankingController],
  providers: [
    ProposalReviewRepository,
    ProposalReviewFacts,
    ProposalRankingService,
    ProposalReviewRecords,
  ],
  exports: [ProposalRankingService, ProposalReviewRecords],
})
export class ProposalReviewModule {}
