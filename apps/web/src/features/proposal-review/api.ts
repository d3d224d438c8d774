import { queryOptions } from '@tanstack/react-query';
import { data, http } from '../../api/http';
import { labKeys } from '../../api/labs';
import type { Schema } from '../../api/types';

// Proposal review: names for its shapes (all from the generated contract), the keys its
// screens cache under, how each is read, and the commands that change them.

export type ProposalReviewRound = Schema<'ProposalReviewRound'>;
export type ProposalReviewQueue = Schema<'ProposalReviewQueue'>;
export type ProposalToReview = Schema<'ProposalToReview'>;
export type MyProposalReview = Schema<'MyProposalReview'>;
export type SaveProposalReview = Schema<'SaveProposalReview'>;
export type ProposalAssignments = Schema<'ProposalAssignments'>;
export type ProposalRanking = Schema<'ProposalRanking'>;
export type ConsensusReport = Schema<'ConsensusReport'>;
export type ConsensusRecommendation = Schema<'ConsensusRecommendation'>;
export type PanelThread = Schema<'PanelThread'>;
export type MyProposalConflicts = Schema<'MyProposalConflicts'>;
export type ProposalFeedback = Schema<'ProposalFeedback'>;

export const reviewKeys = {
  lab: (labId: string) => [...labKeys.lab(labId), 'proposal-review'] as const,
  all: (labId: string, roundId: string) => [...reviewKeys.lab(labId), roundId] as const,
  overview: (labId: string, roundId: string) =>
    [...reviewKeys.all(labId, roundId), 'overview'] as const,
  queue: (labId: string, roundId: string) => [...reviewKeys.all(labId, roundId), 'mine'] as const,
  myConflicts: (labId: string, roundId: string) =>
    [...reviewKeys.all(labId, roundId), 'my-conflicts'] as const,
  assignments: (labId: string, roundId: string) =>
    [...reviewKeys.all(labId, roundId), 'assignments'] as const,
  ranking: (labId: string, roundId: string) =>
    [...reviewKeys.all(labId, roundId), 'ranking'] as const,
  proposal: (labId: string, roundId: string, proposalId: string) =>
    [...reviewKeys.all(labId, roundId), 'proposal', proposalId] as const,
  reviews: (labId: string, roundId: string, proposalId: string) =>
    [...reviewKeys.proposal(labId, roundId, proposalId), 'reviews'] as const,
  thread: (labId: string, roundId: string, proposalId: string) =>
    [...reviewKeys.proposal(labId, roundId, proposalId), 'thread'] as const,
  consensus: (labId: string, roundId: string, proposalId: string) =>
    [...reviewKeys.proposal(labId, roundId, proposalId), 'consensus'] as const,
  feedback: (labId: string, roundId: string, teamId: string) =>
    [...reviewKeys.all(labId, roundId), 'feedback', teamId] as const,
};

const roundPath = (labId: string, fundingRoundId: string) => ({
  params: { path: { labId, fundingRoundId } },
});
const proposalPath = (labId: string, fundingRoundId: string, proposalId: string) => ({
  params: { path: { labId, fundingRoundId, proposalId } },
});
const BASE = '/api/labs/{labId}/funding-rounds/{fundingRoundId}' as const;

export const reviewQueries = {
  overview: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: reviewKeys.overview(labId, roundId),
      queryFn: () => data(http.GET(`${BASE}/review`, roundPath(labId, roundId))),
    }),
  queue: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: reviewKeys.queue(labId, roundId),
      queryFn: () => data(http.GET(`${BASE}/review/mine`, roundPath(labId, roundId))),
    }),
  myConflicts: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: reviewKeys.myConflicts(labId, roundId),
      queryFn: () => data(http.GET(`${BASE}/review/my-conflicts`, roundPath(labId, roundId))),
    }),
  assignments: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: reviewKeys.assignments(labId, roundId),
      queryFn: () => data(http.GET(`${BASE}/review/assignments`, roundPath(labId, roundId))),
    }),
  ranking: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: reviewKeys.ranking(labId, roundId),
      queryFn: () => data(http.GET(`${BASE}/ranking`, roundPath(labId, roundId))),
    }),
  proposal: (labId: string, roundId: string, proposalId: string) =>
    queryOptions({
      queryKey: reviewKeys.proposal(labId, roundId, proposalId),
      queryFn: () =>
        data(
          http.GET(
            `${BASE}/review/proposals/{proposalId}`,
            proposalPath(labId, roundId, proposalId),
          ),
        ),
    }),
  reviews: (labId: string, roundId: string, proposalId: string) =>
    queryOptions({
      queryKey: reviewKeys.reviews(labId, roundId, proposalId),
      queryFn: () =>
        data(
          http.GET(
            `${BASE}/review/proposals/{proposalId}/reviews`,
            proposalPath(labId, roundId, proposalId),
          ),
        ),
    }),
  thread: (labId: string, roundId: string, proposalId: string) =>
    queryOptions({
      queryKey: reviewKeys.thread(labId, roundId, proposalId),
      queryFn: () =>
        data(
          http.GET(
            `${BASE}/review/proposals/{proposalId}/thread`,
            proposalPath(labId, roundId, proposalId),
          ),
        ),
    }),
  consensus: (labId: string, roundId: string, proposalId: string) =>
    queryOptions({
      queryKey: reviewKeys.consensus(labId, roundId, proposalId),
      queryFn: () =>
        data(
          http.GET(
            `${BASE}/review/proposals/{proposalId}/consensus`,
            proposalPath(labId, roundId, proposalId),
          ),
        ),
    }),
  feedback: (labId: string, roundId: string, teamId: string) =>
    queryOptions({
      queryKey: reviewKeys.feedback(labId, roundId, teamId),
      queryFn: () =>
        data(
          http.GET(`${BASE}/teams/{teamId}/review-feedback`, {
            params: { path: { labId, fundingRoundId: roundId, teamId } },
          }),
        ),
    }),
};

export const reviewCommands = {
  declareConflict: (labId: string, roundId: string, proposalId: string, reason: string) =>
    data(
      http.PUT(`${BASE}/review/my-conflicts/{proposalId}`, {
        ...proposalPath(labId, roundId, proposalId),
        body: { reason },
      }),
    ),
  withdrawConflict: (labId: string, roundId: string, proposalId: string) =>
    data(
      http.DELETE(
        `${BASE}/review/my-conflicts/{proposalId}`,
        proposalPath(labId, roundId, proposalId),
      ),
    ),
  save: (labId: string, roundId: string, proposalId: string, body: SaveProposalReview) =>
    data(
      http.PUT(`${BASE}/review/proposals/{proposalId}/my-review`, {
        ...proposalPath(labId, roundId, proposalId),
        body,
      }),
    ),
  submit: (labId: string, roundId: string, proposalId: string, body: SaveProposalReview) =>
    data(
      http.POST(`${BASE}/review/proposals/{proposalId}/my-review/submit`, {
        ...proposalPath(labId, roundId, proposalId),
        body,
      }),
    ),
  post: (labId: string, roundId: string, proposalId: string, body: string) =>
    data(
      http.POST(`${BASE}/review/proposals/{proposalId}/thread`, {
        ...proposalPath(labId, roundId, proposalId),
        body: { body },
      }),
    ),
  saveConsensus: (
    labId: string,
    roundId: string,
    proposalId: string,
    body: { version: number; recommendation: ConsensusRecommendation; summary: string },
  ) =>
    data(
      http.PUT(`${BASE}/review/proposals/{proposalId}/consensus`, {
        ...proposalPath(labId, roundId, proposalId),
        body,
      }),
    ),
  setLead: (labId: string, roundId: string, proposalId: string, leadReviewerId: string) =>
    data(
      http.PUT(`${BASE}/review/proposals/{proposalId}/consensus/lead`, {
        ...proposalPath(labId, roundId, proposalId),
        body: { leadReviewerId },
      }),
    ),
  run: (labId: string, roundId: string, body: Schema<'RunProposalAssignment'>) =>
    data(http.POST(`${BASE}/review/assignment-runs`, { ...roundPath(labId, roundId), body })),
  add: (labId: string, roundId: string, proposalId: string, reviewerId: string) =>
    data(
      http.POST(`${BASE}/review/assignments`, {
        ...roundPath(labId, roundId),
        body: { proposalId, reviewerId },
      }),
    ),
  remove: (labId: string, roundId: string, assignmentId: string) =>
    data(
      http.DELETE(`${BASE}/review/assignments/{assignmentId}`, {
        params: { path: { labId, fundingRoundId: roundId, assignmentId } },
      }),
    ),
  setBlind: (labId: string, roundId: string, version: number, blind: boolean) =>
    data(http.PATCH(`${BASE}/review`, { ...roundPath(labId, roundId), body: { version, blind } })),
  close: (labId: string, roundId: string, version: number) =>
    data(http.POST(`${BASE}/review/close`, { ...roundPath(labId, roundId), body: { version } })),
  release: (labId: string, roundId: string, version: number) =>
    data(
      http.POST(`${BASE}/review/release-comments`, {
        ...roundPath(labId, roundId),
        body: { version },
      }),
    ),
};

export const STATUS_LABELS = { assigned: 'Not started', draft: 'Draft', submitted: 'Submitted' };

export const RECOMMENDATION_LABELS: Record<ConsensusRecommendation, string> = {
  fund: 'Fund',
  'fund-with-changes': 'Fund with changes',
  'do-not-fund': 'Do not fund',
};
