import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@ideas-lab/applications';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { LiveModule } from '@ideas-lab/live';
import { ProposalsModule } from '@ideas-lab/proposals';
import { ReviewModule } from '@ideas-lab/review';
import { WorkshopModule } from '@ideas-lab/workshop';
import { ProposalReviewController } from './proposal-review.controller.js';
import { ProposalAssignmentService } from './proposal-assignment.service.js';
import { ProposalConflictsService } from './proposal-conflicts.service.js';
import { ProposalPanelService } from './proposal-panel.service.js';
import { ProposalReviewsService } from './proposal-reviews.service.js';
import { ProposalReviewFacts } from './proposal-review-facts.js';
import { ProposalReviewNotices } from './proposal-review-notices.js';
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
    WorkshopModule,
  ],
  controllers: [ProposalReviewController],
  providers: [
    ProposalReviewRepository,
    ProposalReviewFacts,
    ProposalReviewNotices,
    ProposalRankingService,
    ProposalReviewRecords,
    ProposalReviewsService,
    ProposalAssignmentService,
    ProposalPanelService,
    ProposalConflictsService,
  ],
  exports: [ProposalRankingService, ProposalReviewRecords, ProposalReviewsService],
})
export class ProposalReviewModule {}
