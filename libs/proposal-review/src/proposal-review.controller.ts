import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ideas-lab/domain';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import { ProposalRankingQueryDto, ProposalRankingView } from './proposal-review.contract.js';
import { FundingRoundId, LabId } from './proposal-review-params.js';
import { ProposalRankingService } from './proposal-ranking.service.js';

@ApiTags('proposal review')
@Controller('labs/:labId/funding-rounds/:fundingRoundId')
export class ProposalRankingController {
  constructor(private readonly ranking: ProposalRankingService) {}

  @LabRoles('organiser')
  @Get('ranking')
  @Endpoint({
    summary:
      "The round's submitted proposals ranked on their submitted reviews (organisers): weighted rubric score normalised per reviewer, a bootstrap interval each, the funding line, and those whose interval crosses it flagged",
    response: ProposalRankingView,
    errors: ['PROPOSAL_REVIEW_ROUND_NOT_FOUND'],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Query() query: ProposalRankingQueryDto,
  ) {
    return this.ranking.ranking(actor, labId, roundId, query);
  }
}
