import { useQueryClient } from '@tanstack/react-query';
import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import { useUser } from '../../components/session';
import type { LiveConnection } from '../live/live-connection';
import { useLiveConnection, useLiveNotices } from '../live/use-live-connection';
import {
  reviewKeys,
  type ConsensusReport,
  type PanelThread,
  type ProposalReviewRound,
} from './api';
import {
  consensusFrom,
  withConsensus,
  withMessage,
  withProgress,
  withRoundSettings,
} from './review-live-cache';

/**
 * Keeps the proposal review screens current from /live while one is shown: a notice that
 * carries what a cached read needs is written into it (progress, a panel message, the
 * consensus report, the round's settings); otherwise the reads it touches are read again.
 * A (re)connect reads the lab's review again, so nothing missed while away stays missing.
 * The server sends each person only what they may read (docs/live-events.md).
 */
export function useProposalReviewLive(labId: string): LiveConnection<LiveNotices, LiveRequests> {
  const queryClient = useQueryClient();
  const me = useUser().id;
  const connection = useLiveConnection(labId);
  const refresh = (queryKey: readonly unknown[]) =>
    void queryClient.invalidateQueries({ queryKey });
  const update = <T>(queryKey: readonly unknown[], change: (cached: T) => T) =>
    queryClient.setQueryData<T>(queryKey, (cached) => (cached ? change(cached) : cached));

  useLiveNotices(connection, (notice) => {
    switch (notice.event) {
      case 'proposal-review:submitted': {
        const n = notice.payload;
        update<ProposalReviewRound>(reviewKeys.overview(labId, n.roundId), (o) =>
          withProgress(o, n),
        );
        refresh(reviewKeys.assignments(labId, n.roundId));
        if (n.change !== 'draft') {
          refresh(reviewKeys.reviews(labId, n.roundId, n.proposalId));
          refresh(reviewKeys.ranking(labId, n.roundId));
        }
        return;
      }
      case 'proposal-panel:message': {
        const n = notice.payload;
        update<PanelThread>(reviewKeys.thread(labId, n.roundId, n.proposalId), (t) =>
          withMessage(t, n),
        );
        return;
      }
      case 'proposal-consensus:changed': {
        const n = notice.payload;
        queryClient.setQueryData<ConsensusReport>(
          reviewKeys.consensus(labId, n.roundId, n.proposalId),
          consensusFrom(n, me),
        );
        update<ProposalReviewRound>(reviewKeys.overview(labId, n.roundId), (o) =>
          withConsensus(o, n),
        );
        if (n.change === 'saved') refresh(reviewKeys.ranking(labId, n.roundId));
        return;
      }
      case 'proposal-review:assignments': {
        const n = notice.payload;
        refresh(reviewKeys.assignments(labId, n.roundId));
        refresh(reviewKeys.overview(labId, n.roundId));
        return;
      }
      case 'proposal-review:queue': {
        const n = notice.payload;
        // Blind review toggled or review closed changes what every review screen shows.
        refresh(
          n.change === 'settings'
            ? reviewKeys.all(labId, n.roundId)
            : reviewKeys.queue(labId, n.roundId),
        );
        return;
      }
      case 'proposal-review:round': {
        const n = notice.payload;
        update<ProposalReviewRound>(reviewKeys.overview(labId, n.roundId), (o) =>
          withRoundSettings(o, n),
        );
        return;
      }
      case 'proposal-review:feedback': {
        const n = notice.payload;
        refresh(reviewKeys.feedback(labId, n.roundId, n.teamId));
        return;
      }
      case 'live:snapshot':
        refresh(reviewKeys.lab(labId));
        return;
      default:
        return;
    }
  });
  return connection;
}
