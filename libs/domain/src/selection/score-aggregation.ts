/**
 * Aggregation of application reviews into one merit per application.
 *
 * Each review is first reduced to a weighted rubric score on a common 0..1 scale:
 *
 *   weighted = Σ_c w_c · (s_c − min_c) / (max_c − min_c)  /  Σ_c w_c
 *
 * over the criteria the review scored (a criterion left blank drops out and the weights of the
 * others are renormalised). Then each reviewer's weighted scores are standardised over all the
 * applications that reviewer scored (z = (score − reviewer mean) / reviewer standard deviation),
 * so a harsh and a lenient reviewer who rank the same way count the same. A reviewer whose
 * scores cannot be standardised (a single review, or the same score everywhere) contributes
 * z = 0: their review adds no ranking information. An application's merit is the mean of its
 * reviews' z-scores.
 */
import { compareText } from '../shared/compare-text.js';

export interface RubricCriterion {
  id: string;
  /** Relative weight, ≥ 0; the weights need not sum to 1. */
  weight: number;
  scale: { min: number; max: number };
}

export interface Rubric {
  criteria: readonly RubricCriterion[];
}

export interface ApplicationReview {
  applicationId: string;
  reviewerId: string;
  /** Score per criterion id, on that criterion's scale. */
  scores: Readonly<Record<string, number>>;
}

export interface ReviewScore {
  reviewerId: string;
  /** The review's weighted rubric score, 0..1. */
  weightedScore: number;
  /** The weighted score standardised over this reviewer's reviews; 0 when not standardisable. */
  zScore: number;
}

export interface ApplicationScore {
  applicationId: string;
  reviewCount: number;
  /** Mean of the reviews' weighted rubric scores, 0..1. */
  weightedScore: number;
  /** Plain mean of every criterion score given to the application, on the rubric's own scale. */
  rawMean: number;
  /** Mean of the reviews' per-reviewer z-scores: the normalised merit used for selection. */
  merit: number;
  /** Population standard deviation of the reviews' weighted scores (0..1): reviewer disagreement. */
  spread: number;
  /** The reviews, ordered by reviewer id. */
  reviews: ReviewScore[];
}

export interface ReviewerCalibration {
  reviewerId: string;
  reviewCount: number;
  /** Mean of this reviewer's weighted scores, 0..1. */
  mean: number;
  /** Population standard deviation of this reviewer's weighted scores. */
  standardDeviation: number;
  /** False when the reviewer's z-scores are all 0 (one review, or no variation). */
  standardised: boolean;
}

export interface ScoreAggregation {
  /** One entry per reviewed application, ordered by application id. */
  applications: ApplicationScore[];
  /** One entry per reviewer, ordered by reviewer id. */
  reviewers: ReviewerCalibration[];
}

/** Below this standard deviation a reviewer is treated as giving everyone the same score. */
const MIN_STANDARD_DEVIATION = 1e-9;

/**
 * Aggregates reviews per application (see the module comment for the formulas).
 * Throws a RangeError for malformed input: an invalid rubric, an unknown criterion, a score
 * outside its scale, or two reviews of one application by the same reviewer.
 */
export function aggregateScores({
  rubric,
  reviews,
}: {
  rubric: Rubric;
  reviews: readonly ApplicationReview[];
}): ScoreAggregation {
  const criteria = new Map<string, RubricCriterion>();
  for (const criterion of rubric.criteria) {
    if (criteria.has(criterion.id))
      throw new RangeError(`Rubric criterion ${criterion.id} appears twice`);
    if (!(criterion.weight >= 0) || !Number.isFinite(criterion.weight)) {
      throw new RangeError(`Rubric criterion ${criterion.id} needs a finite weight ≥ 0`);
    }
    if (!(criterion.scale.max > criterion.scale.min)) {
      throw new RangeError(`Rubric criterion ${criterion.id} needs a scale with max > min`);
    }
    criteria.set(criterion.id, criterion);
  }

  interface ScoredReview {
    applicationId: string;
    reviewerId: string;
    weightedScore: number;
    rawScores: number[];
  }
  const seen = new Set<string>();
  const scored: ScoredReview[] = [];
  for (const review of reviews) {
    const key = JSON.stringify([review.applicationId, review.reviewerId]);
    if (seen.has(key)) {
      throw new RangeError(
        `Reviewer ${review.reviewerId} reviewed application ${review.applicationId} twice`,
      );
    }
    seen.add(key);
    let weightSum = 0;
    let weighted = 0;
    const rawScores: number[] = [];
    for (const [criterionId, score] of Object.entries(review.scores)) {
      const criterion = criteria.get(criterionId);
      if (!criterion) throw new RangeError(`Unknown rubric criterion ${criterionId}`);
      const { min, max } = criterion.scale;
      if (!Number.isFinite(score) || score < min || score > max) {
        throw new RangeError(
          `Score ${score} for ${criterionId} is outside its scale ${min}..${max}`,
        );
      }
      rawScores.push(score);
      weightSum += criterion.weight;
      weighted += (criterion.weight * (score - min)) / (max - min);
    }
    if (rawScores.length === 0) continue; // an empty review carries no information
    // All-zero weights: fall back to the plain mean of the normalised scores.
    const weightedScore =
      weightSum > 0 ? weighted / weightSum : meanOf(normalisedScores(review, criteria));
    scored.push({
      applicationId: review.applicationId,
      reviewerId: review.reviewerId,
      weightedScore,
      rawScores,
    });
  }

  // A fixed order makes the floating-point sums independent of how the reviews were listed.
  scored.sort(
    (a, b) =>
      compareText(a.applicationId, b.applicationId) || compareText(a.reviewerId, b.reviewerId),
  );
  const byReviewer = groupBy(scored, (review) => review.reviewerId);
  const calibrations = new Map<string, ReviewerCalibration>();
  for (const [reviewerId, own] of byReviewer) {
    const values = own.map((review) => review.weightedScore);
    const mean = meanOf(values);
    const standardDeviation = standardDeviationOf(values, mean);
    calibrations.set(reviewerId, {
      reviewerId,
      reviewCount: own.length,
      mean,
      standardDeviation,
      standardised: own.length >= 2 && standardDeviation > MIN_STANDARD_DEVIATION,
    });
  }

  const applications: ApplicationScore[] = [];
  for (const [applicationId, own] of groupBy(scored, (review) => review.applicationId)) {
    const reviewScores = own
      .map((review): ReviewScore => {
        const calibration = calibrations.get(review.reviewerId);
        const zScore =
          calibration?.standardised === true
            ? (review.weightedScore - calibration.mean) / calibration.standardDeviation
            : 0;
        return { reviewerId: review.reviewerId, weightedScore: review.weightedScore, zScore };
      })
      .sort((a, b) => compareText(a.reviewerId, b.reviewerId));
    const weightedScores = reviewScores.map((review) => review.weightedScore);
    const weightedScore = meanOf(weightedScores);
    applications.push({
      applicationId,
      reviewCount: reviewScores.length,
      weightedScore,
      rawMean: meanOf(own.flatMap((review) => review.rawScores)),
      merit: meanOf(reviewScores.map((review) => review.zScore)),
      spread: standardDeviationOf(weightedScores, weightedScore),
      reviews: reviewScores,
    });
  }

  applications.sort((a, b) => compareText(a.applicationId, b.applicationId));
  const reviewers = [...calibrations.values()].sort((a, b) =>
    compareText(a.reviewerId, b.reviewerId),
  );
  return { applications, reviewers };
}

function normalisedScores(
  review: ApplicationReview,
  criteria: ReadonlyMap<string, RubricCriterion>,
): number[] {
  return Object.entries(review.scores).map(([criterionId, score]) => {
    const { min, max } = (criteria.get(criterionId) as RubricCriterion).scale;
    return (score - min) / (max - min);
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function meanOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function standardDeviationOf(values: readonly number[], mean: number): number {
  if (values.length < 2) return 0;
  let sum = 0;
  for (const value of values) sum += (value - mean) ** 2;
  return Math.sqrt(sum / values.length);
}
