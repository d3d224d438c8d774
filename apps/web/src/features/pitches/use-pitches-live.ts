import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import type { LiveConnection } from '../live/live-connection';
import { useLiveConnection, useLiveNotices } from '../live/use-live-connection';
import { pitchesChanged } from './api';

/**
 * Keeps the pitch screens' cache current from /live: a stage change, a mentor's score, a
 * released comment or a reconnect reads the lab's pitch queries again. Returns the connection
 * (its clock times the countdowns).
 */
export function usePitchesLive(labId: string): LiveConnection<LiveNotices, LiveRequests> {
  const connection = useLiveConnection(labId);
  useLiveNotices(connection, (notice) => {
    switch (notice.event) {
      case 'pitch:state':
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
