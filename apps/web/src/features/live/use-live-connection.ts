import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import { client } from '../../api';
import {
  LiveConnection,
  type LiveConnectionState,
  type NoticeOf,
  type RequestMap,
} from './live-connection';

/**
 * The live connection of a screen: made for the lab, connected while the screen is shown,
 * authenticated with the signed-in session's token (refreshed when the server refuses it).
 *
 * Listeners registered in effects of this component (after this hook) or of its children are
 * in place before the first notice can arrive.
 */
export function useLiveConnection<
  N extends object = LiveNotices,
  R extends RequestMap<R> = LiveRequests,
>(labId: string): LiveConnection<N, R> {
  const connection = useMemo(
    () =>
      new LiveConnection<N, R>({
        labId,
        accessToken: () => client.currentAccessToken(),
        refreshToken: () => client.refresh(),
      }),
    [labId],
  );
  useEffect(() => {
    connection.start();
    return () => connection.close();
  }, [connection]);
  return connection;
}

/** The connection's status and clock offset, re-rendering when either changes. */
export function useLiveState<N extends object, R extends RequestMap<R>>(
  connection: LiveConnection<N, R>,
): LiveConnectionState {
  return useSyncExternalStore(connection.subscribe, connection.getState);
}

/** Every notice of the connection, handed to `listener` (kept current without resubscribing). */
export function useLiveNotices<N extends object, R extends RequestMap<R>>(
  connection: LiveConnection<N, R>,
  listener: (notice: NoticeOf<N>) => void,
): void {
  const current = useRef(listener);
  useLayoutEffect(() => {
    current.current = listener;
  });
  useEffect(() => connection.onNotice((notice) => current.current(notice)), [connection]);
}

/**
 * The server's time, ticking every `everyMs` (a quarter second by default, so a countdown
 * never skips a second). Paused while the tab is hidden; catches up when it shows again.
 */
export function useServerNow<N extends object, R extends RequestMap<R>>(
  connection: LiveConnection<N, R>,
  everyMs = 250,
): number {
  const { offsetMs } = useLiveState(connection);
  const [localNow, setLocalNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => setLocalNow(Date.now());
    const timer = setInterval(tick, everyMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [everyMs]);
  return localNow + offsetMs;
}
