import { useQueryClient } from '@tanstack/react-query';
import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import type { LiveConnection } from '../live/live-connection';
import { useLiveConnection, useLiveNotices } from '../live/use-live-connection';
import { pitchesChanged, pitchKeys, type MentorPitchScoring, type PitchSession } from './api';
import { onlyClocksMoved, scoringWithStage, sessionWithStage } from './pitch-live-state';

/**
 * Keeps the pitch screens' cache current from /live. A stage change is written into the cached
 * session and scoring sheet at once (countdowns move with it); when it is more than a clock
 * moving (a phase, the next team, the order), the lab's pitch queries are read again too, as
 * they are after a mentor's score, a released comment or a reconnect. Returns the connection
 * (its clock times the countdowns).
 */
export function usePitchesLive(labId: string): LiveConnection<LiveNotices, LiveRequests> {
  const connection = useLiveConnection(labId);
  const queryClient = useQueryClient();
  useLiveNotices(connection, (notice) => {
    switch (notice.event) {
      case 'pitch:state': {
        const live = notice.payload;
        const key = pitchKeys.session(labId, live.sessionId);
        const sheetKey = pitchKeys.mine(labId, live.sessionId);
        const cached =
          queryClient.getQueryData<PitchSession>(key) ??
          queryClient.getQueryData<MentorPitchScoring>(sheetKey);
        queryClient.setQueryData<PitchSession>(key, (s) => s && sessionWithStage(s, live));
        queryClient.setQueryData<PitchSession[]>(
          pitchKeys.sessions(labId),
          (list) => list && list.map((s) => sessionWithStage(s, live)),
        );
        queryClient.setQueryData<MentorPitchScoring>(
          sheetKey,
          (sheet) => sheet && scoringWithStage(sheet, live),
        );
        if (!cached || !onlyClocksMoved(cached, live)) void pitchesChanged(labId);
        return;
      }
      case 'pitch:scored':
      case 'pitch:feedback':
      case 'live:snapshot':
        void pitchesChanged(labId);
        return;
      default:
        return;
    }
  });
  return connection;
}
