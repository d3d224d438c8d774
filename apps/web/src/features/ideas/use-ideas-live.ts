import { useQueryClient } from '@tanstack/react-query';
import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import type { LiveConnection } from '../live/live-connection';
import { useLiveNotices } from '../live/use-live-connection';
import { ideasKeys, type VotingSession } from './api';
import { withTally } from './ideas-logic';

/**
 * Keeps the board and voting screens current from /live. A notice says what changed; the
 * cached reads it touches are read again over HTTP (so a reconnecting client, which gets a
 * snapshot, misses nothing). A voting tally is written into the cached session at once.
 */
export function useIdeasLive(
  labId: string,
  connection: LiveConnection<LiveNotices, LiveRequests>,
): void {
  const queryClient = useQueryClient();
  const refresh = (queryKey: readonly unknown[]) =>
    void queryClient.invalidateQueries({ queryKey });
  useLiveNotices(connection, (notice) => {
    switch (notice.event) {
      case 'idea:changed': {
        const { ideaId, mergedInto } = notice.payload;
        refresh(ideasKeys.lists(labId));
        refresh(ideasKeys.idea(labId, ideaId));
        if (mergedInto) refresh(ideasKeys.idea(labId, mergedInto));
        refresh(ideasKeys.merges(labId));
        refresh(ideasKeys.board(labId));
        return;
      }
      case 'ideas:board':
        refresh(ideasKeys.board(labId));
        refresh(ideasKeys.lists(labId));
        return;
      case 'shortlist:changed':
        refresh(ideasKeys.shortlist(labId));
        refresh(ideasKeys.lists(labId));
        return;
      case 'voting:opened':
      case 'voting:closed':
        refresh(ideasKeys.voting(labId));
        return;
      case 'voting:tally': {
        // Written into the cached session at once; read afresh only when the cache cannot take
        // it (a session or an idea it does not know yet), so many voters do not mean many reads.
        const tally = notice.payload;
        const sessions = queryClient.getQueryData<VotingSession[]>(ideasKeys.voting(labId));
        const session = sessions?.find((s) => s.id === tally.sessionId);
        const known = (ideaId: string) => session?.results?.some((r) => r.ideaId === ideaId);
        const fits =
          session !== undefined &&
          (tally.tallies === null
            ? session.results === null
            : session.results !== null && tally.tallies.every((t) => known(t.ideaId)));
        if (!sessions || !fits) {
          refresh(ideasKeys.voting(labId));
          return;
        }
        queryClient.setQueryData<VotingSession[]>(
          ideasKeys.voting(labId),
          sessions.map((s) => (s.id === tally.sessionId ? withTally(s, tally) : s)),
        );
        return;
      }
      case 'live:snapshot':
        refresh(ideasKeys.all(labId));
        return;
      default:
        return;
    }
  });
}
