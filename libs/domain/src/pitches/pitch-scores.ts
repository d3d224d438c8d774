/**
 * Pitch scores: what mentors gave each team at a pitch session, summed up per team for the
 * organisers' table and for the funding decision.
 *
 * A mentor's pitch score is a short rubric (the review rubric's shape) with blanks allowed: a
 * criterion left blank drops out. A team's summary is the mean of its mentors' weighted rubric
 * scores on the common 0..1 scale (`aggregateScores`' weighted score, so pitch and proposal
 * reviews mean the same thing by "0.7"), `n` the mentors who scored at least one criterion, and
 * per criterion the plain mean on its own scale with its own count.
 */
import { aggregateScores, type ApplicationReview } from '../selection/score-aggregation.js';
import type { ReviewCriterion } from '../review/review-rubric.js';
import { compareText } from '../shared/compare-text.js';

export interface PitchMentorScore {
  teamId: string;
  mentorId: string;
  /** Score per criterion id; criteria left blank are absent. */
  scores: Readonly<Record<string, number>>;
}

export interface PitchCriterionSummary {
  criterionId: string;
  label: string;
  scale: { min: number; max: number };
  /** Mean of the scores given on this criterion, on its own scale; null when nobody scored it. */
  mean: number | null;
  n: number;
}

export interface PitchTeamSummary {
  teamId: string;
  /** Mentors who scored at least one criterion. */
  n: number;
  /** Mean of the mentors' weighted rubric scores, 0..1; null when nobody scored. */
  mean: number | null;
  criteria: PitchCriterionSummary[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * One summary per team in `teamIds` (in that order), teams nobody scored included with n = 0.
 * Scores of criteria the rubric does not have, or outside their scale, are a RangeError (the
 * service checks them on the way in).
 */
export function summarisePitchScores({
  criteria,
  teamIds,
  scores,
}: {
  criteria: readonly ReviewCriterion[];
  teamIds: readonly string[];
  scores: readonly PitchMentorScore[];
}): PitchTeamSummary[] {
  const reviews: ApplicationReview[] = scores
    .filter((s) => Object.keys(s.scores).length > 0)
    .map((s) => ({ applicationId: s.teamId, reviewerId: s.mentorId, scores: s.scores }))
    .sort(
      (a, b) =>
        compareText(a.applicationId, b.applicationId) || compareText(a.reviewerId, b.reviewerId),
    );
  const aggregated = aggregateScores({ rubric: { criteria }, reviews });
  const byTeam = new Map(aggregated.applications.map((a) => [a.applicationId, a]));
  return teamIds.map((teamId) => {
    const own = reviews.filter((r) => r.applicationId === teamId);
    const scored = byTeam.get(teamId);
    return {
      teamId,
      n: scored?.reviewCount ?? 0,
      mean: scored ? round4(scored.weightedScore) : null,
      criteria: criteria.map((criterion) => {
        const given = own
          .map((r) => r.scores[criterion.id])
          .filter((x): x is number => typeof x === 'number');
        return {
          criterionId: criterion.id,
          label: criterion.label,
          scale: { min: criterion.scale.min, max: criterion.scale.max },
          mean: given.length > 0 ? round4(given.reduce((a, b) => a + b, 0) / given.length) : null,
          n: given.length,
        };
      }),
    };
  });
}

/** The rubric a pitch session starts with when the lab has none of its own: three 1–5 questions. */
export const DEFAULT_PITCH_CRITERIA: readonly ReviewCriterion[] = [
  {
    id: 'idea',
    label: 'Idea',
    description: 'Is the idea new, and does it matter for the challenge?',
    weight: 1,
    scale: { min: 1, max: 5 },
  },
  {
    id: 'team',
    label: 'Team',
    description: 'Does the team have the expertise to carry it?',
    weight: 1,
    scale: { min: 1, max: 5 },
  },
  {
    id: 'feasibility',
    label: 'Feasibility',
    description: 'Can a first result come within the seed award?',
    weight: 1,
    scale: { min: 1, max: 5 },
  },
];
