import { Injectable } from '@nestjs/common';
import { ProposalRankingService, ProposalReviewRecords } from '@ideas-lab/proposal-review';
import {
  ProposalReviews,
  type ProposalMerit,
  type ReleasedTeamComment,
  type RoundReviews,
} from './proposal-reviews.port.js';

/** The ProposalReviews port answered by the proposal-review lib: its ranking, comments and reviews. */
@Injectable()
export class ReviewLibProposalReviews extends ProposalReviews {
  constructor(
    private readonly ranking: ProposalRankingService,
    private readonly records: ProposalReviewRecords,
  ) {
    super();
  }

  async meritsOfRound(labId: string, roundId: string): Promise<ProposalMerit[]> {
    const ranking = await this.ranking.rankRound(labId, roundId);
    return ranking.proposals.map((p) => {
      const scored = !p.flags.includes('unscored');
      return {
        proposalId: p.proposalId,
        score: scored ? p.score : null,
        low: scored ? p.interval.low : null,
        high: scored ? p.interval.high : null,
        rank: scored ? p.rank : null,
        reviews: p.reviewCount,
        flags: p.flags,
      };
    });
  }

  releasedTeamComments(labId: string, roundId: string): Promise<ReleasedTeamComment[]> {
    return this.records.releasedTeamComments(labId, roundId);
  }

  reviewsOfRound(labId: string, roundId: string): Promise<RoundReviews> {
    return this.records.submittedReviews(labId, roundId);
  }
}
