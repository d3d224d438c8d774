import { useQueryClient } from '@tanstack/react-query';
import { useLiveConnection, useLiveNotices } from '../live/use-live-connection';
import { formationKeys, type FormationBoard } from './formation-api';

/**
 * Keeps team formation's cached screens current from /live: a team's new count is written into
 * the board at once; anything else (an adoption, a team gone, a reconnect) re-reads over HTTP.
 */
export function useFormationLive(labId: string): void {
  const queryClient = useQueryClient();
  const connection = useLiveConnection(labId);
  useLiveNotices(connection, (notice) => {
    switch (notice.event) {
      case 'formation:team': {
        const change = notice.payload;
        const board = queryClient.getQueryData<FormationBoard>(formationKeys.board(labId));
        const known = board?.teams.some((team) => team.id === change.teamId);
        if (board && known && change.status !== 'removed') {
          queryClient.setQueryData<FormationBoard>(formationKeys.board(labId), {
            ...board,
            teams: board.teams.map((team) =>
              team.id === change.teamId
                ? {
                    ...team,
                    status: change.status as typeof team.status,
                    memberCount: change.memberCount,
                    maxSize: change.maxSize,
                  }
                : team,
            ),
          });
        }
        void queryClient.invalidateQueries({ queryKey: formationKeys.all(labId) });
        return;
      }
      case 'formation:adopted':
      case 'live:snapshot':
      case 'team:joined':
      case 'team:left':
        void queryClient.invalidateQueries({ queryKey: formationKeys.all(labId) });
        return;
      default:
        return;
    }
  });
}
