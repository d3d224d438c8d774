/**
 * What the funding decision needs from proposal review (and, optionally, from pitch scoring),
 * as ports this lib defines and the other libs satisfy: ProposalReviews is answered by the
 * proposal-review lib (review-lib-proposal-reviews.ts), PitchScores by the pitches lib
 * (pitches-lib-pitch-scores.ts).
 */

export type ProposalMeritFlag = 'straddles-line' | 'few-reviews' | 'unscored';

/** A proposal's merit from its reviews: a score on the rubric's 0..1 scale and an interval. */
export interface ProposalMerit {
  proposalId: string;
  /** null: no submitted review. */
  score: number | null;
  low: number | null;
  high: number | null;
  rank: number | null;
  reviews: number;
  flags: ProposalMeritFlag[];
}

/** A reviewer's comment to a team, released to it by the organisers. */
export interface ReleasedTeamComment {
  proposalId: string;
  comment: string;
}

/** One submitted review as an export row needs it. */
export interface ProposalReviewRecord {
  proposalId: string;
  reviewerId: string;
  reviewerName: string;
  /** The rubric's weighted score on its 0..1 scale. */
  score: number | null;
  /** Per criterion id. */
  criteria: Record<string, number | null>;
  confidence: number | null;
  commentToTeam: string;
  commentToPanel: string;
  submittedAt: string | null;
}

export interface RoundReviews {
  /** Reviewers were hidden from teams (and from each other): exports use pseudonyms. */
  blind: boolean;
  reviews: ProposalReviewRecord[];
}

/** The review lib's side (its ranking service satisfies it). */
export abstract class ProposalReviews {
  abstract meritsOfRound(labId: string, roundId: string): Promise<ProposalMerit[]>;
  abstract releasedTeamComments(labId: string, roundId: string): Promise<ReleasedTeamComment[]>;
  abstract reviewsOfRound(labId: string, roundId: string): Promise<RoundReviews>;
}

/** A team's pitch score summary: the mean on the pitch rubric's 0..1 scale, and how many scored. */
export interface TeamPitchScore {
  teamId: string;
  mean: number;
  n: number;
}

/** The pitches lib's side (optional): pitch scores can feed the funding decision. */
export abstract class PitchScores {
  abstract pitchScoresOfLab(labId: string): Promise<TeamPitchScore[]>;
}
