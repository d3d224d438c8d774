import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import { ProposalRankingQueryDto, proposalRankingOps } from './proposal-review.contract.js';
import { FundingRoundId, LabId } from './proposal-review-params.js';
import { ProposalRankingService } from './proposal-ranking.service.js';

@Controller('labs/:labId/funding-rounds/:fundingRoundId')
export class ProposalRankingController {
  constructor(private readonly ranking: ProposalRankingService) {}

  @LabRoles('organiser')
  @Get('ranking')
  @Endpoint(proposalRankingOps.get)
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Query() query: ProposalRankingQueryDto,
  ) {
    return this.ranking.ranking(actor, labId, roundId, query);
  }
}
