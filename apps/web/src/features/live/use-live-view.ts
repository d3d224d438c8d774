import { useReducer } from 'react';
import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import type { LiveConnection } from './live-connection';
import {
  applyLiveAction,
  emptyLiveView,
  type LiveViewAction,
  type LiveViewState,
} from './live-view-state';
import { useLiveNotices } from './use-live-connection';

/** The participant's or mentor's screen state, folded from the connection's notices. */
export function useLiveView(
  connection: LiveConnection<LiveNotices, LiveRequests>,
): [LiveViewState, (action: LiveViewAction) => void] {
  const [view, dispatch] = useReducer(applyLiveAction, emptyLiveView);
  useLiveNotices(connection, dispatch);
  return [view, dispatch];
}
