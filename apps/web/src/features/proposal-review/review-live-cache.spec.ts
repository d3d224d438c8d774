import { describe, expect, it } from 'vitest';
import type { ConsensusNotice, PanelMessageNotice } from '@ideas-lab/live/events';
import type { PanelThread, ProposalReviewRound } from './api';
import {
  consensusFrom,
  withConsensus,
  withMessage,
  withProgress,
  withRoundSettings,
} from './review-live-cache';

const ids = { labId: 'lab', roundId: 'round' };
const progress = (assigned: number, submitted: number, draft = 0) => ({
  assigned,
  submitted,
  draft,
  notStarted: assigned - submitted - draft,
});
const row = (proposalId: string, p = progress(2, 0)) => ({
  proposalId,
  teamId: `team-${proposalId}`,
  teamName: `Team ${proposalId}`,
  title: `Proposal ${proposalId}`,
  progress: p,
  lead: null,
  recommendation: null,
});
const overview = (): ProposalReviewRound => ({
  roundId: 'round',
  roundName: 'Seed',
  blind: true,
  closedAt: null,
  commentsReleasedAt: null,
  version: 3,
  rubric: [],
  progress: progress(4, 1),
  proposals: [row('a', progress(2, 1)), row('b')],
});
const message = (id: string, createdAt: string): PanelMessageNotice => ({
  ...ids,
  proposalId: 'a',
  message: { id, author: null, authorLabel: 'Reviewer 1', body: `message ${id}`, createdAt },
});
const consensus = (leadId: string | null): ConsensusNotice => ({
  ...ids,
  proposalId: 'a',
  change: 'saved',
  report: {
    lead: leadId ? { userId: leadId, displayName: 'Lee' } : null,
    leadLabel: leadId ? 'Lee' : null,
    recommendation: 'fund',
    summary: 'Fund it.',
    version: 2,
    updatedBy: null,
    updatedAt: null,
  },
});

describe('proposal review live cache', () => {
  it("writes a proposal's progress and counts the round's total again", () => {
    const next = withProgress(overview(), {
      ...ids,
      proposalId: 'b',
      change: 'submitted',
      progress: progress(2, 1),
      at: '2026-12-07T10:00:00.000Z',
    });
    expect(next.proposals.map((p) => p.progress.submitted)).toEqual([1, 1]);
    expect(next.progress).toEqual(progress(4, 2));
  });

  it('leaves the overview alone for a notice without progress or about another proposal', () => {
    const before = overview();
    const notice = { ...ids, change: 'submitted' as const, at: '2026-12-07T10:00:00.000Z' };
    expect(withProgress(before, { ...notice, proposalId: 'a', progress: null })).toBe(before);
    expect(withProgress(before, { ...notice, proposalId: 'z', progress: progress(1, 1) })).toBe(
      before,
    );
  });

  it('takes the round settings of a newer version only', () => {
    const settings = { ...ids, blind: false, closedAt: null, commentsReleasedAt: null };
    expect(withRoundSettings(overview(), { ...settings, version: 4 })).toMatchObject({
      blind: false,
      version: 4,
    });
    const before = overview();
    expect(withRoundSettings(before, { ...settings, version: 2 })).toBe(before);
  });

  it('adds a panel message once, in the order written', () => {
    const thread: PanelThread = {
      proposalId: 'a',
      messages: [message('2', '2026-12-07T10:02:00.000Z').message],
    };
    const early = withMessage(thread, message('1', '2026-12-07T10:01:00.000Z'));
    expect(early.messages.map((m) => m.id)).toEqual(['1', '2']);
    expect(withMessage(early, message('2', '2026-12-07T10:02:00.000Z'))).toBe(early);
  });

  it('lets only the lead edit the report, and shows the lead and recommendation to organisers', () => {
    expect(consensusFrom(consensus('lee'), 'lee').canEdit).toBe(true);
    expect(consensusFrom(consensus('lee'), 'someone')).toMatchObject({
      proposalId: 'a',
      canEdit: false,
      summary: 'Fund it.',
    });
    expect(consensusFrom(consensus(null), 'someone').canEdit).toBe(false);
    expect(withConsensus(overview(), consensus('lee')).proposals[0]).toMatchObject({
      lead: { userId: 'lee' },
      recommendation: 'fund',
    });
  });
});
