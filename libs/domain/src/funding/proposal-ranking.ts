/**
 * Proposal ranking with uncertainty, for the funding decision.
 *
 * Merit comes in components, each aggregated by `aggregateScores` (the weighted rubric score of
 * every review, standardised per reviewer): the mentors' proposal reviews, and optionally their
 * pitch scores (a short rubric scored at the pitch session) or anything else scored the same
 * way. A proposal's merit is the weighted mean of its components' merits (components it has no
 * score in drop out, and the other weights are renormalised, as blank rubric criteria do).
 *
 * Scores: each component's merit is also put back on its rubric's 0..1 scale,
 *   score_c = mean_c + merit_c · sd_c   (clamped to 0..1)
 * with mean_c and sd_c the mean and standard deviation of all that component's weighted review
 * scores: what an average reviewer would have given. The score ranks like the merit and is
 * never negative, so the portfolio optimiser can maximise it.
 *
 * Intervals: a seeded bootstrap over each proposal's own reviews — every resample redraws each
 * component's review z-scores with replacement — gives a percentile interval for the score.
 * Draws depend on the seed and the proposal id only, so a proposal's interval does not depend
 * on the others or on their order. With one review a component has no spread to resample, and
 * the proposal is flagged `few-reviews`.
 *
 * The funding line is a score: given, or midway between the lowest funded and the highest
 * unfunded proposal's scores. Proposals whose interval contains it are flagged
 * `straddles-line`: on these reviews they could as well be on the other side (candidates for a
 * lottery at the line).
 */
import { compareText } from '../shared/compare-text.js';
import { createSeededRandom, hashSeed } from '../shared/seeded-random.js';
import type { Seed } from '../shared/seeded-random.js';
import type { ApplicationScore } from '../selection/score-aggregation.js';

export interface MeritComponent {
  /** `review`, `pitch` … */
  id: string;
  /** Relative weight, > 0. */
  weight: number;
  /** `aggregateScores(...).applications` over this component's reviews (applicationId = proposal id). */
  scores: readonly ApplicationScore[];
}

export type FundingLine = { score: number } | { fundedIds: readonly string[] };

export interface ProposalRankingInput {
  components: readonly MeritComponent[];
  /** The proposals to rank; default every proposal with a score. Unscored ones rank last. */
  proposalIds?: readonly string[];
  seed: Seed;
  /** Bootstrap resamples per proposal. Default 2000. */
  resamples?: number;
  /** Coverage of the interval, between 0 and 1. Default 0.9. */
  confidence?: number;
  fundingLine?: FundingLine;
}

export type ProposalFlag = 'straddles-line' | 'few-reviews' | 'unscored';

export interface RankedProposal {
  proposalId: string;
  /** 1 = best; ties in merit are ordered by id. */
  rank: number;
  /** Weighted mean of the components' normalised merits (z units); 0 when unscored. */
  merit: number;
  /** The merit on the rubric's 0..1 scale (see the module comment); 0 when unscored. */
  score: number;
  /** Bootstrap percentile interval of the score. */
  interval: { low: number; high: number };
  reviewCount: number;
  components: { id: string; merit: number; score: number; reviewCount: number }[];
  flags: ProposalFlag[];
}

export interface ProposalRanking {
  /** Best first. */
  proposals: RankedProposal[];
  /** The funding line's score; null without a line. */
  line: number | null;
  /** Proposals whose interval contains the line, best first. */
  straddlingIds: string[];
  seed: Seed;
  resamples: number;
  confidence: number;
}

export function rankProposals({
  components,
  proposalIds,
  seed,
  resamples = 2000,
  confidence = 0.9,
  fundingLine,
}: ProposalRankingInput): ProposalRanking {
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 100_000) {
    throw new RangeError(`resamples must be a whole number from 1 to 100000, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  }
  const seenComponents = new Set<string>();
  for (const component of components) {
    if (seenComponents.has(component.id))
      throw new RangeError(`merit component ${component.id} is listed twice`);
    seenComponents.add(component.id);
    if (!(Number.isFinite(component.weight) && component.weight > 0)) {
      throw new RangeError(`merit component ${component.id} needs a finite weight > 0`);
    }
  }
  const ordered = [...components].sort((a, b) => compareText(a.id, b.id));
  const scales = ordered.map((component) => scaleOf(component.scores));
  const byProposal = ordered.map(
    (component) => new Map(component.scores.map((score) => [score.applicationId, score])),
  );
  const ids = [
    ...new Set(proposalIds ?? ordered.flatMap((c) => c.scores.map((s) => s.applicationId))),
  ].sort(compareText);
  const [lowQuantile, highQuantile] = [(1 - confidence) / 2, 1 - (1 - confidence) / 2];
  const baseSeed = hashSeed({ seed });

  const ranked = ids.map((proposalId) => {
    const present = ordered
      .map((component, c) => ({ component, c, score: byProposal[c].get(proposalId) }))
      .filter(
        (entry): entry is { component: MeritComponent; c: number; score: ApplicationScore } =>
          entry.score !== undefined && entry.score.reviews.length > 0,
      );
    const weightSum = present.reduce((sum, entry) => sum + entry.component.weight, 0);
    const combine = (merits: readonly number[]) => {
      let merit = 0;
      let score = 0;
      present.forEach((entry, i) => {
        const { mean, sd } = scales[entry.c];
        merit += entry.component.weight * merits[i];
        score += entry.component.weight * clamp01(mean + merits[i] * sd);
      });
      return { merit: merit / weightSum, score: score / weightSum };
    };
    const flags: ProposalFlag[] = [];
    if (present.length === 0) {
      return {
        proposalId,
        merit: 0,
        score: 0,
        interval: { low: 0, high: 0 },
        reviewCount: 0,
        components: [],
        flags: ['unscored' as const],
      };
    }
    const pointMerits = present.map((entry) => entry.score.merit);
    const point = combine(pointMerits);

    // The bootstrap: each resample redraws every component's review z-scores.
    const random = createSeededRandom({ seed: `${baseSeed}:${proposalId}` });
    const zScores = present.map((entry) => entry.score.reviews.map((review) => review.zScore));
    const drawn = new Float64Array(resamples);
    const merits = new Array<number>(present.length);
    for (let b = 0; b < resamples; b++) {
      zScores.forEach((own, i) => {
        let sum = 0;
        for (let j = 0; j < own.length; j++) sum += own[Math.floor(random() * own.length)];
        merits[i] = sum / own.length;
      });
      drawn[b] = combine(merits).score;
    }
    drawn.sort();
    if (zScores.some((own) => own.length < 2)) flags.push('few-reviews');
    return {
      proposalId,
      merit: point.merit,
      score: point.score,
      interval: { low: quantile(drawn, lowQuantile), high: quantile(drawn, highQuantile) },
      reviewCount: zScores.reduce((sum, own) => sum + own.length, 0),
      components: present.map((entry, i) => ({
        id: entry.component.id,
        merit: pointMerits[i],
        score: clamp01(scales[entry.c].mean + pointMerits[i] * scales[entry.c].sd),
        reviewCount: zScores[i].length,
      })),
      flags,
    };
  });

  ranked.sort(
    (a, b) =>
      Number(a.flags.includes('unscored')) - Number(b.flags.includes('unscored')) ||
      b.merit - a.merit ||
      compareText(a.proposalId, b.proposalId),
  );
  const line = lineOf(ranked, fundingLine);
  const proposals: RankedProposal[] = ranked.map((proposal, i) => {
    const straddles =
      line !== null &&
      !proposal.flags.includes('unscored') &&
      proposal.interval.low <= line &&
      line <= proposal.interval.high;
    return {
      ...proposal,
      rank: i + 1,
      flags: straddles ? ['straddles-line', ...proposal.flags] : proposal.flags,
    };
  });
  return {
    proposals,
    line,
    straddlingIds: proposals
      .filter((proposal) => proposal.flags.includes('straddles-line'))
      .map((proposal) => proposal.proposalId),
    seed,
    resamples,
    confidence,
  };
}

function lineOf(
  ranked: readonly { proposalId: string; score: number; flags: readonly ProposalFlag[] }[],
  fundingLine: FundingLine | undefined,
): number | null {
  if (fundingLine === undefined) return null;
  if ('score' in fundingLine) {
    if (!Number.isFinite(fundingLine.score))
      throw new RangeError('fundingLine.score must be a finite number');
    return fundingLine.score;
  }
  const funded = new Set(fundingLine.fundedIds);
  const scored = ranked.filter((proposal) => !proposal.flags.includes('unscored'));
  const fundedScores = scored.filter((p) => funded.has(p.proposalId)).map((p) => p.score);
  const unfundedScores = scored.filter((p) => !funded.has(p.proposalId)).map((p) => p.score);
  if (fundedScores.length === 0 || unfundedScores.length === 0) return null;
  return (Math.min(...fundedScores) + Math.max(...unfundedScores)) / 2;
}

/** Mean and standard deviation of every weighted review score of a component. */
function scaleOf(scores: readonly ApplicationScore[]): { mean: number; sd: number } {
  // Sorted, so that the sums do not depend on the order the scores come in.
  const values = scores
    .flatMap((score) => score.reviews.map((review) => review.weightedScore))
    .sort((a, b) => a - b);
  if (values.length === 0) return { mean: 0, sd: 0 };
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { mean, sd: Math.sqrt(variance) };
}

/** Linear interpolation between order statistics (the common "type 7" definition). */
function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 1) return sorted[0];
  const at = p * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
