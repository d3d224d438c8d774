import type {
  ConsensusNotice,
  PanelMessageNotice,
  ProposalReviewNotice,
  ReviewRoundNotice,
} from '@ideas-lab/live/events';
import type { ConsensusReport, PanelThread, ProposalReviewRound } from './api';

// How a live notice of proposal review changes a cached read: pure, so each is tested alone.
// Each returns the cached value unchanged (the same object) when the notice is not about it.

type Progress = ProposalReviewRound['progress'];

const sum = (all: readonly Progress[]): Progress => ({
  assigned: all.reduce((n, p) => n + p.assigned, 0),
  submitted: all.reduce((n, p) => n + p.submitted, 0),
  draft: all.reduce((n, p) => n + p.draft, 0),
  notStarted: all.reduce((n, p) => n + p.notStarted, 0),
});

/** The organisers' overview with one proposal's progress as the notice counts it (and the round's total again). */
export function withProgress(
  overview: ProposalReviewRound,
  notice: ProposalReviewNotice,
): ProposalReviewRound {
  const { progress } = notice;
  if (!progress || !overview.proposals.some((p) => p.proposalId === notice.proposalId))
    return overview;
  const proposals = overview.proposals.map((p) =>
    p.proposalId === notice.proposalId ? { ...p, progress } : p,
  );
  return { ...overview, proposals, progress: sum(proposals.map((p) => p.progress)) };
}

/** The round's settings as the notice has them; an older notice (lower version) changes nothing. */
export function withRoundSettings(
  overview: ProposalReviewRound,
  notice: ReviewRoundNotice,
): ProposalReviewRound {
  if (notice.version < overview.version) return overview;
  const { blind, closedAt, commentsReleasedAt, version } = notice;
  return { ...overview, blind, closedAt, commentsReleasedAt, version };
}

/** The thread with the message, once, in the order written (a message may arrive after the read that had it). */
export function withMessage(thread: PanelThread, notice: PanelMessageNotice): PanelThread {
  if (thread.messages.some((m) => m.id === notice.message.id)) return thread;
  const messages = [...thread.messages, notice.message].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  return { ...thread, messages };
}

/** The consensus report as the panel reads it now; only its lead may edit it. */
export function consensusFrom(notice: ConsensusNotice, myUserId: string): ConsensusReport {
  return {
    proposalId: notice.proposalId,
    ...notice.report,
    canEdit: notice.report.lead?.userId === myUserId,
  };
}

/** The organisers' overview with a proposal's lead and recommendation. */
export function withConsensus(
  overview: ProposalReviewRound,
  notice: ConsensusNotice,
): ProposalReviewRound {
  if (!overview.proposals.some((p) => p.proposalId === notice.proposalId)) return overview;
  return {
    ...overview,
    proposals: overview.proposals.map((p) =>
      p.proposalId === notice.proposalId
        ? { ...p, lead: notice.report.lead, recommendation: notice.report.recommendation }
        : p,
    ),
  };
}
