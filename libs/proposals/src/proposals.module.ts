import { Module } from '@nestjs/common';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { LiveModule } from '@ideas-lab/live';
import { WorkshopModule } from '@ideas-lab/workshop';
import { FundingRoundsRepository } from './funding-rounds.repository.js';
import { FundingRoundsService } from './funding-rounds.service.js';
import { FundingRoundsController, ProposalsController } from './proposals.controller.js';
import { ProposalsRepository } from './proposals.repository.js';
import { ProposalsService } from './proposals.service.js';

@Module({
  imports: [IdentityModule, LabsModule, WorkshopModule, LiveModule],
  controllers: [FundingRoundsController, ProposalsController],
  providers: [FundingRoundsRepository, ProposalsRepository, FundingRoundsService, ProposalsService],
  exports: [FundingRoundsService, ProposalsService],
})
export class ProposalsModule {}
