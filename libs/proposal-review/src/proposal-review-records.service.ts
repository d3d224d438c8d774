import { Injectable } from '@nestjs/common';
import { aggregateScores } from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { ProposalReviewFacts } from './proposal-review-facts.js';
import { ProposalReviewRepository } from './proposal-review.repository.js';

/** A submitted review as another lib reads it (the funding decision's letters and exports). */
export interface SubmittedProposalReview {
  proposalId: string;
  reviewerId: string;
  reviewerName: string;
  /** The weighted rubric score, 0..1; null when the review scored nothing. */
  score: number | null;
  criteria: Record<string, number | null>;
  confidence: number | null;
  commentToTeam: string;
  commentToPanel: string;
  submittedAt: string | null;
}

/**
 * Read-only access to a round's submitted reviews for other libs, with no access check (the
 * caller checks its own): the comments to teams once the organisers released them, and the
 * reviews themselves with whether review was blind.
 */
@Injectable()
export class ProposalReviewRecords {
  constructor(
    private readonly repository: ProposalReviewRepository,
    private readonly facts: ProposalReviewFacts,
    private readonly identity: IdentityService,
  ) {}

  /** Comments to the teams, only once released, only from submitted reviews, never the panel's. */
  async releasedTeamComments(
    labId: string,
    roundId: string,
  ): Promise<{ proposalId: string; comment: string }[]> {
    await this.facts.requireRound(labId, roundId);
    const round = await this.repository.findRound(roundId);
    if (!round?.commentsReleasedAt) return [];
    // In the order of the team's feedback page, so a letter numbers the comments as it does.
    return (await this.repository.findSubmittedOfRound(roundId))
      .filter((r) => r.teamComment.trim() !== '')
      .map((r) => ({ proposalId: r.proposalId, comment: r.teamComment }));
  }

  async submittedReviews(
    labId: string,
    roundId: string,
  ): Promise<{ blind: boolean; reviews: SubmittedProposalReview[] }> {
    const fundingRound = await this.facts.requireRound(labId, roundId);
    const round = await this.repository.findRound(roundId);
    const submitted = (await this.repository.findOfRound(roundId)).filter(
      (r) => r.status === 'submitted',
    );
    const weighted = new Map<string, number>();
    if (fundingRound.rubric.length > 0 && submitted.length > 0) {
      const { applications } = aggregateScores({
        rubric: { criteria: fundingRound.rubric },
        reviews: submitted.map((r) => ({
          applicationId: r.proposalId,
          reviewerId: r.reviewerId,
          scores: r.scores,
        })),
      });
      for (const a of applications)
        for (const review of a.reviews)
          weighted.set(`${a.applicationId}:${review.reviewerId}`, review.weightedScore);
    }
    const names = new Map(
      (await this.identity.profilesByIds([...new Set(submitted.map((r) => r.reviewerId))])).map(
        (u) => [u.id, u.displayName],
      ),
    );
    return {
      // A round nobody configured is reviewed blind (the review lib's default).
      blind: round?.blind ?? true,
      reviews: submitted.map((r) => ({
        proposalId: r.proposalId,
        reviewerId: r.reviewerId,
        reviewerName: names.get(r.reviewerId) ?? '',
        score: weighted.get(`${r.proposalId}:${r.reviewerId}`) ?? null,
        criteria: Object.fromEntries(
          fundingRound.rubric.map((c) => [c.id, r.scores[c.id] ?? null]),
        ),
        confidence: r.confidence,
        commentToTeam: r.teamComment,
        commentToPanel: r.panelComment,
        submittedAt: r.submittedAt?.toISOString() ?? null,
      })),
    };
  }
}
