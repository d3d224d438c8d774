import { useQueryClient } from '@tanstack/react-query';
import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import type { LiveConnection } from '../live/live-connection';
import { useLiveNotices } from '../live/use-live-connection';
import { ideasKeys, type VotingSession } from './api';

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
        const tally = notice.payload;
        const sessions = queryClient.getQueryData<VotingSession[]>(ideasKeys.voting(labId));
        if (sessions?.some((s) => s.id === tally.sessionId)) {
          queryClient.setQueryData<VotingSession[]>(
            ideasKeys.voting(labId),
            sessions.map((s) =>
              s.id !== tally.sessionId
                ? s
                : {
                    ...s,
                    voters: tally.voters,
                    results:
                      tally.tallies === null || s.results === null
                        ? s.results
                        : s.results.map((r) => {
                            const t = tally.tallies?.find((x) => x.ideaId === r.ideaId);
                            return t ? { ...r, ...t, total: t.participants + t.mentors } : r;
                          }),
                  },
            ),
          );
        }
        refresh(ideasKeys.voting(labId));
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
