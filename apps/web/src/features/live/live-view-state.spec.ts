import { describe, expect, it } from 'vitest';
import type {
  ChatMessage,
  HelpRequest,
  LiveRound,
  LiveSnapshot,
  TimeRequest,
} from '@ideas-lab/live/events';
import {
  applyLiveAction,
  chatChannels,
  emptyLiveView,
  type LiveViewAction,
  type LiveViewState,
} from './live-view-state';

const ada = { userId: 'u-ada', displayName: 'Ada' };
const ben = { userId: 'u-ben', displayName: 'Ben' };
const mentor = { userId: 'u-mia', displayName: 'Mia' };
const round = (over: Partial<LiveRound> = {}): LiveRound => ({
  id: 'round-1',
  sessionId: 's1',
  index: 0,
  title: 'Round 1',
  state: 'open',
  endsAt: '2026-07-14T15:20:00.000Z',
  ...over,
});
const roomA = {
  id: 'room-a',
  name: 'Room A',
  meetingUrl: 'https://meet.example/a',
  linkFromTemplate: false,
  mentor,
};
const roomB = {
  id: 'room-b',
  name: 'Room B',
  meetingUrl: null,
  linkFromTemplate: false,
  mentor: null,
};
const chat = (id: string, channel = 'lab'): ChatMessage => ({
  id,
  channel,
  sender: ben,
  body: `m${id}`,
  clientMessageId: `c${id}`,
  sentAt: '2026-07-14T15:00:00.000Z',
});
const snapshot = (over: Partial<LiveSnapshot> = {}): LiveSnapshot => ({
  serverNow: '2026-07-14T15:00:00.000Z',
  labId: 'lab-1',
  me: { ...ada, roles: ['participant'], isOrganiser: false },
  recovered: false,
  session: null,
  round: round(),
  room: roomA,
  roomMates: [ada, ben],
  chat: [],
  chatTruncated: false,
  helpQueue: [],
  timeRequests: [],
  myTopics: [],
  pinned: [],
  teams: [],
  tokenExpiresAt: '2026-07-14T15:15:00.000Z',
  pitch: null,
  ...over,
});
const help = (over: Partial<HelpRequest> = {}): HelpRequest => ({
  id: 'h1',
  roundId: 'round-1',
  room: { id: 'room-a', name: 'Room A' },
  topic: 'statistics',
  askedBy: ben,
  askedAt: '2026-07-14T15:01:00.000Z',
  routedTo: null,
  routedToRoomMentor: false,
  claimedBy: null,
  claimedAt: null,
  resolvedAt: null,
  state: 'waiting',
  ...over,
});
const fold = (actions: LiveViewAction[], from: LiveViewState = emptyLiveView) =>
  actions.reduce(applyLiveAction, from);

describe('the live view folded from notices', () => {
  it('shows the room of record from the snapshot, and the same room after a reconnect', () => {
    const first = fold([{ event: 'live:snapshot', payload: snapshot() }]);
    expect(first.ready).toBe(true);
    expect(first.room?.name).toBe('Room A');
    const again = fold([{ event: 'live:snapshot', payload: snapshot({ recovered: true }) }], first);
    expect(again.room?.name).toBe('Room A');
    expect(again.roomMates).toEqual([ada, ben]);
  });

  it('adds the chat missed while away once, even when recovery replays it too', () => {
    const before = fold([
      { event: 'live:snapshot', payload: snapshot({ chat: [chat('1')] }) },
      { event: 'chat:message', payload: chat('2') },
    ]);
    const after = fold(
      [
        { event: 'chat:message', payload: chat('3') }, // replayed by recovery
        { event: 'live:snapshot', payload: snapshot({ chat: [chat('3'), chat('4')] }) },
      ],
      before,
    );
    expect(after.chat.map((m) => m.id)).toEqual(['1', '2', '3', '4']);
  });

  it('moves to the room the organisers assign, keeping a same-room "+2 minutes" outcome only there', () => {
    const time: TimeRequest = {
      id: 't1',
      roundId: 'round-1',
      room: { id: 'room-a', name: 'Room A' },
      askedBy: ada,
      askedAt: '2026-07-14T15:02:00.000Z',
      extraSeconds: 120,
      decision: null,
      decidedAt: null,
    };
    const asked = fold([
      { event: 'live:snapshot', payload: snapshot() },
      { event: 'local:time-asked', payload: time },
      {
        event: 'time:decided',
        payload: { ...time, decision: 'approved', decidedAt: '2026-07-14T15:03:00.000Z' },
      },
    ]);
    expect(asked.timeRequest?.decision).toBe('approved');
    const pin = {
      id: 'pin-b',
      roomId: 'room-b',
      roundId: 'round-2',
      forSession: false,
      message: 'Room B: start with the data',
      pinnedBy: mentor,
      pinnedAt: '2026-07-14T15:04:00.000Z',
      unpinnedAt: null,
    };
    const assigned = {
      serverNow: '',
      round: round(),
      room: roomB,
      roomMates: [ada],
      pinned: [pin],
    };
    const moved = fold([{ event: 'room:assigned', payload: assigned }], asked);
    expect(moved.room?.name).toBe('Room B');
    expect(moved.timeRequest).toBeNull();
    expect(moved.pinned).toEqual([pin]);
  });

  it('follows the deadline as the organisers extend it, and says when the round closed', () => {
    const open = fold([
      { event: 'live:snapshot', payload: snapshot() },
      {
        event: 'timer:changed',
        payload: { serverNow: '', roundId: 'round-1', endsAt: '2026-07-14T15:22:00.000Z' },
      },
      {
        event: 'timer:changed',
        payload: { serverNow: '', roundId: 'another', endsAt: '2030-01-01T00:00:00.000Z' },
      },
    ]);
    expect(open.round?.endsAt).toBe('2026-07-14T15:22:00.000Z');
    const closed = fold(
      [{ event: 'round:closed', payload: { serverNow: '', roundId: 'round-1', closedAt: '' } }],
      open,
    );
    expect(closed.room).toBeNull();
    expect(closed.closedRound?.title).toBe('Round 1');
  });

  it('notices a round that closed while the connection was away', () => {
    const open = fold([{ event: 'live:snapshot', payload: snapshot() }]);
    const back = fold(
      [{ event: 'live:snapshot', payload: snapshot({ round: null, room: null, roomMates: [] }) }],
      open,
    );
    expect(back.round).toBeNull();
    expect(back.closedRound?.id).toBe('round-1');
  });

  it('keeps each broadcast once', () => {
    const broadcast = {
      id: 'b1',
      message: 'Pitches at 16:00',
      roomId: null,
      from: mentor,
      sentAt: '2026-07-14T15:05:00.000Z',
    };
    const state = fold([
      { event: 'broadcast:message', payload: broadcast },
      { event: 'broadcast:message', payload: broadcast },
    ]);
    expect(state.broadcasts).toHaveLength(1);
  });

  it("keeps a mentor's queue: a new request joins, another mentor's claim takes it away, one's own stays", () => {
    const asMentor = snapshot({
      me: { ...mentor, roles: ['mentor'], isOrganiser: false },
      helpQueue: [help()],
    });
    const state = fold([
      { event: 'live:snapshot', payload: asMentor },
      { event: 'help:requested', payload: help({ id: 'h2', askedAt: '2026-07-14T15:02:00.000Z' }) },
      { event: 'help:claimed', payload: help({ state: 'claimed', claimedBy: ben }) },
      {
        event: 'local:help-changed',
        payload: help({ id: 'h2', state: 'claimed', claimedBy: mentor }),
      },
    ]);
    expect(state.helpQueue.map((h) => [h.id, h.state])).toEqual([['h2', 'claimed']]);
    const resolved = fold(
      [{ event: 'help:resolved', payload: help({ id: 'h2', state: 'resolved' }) }],
      state,
    );
    expect(resolved.helpQueue).toEqual([]);
  });

  it('tells the asking room which mentor is coming', () => {
    const state = fold([
      { event: 'live:snapshot', payload: snapshot() },
      { event: 'local:help-asked', payload: help() },
      {
        event: 'help:coming',
        payload: {
          requestId: 'h1',
          topic: 'statistics',
          roomId: 'room-a',
          mentor,
          claimedAt: '2026-07-14T15:02:00.000Z',
        },
      },
    ]);
    expect(state.myHelp).toMatchObject({ topic: 'statistics', mentor });
  });

  it('shows a participant\'s own room\'s help request and "+2 minutes" again after a reload', () => {
    const timeAsked = {
      id: 't1',
      roundId: 'round-1',
      room: { id: 'room-a', name: 'Room A' },
      askedBy: ben,
      askedAt: '2026-07-14T15:03:00.000Z',
      extraSeconds: 120,
      decision: null,
      decidedAt: null,
    };
    const reloaded = fold([
      {
        event: 'live:snapshot',
        payload: snapshot({
          helpQueue: [help({ routedTo: mentor, routedToRoomMentor: true })],
          timeRequests: [timeAsked],
        }),
      },
    ]);
    expect(reloaded.myHelp).toMatchObject({
      topic: 'statistics',
      mentor: null,
      roomMentor: mentor,
    });
    expect(reloaded.timeRequest).toMatchObject({ id: 't1', decision: null });
  });

  it('offers the lab chat always, the room chat during a round, and each team', () => {
    const state = fold([
      {
        event: 'live:snapshot',
        payload: snapshot({ teams: [{ id: 't1', name: 'Twin', members: [ada] }] }),
      },
    ]);
    expect(chatChannels(state).map((c) => c.channel)).toEqual(['lab', 'room:room-a', 'team:t1']);
    expect(chatChannels(emptyLiveView).map((c) => c.channel)).toEqual(['lab']);
    // A team set up while connected joins the list at once (and only once).
    const team = { id: 't2', name: 'Atlas', members: [ada] };
    const joined = fold(
      [
        { event: 'team:joined', payload: team },
        { event: 'team:joined', payload: team },
      ],
      state,
    );
    expect(chatChannels(joined).map((c) => c.label)).toEqual([
      'Whole lab',
      'Room A',
      'Team Twin',
      'Team Atlas',
    ]);
  });
});
