import type {
  ChatMessage,
  HelpRequest,
  LiveNotices,
  LivePerson,
  LiveRound,
  LiveSnapshot,
  LiveTeam,
  PinnedInstruction,
  TimeRequest,
} from '@ideas-lab/live/events';
import { mergeMessages } from './chat-log';
import type { NoticeOf } from './live-connection';

/**
 * What a participant's or mentor's live screen shows, folded from the snapshot and the
 * notices that follow it. Pure: the same notices in give the same screen out, and a notice
 * seen twice (replayed by connection-state recovery, then carried by the snapshot) changes
 * nothing the second time.
 */

export type Broadcast = LiveNotices['broadcast:message'];

/**
 * The snapshot's session, round, room, room mates and chat (kept from notices too: the chat
 * merged, oldest first, each message once).
 */
export interface LiveViewState extends Pick<
  LiveSnapshot,
  'session' | 'round' | 'room' | 'roomMates' | 'chat' | 'chatTruncated'
> {
  /** A snapshot has arrived: the rest is the server's word, not a guess. */
  ready: boolean;
  me: LiveSnapshot['me'] | null;
  /** Organisers' broadcasts, newest last. */
  broadcasts: Broadcast[];
  /** Unresolved help requests this person may act on (mentors, organisers). */
  helpQueue: HelpRequest[];
  myTopics: string[];
  /** This room's "+2 minutes" request in the current round, and its outcome. */
  timeRequest: TimeRequest | null;
  /** A grace countdown the organisers started to close the round. */
  closing: { graceSeconds: number } | null;
  /** The round that closed last, to say so until the next one opens. */
  closedRound: LiveRound | null;
  /** Instructions pinned now for the whole lab or for one's room, oldest first. */
  pinned: PinnedInstruction[];
  /** The teams one belongs to (each has its own chat). */
  teams: LiveTeam[];
  /** The help this room asked for in the current round, and the mentor on the way. */
  myHelp: MyHelp | null;
  /** Mentors visiting one's room now (besides its own mentor). */
  visitingMentors: LivePerson[];
}

/** The room's own help request as the participant's screen shows it. */
export interface MyHelp extends Pick<LiveNotices['help:coming'], 'requestId' | 'topic'> {
  askedAt: string;
  /** The mentor on the way, once one claimed the request. */
  mentor: LivePerson | null;
  /** Nobody else's topics fit: the mentor already in the room has it (their name). */
  roomMentor: LivePerson | null;
}

const myHelpOf = ({ id, topic, askedAt, claimedBy, routedTo, routedToRoomMentor }: HelpRequest) =>
  ({
    requestId: id,
    topic,
    askedAt,
    mentor: claimedBy,
    roomMentor: routedToRoomMentor ? routedTo : null,
  }) satisfies MyHelp;

/** Notices from the server, and what this screen learnt from its own requests' answers. */
export type LiveViewAction =
  | NoticeOf<LiveNotices>
  | { event: 'local:time-asked'; payload: TimeRequest }
  | { event: 'local:help-asked'; payload: HelpRequest }
  | { event: 'local:help-changed'; payload: HelpRequest }
  | { event: 'local:topics'; payload: string[] }
  | { event: 'local:history'; payload: ChatMessage[] };

export const emptyLiveView: LiveViewState = {
  ready: false,
  me: null,
  session: null,
  round: null,
  room: null,
  roomMates: [],
  chat: [],
  chatTruncated: false,
  broadcasts: [],
  helpQueue: [],
  myTopics: [],
  timeRequest: null,
  closing: null,
  closedRound: null,
  pinned: [],
  teams: [],
  myHelp: null,
  visitingMentors: [],
};

/** Broadcasts kept on screen. */
const BROADCASTS_KEPT = 10;

export function applyLiveAction(state: LiveViewState, action: LiveViewAction): LiveViewState {
  switch (action.event) {
    case 'live:snapshot': {
      const snap = action.payload;
      const sameRound = snap.round !== null && snap.round.id === state.round?.id;
      const participant = !snap.me.isOrganiser && snap.me.roles.includes('participant');
      const ended =
        state.round && state.round.state === 'open' && !sameRound
          ? { ...state.round, state: 'closed' as const }
          : state.closedRound;
      return {
        ...state,
        ready: true,
        me: snap.me,
        session: snap.session,
        round: snap.round,
        room: snap.room,
        roomMates: snap.roomMates,
        chat: mergeMessages(state.chat, snap.chat),
        chatTruncated: snap.chatTruncated,
        helpQueue: snap.helpQueue,
        myTopics: snap.myTopics,
        timeRequest: participant
          ? (snap.timeRequests.filter((t) => t.room.id === snap.room?.id).at(-1) ?? null)
          : sameRound
            ? state.timeRequest
            : null,
        closing: sameRound ? state.closing : null,
        closedRound: snap.round?.state === 'open' ? null : ended,
        pinned: snap.pinned ?? [],
        teams: snap.teams ?? [],
        // A participant's room request and "+2 minutes" come with the snapshot, so a reload
        // shows them; others keep what they knew while they stay in the same room.
        myHelp: participant
          ? (snap.helpQueue.filter((h) => h.room.id === snap.room?.id).map(myHelpOf)[0] ?? null)
          : sameRound && snap.room?.id === state.room?.id
            ? state.myHelp
            : null,
        visitingMentors: sameRound && snap.room?.id === state.room?.id ? state.visitingMentors : [],
      };
    }
    case 'round:opened': {
      const { round } = action.payload;
      if (round.id === state.round?.id) return { ...state, round };
      return {
        ...state,
        round,
        room: null,
        roomMates: [],
        timeRequest: null,
        closing: null,
        closedRound: null,
        myHelp: null,
        visitingMentors: [],
      };
    }
    case 'room:assigned': {
      const { round, room, roomMates } = action.payload;
      const sameRoom = round.id === state.round?.id && room.id === state.room?.id;
      return {
        ...state,
        round,
        room,
        roomMates,
        timeRequest: sameRoom ? state.timeRequest : null,
        closing: round.id === state.round?.id ? state.closing : null,
        closedRound: null,
        myHelp: sameRoom ? state.myHelp : null,
        visitingMentors: sameRoom ? state.visitingMentors : [],
        // The notice carries the pins for the new room (and every room's); without them,
        // those of the old room go and the lab's stay.
        pinned:
          (action.payload as { pinned?: PinnedInstruction[] }).pinned ??
          state.pinned.filter((p) => p.roomId === null || p.roomId === room.id),
      };
    }
    case 'room:updated': {
      // The organisers changed the room (its video link, name or mentor): shown at once.
      const { roundId, room } = action.payload;
      if (state.round?.id !== roundId || state.room?.id !== room.id) return state;
      return { ...state, room };
    }
    case 'room:mates': {
      const { roundId, roomId, roomMates } = action.payload;
      if (state.round?.id !== roundId || state.room?.id !== roomId) return state;
      return { ...state, roomMates };
    }
    case 'mentor:moved': {
      const { roundId, mentor, toRoomId } = action.payload;
      const myRoom = state.room?.id;
      if (state.round?.id !== roundId || !myRoom) return state;
      const others = state.visitingMentors.filter((m) => m.userId !== mentor.userId);
      return { ...state, visitingMentors: toRoomId === myRoom ? [...others, mentor] : others };
    }
    case 'pin:added': {
      const pin = action.payload;
      if (pin.roomId !== null && pin.roomId !== state.room?.id && !state.me?.isOrganiser)
        return state;
      return { ...state, pinned: [...state.pinned.filter((p) => p.id !== pin.id), pin] };
    }
    case 'team:joined': {
      const team = action.payload;
      return { ...state, teams: [...state.teams.filter((t) => t.id !== team.id), team] };
    }
    case 'pin:removed':
      return { ...state, pinned: state.pinned.filter((p) => p.id !== action.payload.id) };
    case 'local:help-asked': {
      const request = action.payload;
      return {
        ...state,
        myHelp: myHelpOf(request),
      };
    }
    case 'help:coming': {
      const { requestId, topic, roomId, mentor, claimedAt } = action.payload;
      if (roomId !== state.room?.id) return state;
      return {
        ...state,
        myHelp: {
          requestId,
          topic,
          askedAt: state.myHelp?.askedAt ?? claimedAt,
          mentor,
          roomMentor: state.myHelp?.roomMentor ?? null,
        },
      };
    }
    case 'timer:changed':
    case 'timer:warning':
      return withDeadline(state, action.payload.roundId, action.payload.endsAt);
    case 'round:closing': {
      const moved = withDeadline(state, action.payload.roundId, action.payload.endsAt);
      return moved === state
        ? state
        : { ...moved, closing: { graceSeconds: action.payload.graceSeconds } };
    }
    case 'round:closed': {
      if (state.round?.id !== action.payload.roundId) return state;
      const closed = { ...state.round, state: 'closed' as const };
      return {
        ...state,
        round: closed,
        room: null,
        roomMates: [],
        closing: null,
        closedRound: closed,
        helpQueue: state.helpQueue.filter((h) => h.roundId !== action.payload.roundId),
        myHelp: null,
        visitingMentors: [],
        pinned: state.pinned.filter((p) => p.roomId === null),
      };
    }
    case 'broadcast:message': {
      if (state.broadcasts.some((b) => b.id === action.payload.id)) return state;
      return {
        ...state,
        broadcasts: [...state.broadcasts, action.payload].slice(-BROADCASTS_KEPT),
      };
    }
    case 'chat:message':
      return { ...state, chat: mergeMessages(state.chat, [action.payload]) };
    case 'local:history':
      return { ...state, chat: mergeMessages(state.chat, action.payload) };
    case 'help:requested':
      return { ...state, helpQueue: upsertHelp(state.helpQueue, action.payload) };
    case 'help:claimed':
    case 'local:help-changed': {
      const request = action.payload;
      const mine = state.me?.isOrganiser === true || request.claimedBy?.userId === state.me?.userId;
      if (request.state === 'resolved' || !mine) {
        // Claimed by another mentor (or done): it leaves this queue.
        return { ...state, helpQueue: state.helpQueue.filter((h) => h.id !== request.id) };
      }
      return { ...state, helpQueue: upsertHelp(state.helpQueue, request) };
    }
    case 'help:resolved':
      return { ...state, helpQueue: state.helpQueue.filter((h) => h.id !== action.payload.id) };
    case 'local:topics':
      return { ...state, myTopics: action.payload };
    case 'local:time-asked':
    case 'time:decided': {
      const request = action.payload;
      if (request.roundId !== state.round?.id) return state;
      if (state.room && request.room.id !== state.room.id) return state;
      return { ...state, timeRequest: request };
    }
    default:
      // Organisers' notices (presence, "+2 minutes" to decide) and any newer event this
      // screen does not show.
      return state;
  }
}

function withDeadline(state: LiveViewState, roundId: string, endsAt: string): LiveViewState {
  if (state.round?.id !== roundId) return state;
  return { ...state, round: { ...state.round, endsAt } };
}

function upsertHelp(queue: readonly HelpRequest[], request: HelpRequest): HelpRequest[] {
  const rest = queue.filter((h) => h.id !== request.id);
  return [...rest, request].sort((a, b) => a.askedAt.localeCompare(b.askedAt));
}

/**
 * The chat channels a person can read and write now: the lab's, their room's while a round is
 * open, and each of their teams'.
 */
export function chatChannels(state: LiveViewState): { channel: string; label: string }[] {
  const channels = [{ channel: 'lab', label: 'Whole lab' }];
  if (state.room && state.round?.state === 'open')
    channels.push({ channel: `room:${state.room.id}`, label: state.room.name });
  for (const team of state.teams)
    channels.push({ channel: `team:${team.id}`, label: `Team ${team.name}` });
  return channels;
}
