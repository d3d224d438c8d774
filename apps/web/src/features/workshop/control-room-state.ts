import type {
  HelpRequest,
  LiveNotices,
  LiveRound,
  PinnedInstruction,
  PresenceEntry,
  RoomsActivity,
  TimeRequest,
} from '@ideas-lab/live/events';
import type { NoticeOf } from '../live/live-connection';
import type { RoomActivity } from './room-tiles';

/** What the control room knows from the live layer, besides the rounds it reads over HTTP. */
export interface ControlRoomState {
  /** The round as the live layer last described it (its deadline above all). */
  round: LiveRound | null;
  /** A grace countdown running before the round closes. */
  closing: { roundId: string; endsAt: string; graceSeconds: number } | null;
  /** Unresolved help requests, oldest first. */
  help: HelpRequest[];
  /** "+2 minutes" requests not decided yet, oldest first. */
  time: TimeRequest[];
  /** Who is online, and in which rooms (from presence:list, kept current by presence:changed). */
  online: PresenceEntry[];
  /** What happened, newest first. */
  activity: RoomActivity[];
  /** The server's tiles of the open round (presence, mentors, chat, help per room). */
  rooms: RoomsActivity | null;
  /** Instructions pinned now, oldest first. */
  pins: PinnedInstruction[];
}

export type ControlRoomInput =
  | NoticeOf<LiveNotices>
  | { event: 'presence:listed'; payload: PresenceEntry[] }
  | { event: 'local:activity'; payload: RoomActivity }
  | { event: 'rooms:listed'; payload: RoomsActivity }
  | { event: 'round:known'; payload: LiveRound };

export const initialControlRoom: ControlRoomState = {
  round: null,
  closing: null,
  help: [],
  time: [],
  online: [],
  activity: [],
  rooms: null,
  pins: [],
};

const ACTIVITY_KEPT = 60;

function remember(state: ControlRoomState, entry: RoomActivity): RoomActivity[] {
  return [entry, ...state.activity].slice(0, ACTIVITY_KEPT);
}

function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  return list.some((x) => x.id === item.id)
    ? list.map((x) => (x.id === item.id ? item : x))
    : [...list, item];
}

/** One notice (or local fact) applied to the control room's live state. */
export function controlRoomReducer(
  state: ControlRoomState,
  input: ControlRoomInput,
): ControlRoomState {
  switch (input.event) {
    case 'live:snapshot':
      return {
        ...state,
        round: input.payload.round ?? state.round,
        help: input.payload.helpQueue.filter((h) => h.state !== 'resolved'),
        // Pending "+2 minutes" survive a reload of the control room.
        time: input.payload.timeRequests.filter((t) => t.decision === null),
        pins: input.payload.pinned ?? state.pins,
        closing: null,
      };
    case 'round:known':
      return { ...state, round: input.payload };
    case 'round:opened':
      return {
        ...state,
        round: input.payload.round,
        closing: null,
        activity: remember(state, {
          roomId: null,
          at: input.payload.serverNow,
          kind: 'broadcast',
          text: `${input.payload.round.title} opened`,
        }),
      };
    case 'timer:changed':
      return state.round?.id === input.payload.roundId
        ? { ...state, round: { ...state.round, endsAt: input.payload.endsAt } }
        : state;
    case 'round:closing':
      return {
        ...state,
        round:
          state.round?.id === input.payload.roundId
            ? { ...state.round, endsAt: input.payload.endsAt }
            : state.round,
        closing: {
          roundId: input.payload.roundId,
          endsAt: input.payload.endsAt,
          graceSeconds: input.payload.graceSeconds,
        },
      };
    case 'round:closed':
      return {
        ...state,
        round:
          state.round?.id === input.payload.roundId
            ? { ...state.round, state: 'closed' }
            : state.round,
        closing: null,
        rooms: state.rooms?.round?.id === input.payload.roundId ? null : state.rooms,
        time: state.time.filter((t) => t.roundId !== input.payload.roundId),
        activity: remember(state, {
          roomId: null,
          at: input.payload.closedAt,
          kind: 'broadcast',
          text: 'Round closed',
        }),
      };
    case 'broadcast:message':
      return {
        ...state,
        activity: remember(state, {
          roomId: input.payload.roomId,
          at: input.payload.sentAt,
          kind: 'broadcast',
          text: `Broadcast: ${input.payload.message}`,
        }),
      };
    case 'chat:message': {
      const roomId = input.payload.channel.startsWith('room:')
        ? input.payload.channel.slice('room:'.length)
        : null;
      if (!roomId) return state;
      return {
        ...state,
        activity: remember(state, {
          roomId,
          at: input.payload.sentAt,
          kind: 'chat',
          text: `${input.payload.sender.displayName}: ${input.payload.body}`,
        }),
      };
    }
    case 'help:requested':
    case 'help:claimed': {
      const request = input.payload;
      const text =
        input.event === 'help:requested'
          ? `Help asked: ${request.topic}`
          : `${request.claimedBy?.displayName ?? 'Someone'} is helping with ${request.topic}`;
      return {
        ...state,
        help: upsert(state.help, request),
        activity: remember(state, {
          roomId: request.room.id,
          at: request.claimedAt ?? request.askedAt,
          kind: 'help',
          text,
        }),
      };
    }
    case 'help:resolved':
      return {
        ...state,
        help: state.help.filter((h) => h.id !== input.payload.id),
        activity: remember(state, {
          roomId: input.payload.room.id,
          at: input.payload.resolvedAt ?? input.payload.askedAt,
          kind: 'help',
          text: `Help resolved: ${input.payload.topic}`,
        }),
      };
    case 'time:requested':
      return {
        ...state,
        time: upsert(state.time, input.payload),
        activity: remember(state, {
          roomId: input.payload.room.id,
          at: input.payload.askedAt,
          kind: 'time',
          text: `${input.payload.askedBy.displayName} asks for 2 more minutes`,
        }),
      };
    case 'time:decided':
      return {
        ...state,
        time: state.time.filter((t) => t.id !== input.payload.id),
        activity: remember(state, {
          roomId: input.payload.room.id,
          at: input.payload.decidedAt ?? input.payload.askedAt,
          kind: 'time',
          text:
            input.payload.decision === 'approved' ? '2 more minutes given' : 'More time declined',
        }),
      };
    case 'presence:listed':
      return { ...state, online: input.payload };
    case 'presence:changed': {
      const { userId, displayName, online } = input.payload;
      if (!online) return { ...state, online: state.online.filter((p) => p.userId !== userId) };
      if (state.online.some((p) => p.userId === userId)) return state;
      return {
        ...state,
        online: [
          ...state.online,
          { userId, displayName, roles: [], roomIds: [], connections: input.payload.connections },
        ],
      };
    }
    case 'rooms:activity':
    case 'rooms:listed':
      // Pushes may overtake one another: keep the newest picture.
      return state.rooms && state.rooms.serverNow > input.payload.serverNow
        ? state
        : { ...state, rooms: input.payload };
    case 'pin:added':
      return { ...state, pins: upsert(state.pins, input.payload) };
    case 'pin:removed':
      return { ...state, pins: state.pins.filter((p) => p.id !== input.payload.id) };
    case 'mentor:moved': {
      const { mentor, toRoomId, fromRoomId, serverNow } = input.payload;
      return {
        ...state,
        activity: remember(state, {
          roomId: toRoomId ?? fromRoomId,
          at: serverNow,
          kind: 'move',
          text: toRoomId ? `${mentor.displayName} came in` : `${mentor.displayName} left`,
        }),
      };
    }
    case 'rooms:recreated':
      return {
        ...state,
        activity: remember(state, {
          roomId: null,
          at: input.payload.serverNow,
          kind: 'move',
          text: `Rooms of ${input.payload.round.title} recreated`,
        }),
      };
    case 'local:activity':
      return { ...state, activity: remember(state, input.payload) };
    default:
      return state;
  }
}
