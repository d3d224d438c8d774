import { Injectable } from '@nestjs/common';
import { aggregateScores, type Actor, type ProposalRanking } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { SolverPool } from '@ideas-lab/platform';
import { ProposalsService } from '@ideas-lab/proposals';
import type { ProposalRankingQuery, ProposalRankingView } from './proposal-review.contract.js';
import { ProposalReviewFacts } from './proposal-review-facts.js';
import { ProposalReviewRepository } from './proposal-review.repository.js';
import { progressOf } from './proposal-review-progress.js';

/** Coverage of the ranking's intervals and the bootstrap resamples behind them. */
export const RANKING_CONFIDENCE = 0.9;
export const RANKING_RESAMPLES = 2000;

export interface RankRoundOptions {
  /** The funding line as a score (0..1); default: where the pool runs out in rank order. */
  line?: number;
}

/**
 * The round's proposals ranked on their submitted reviews: each review's weighted rubric score
 * (the round's rubric), standardised per reviewer, a seeded bootstrap interval per proposal,
 * and the proposals whose interval crosses the funding line flagged (`rankProposals`).
 *
 * `rankRound` is the service other libs call (the funding decision builds on it); it checks no
 * caller, so they check their own access first.
 */
@Injectable()
export class ProposalRankingService {
  constructor(
    private readonly repository: ProposalReviewRepository,
    private readonly facts: ProposalReviewFacts,
    private readonly proposals: ProposalsService,
    private readonly access: LabAccessService,
    private readonly solvers: SolverPool,
  ) {}

  async ranking(
    actor: Actor,
    labId: string,
    roundId: string,
    query: ProposalRankingQuery,
  ): Promise<ProposalRankingView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.rankRound(labId, roundId, { line: query.line });
  }

  async rankRound(
    labId: string,
    roundId: string,
    options: RankRoundOptions = {},
  ): Promise<ProposalRankingView> {
    const round = await this.facts.requireRound(labId, roundId);
    const proposals = await this.proposals.submittedOfRound(labId, roundId);
    const reviews = (await this.repository.findOfRound(roundId)).filter((r) =>
      proposals.some((p) => p.proposalId === r.proposalId),
    );
    const reports = new Map(
      (await this.repository.findReportsOf(proposals.map((p) => p.proposalId))).map((r) => [
        r.proposalId,
        r,
      ]),
    );
    const submitted = reviews.filter((r) => r.status === 'submitted');
    const { applications } = aggregateScores({
      rubric: { criteria: round.rubric },
      reviews: submitted.map((r) => ({
        applicationId: r.proposalId,
        reviewerId: r.reviewerId,
        scores: r.scores,
      })),
    });
    const seed = `proposal-ranking:${roundId}`;
    const input = {
      components: [{ id: 'review', weight: 1, scores: applications }],
      proposalIds: proposals.map((p) => p.proposalId),
      seed,
      resamples: RANKING_RESAMPLES,
      confidence: RANKING_CONFIDENCE,
    };
    const pool = Number(round.poolMinor) / 100;
    let ranking: ProposalRanking;
    let lineSource: 'given' | 'pool' | null = null;
    if (options.line !== undefined) {
      ranking = await this.solvers.run('rankProposals', {
        ...input,
        fundingLine: { score: options.line },
      });
      lineSource = 'given';
    } else {
      // The pool funds proposals in rank order until the next one no longer fits.
      const unranked = await this.solvers.run('rankProposals', input);
      const budgetOf = new Map(proposals.map((p) => [p.proposalId, p.budgetTotal]));
      const fundedIds: string[] = [];
      let left = pool;
      for (const p of unranked.proposals) {
        if (p.flags.includes('unscored')) break;
        const budget = budgetOf.get(p.proposalId) ?? 0;
        if (budget > left + 1e-9) break;
        left -= budget;
        fundedIds.push(p.proposalId);
      }
      ranking = await this.solvers.run('rankProposals', {
        ...input,
        fundingLine: { fundedIds },
      });
      if (ranking.line !== null) lineSource = 'pool';
    }
    const byId = new Map(proposals.map((p) => [p.proposalId, p]));
    return {
      roundId,
      currency: round.currency,
      pool,
      line: ranking.line,
      lineSource,
      confidence: ranking.confidence,
      resamples: ranking.resamples,
      seed,
      reviews: progressOf(reviews.map((r) => r.status)),
      proposals: ranking.proposals.map((ranked) => {
        const proposal = byId.get(ranked.proposalId)!;
        return {
          proposalId: ranked.proposalId,
          teamId: proposal.team.id,
          teamName: proposal.team.name,
          title: proposal.title,
          challengeArea: proposal.challengeArea,
          budgetTotal: proposal.budgetTotal,
          rank: ranked.rank,
          merit: ranked.merit,
          score: ranked.score,
          interval: ranked.interval,
          reviewCount: ranked.reviewCount,
          aboveLine:
            ranking.line !== null &&
            !ranked.flags.includes('unscored') &&
            ranked.score > ranking.line,
          flags: ranked.flags,
          recommendation: reports.get(ranked.proposalId)?.recommendation ?? null,
        };
      }),
    };
  }
}
