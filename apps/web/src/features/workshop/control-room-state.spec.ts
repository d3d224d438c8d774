import type {
  HelpRequest,
  LiveRound,
  PinnedInstruction,
  TimeRequest,
} from '@ideas-lab/live/events';
import { describe, expect, it } from 'vitest';
import {
  controlRoomReducer,
  initialControlRoom,
  type ControlRoomState,
} from './control-room-state';

const round: LiveRound = {
  id: 'r1',
  sessionId: 's',
  index: 0,
  title: 'Round 1',
  state: 'open',
  endsAt: '2027-01-01T10:20:00Z',
};
const person = { userId: 'u', displayName: 'Ada' };
const help: HelpRequest = {
  id: 'h1',
  roundId: 'r1',
  room: { id: 'room-a', name: 'Room 1' },
  topic: 'statistics',
  askedBy: person,
  askedAt: '2027-01-01T10:01:00Z',
  routedTo: null,
  routedToRoomMentor: false,
  claimedBy: null,
  claimedAt: null,
  resolvedAt: null,
  state: 'waiting',
};
const time: TimeRequest = {
  id: 't1',
  roundId: 'r1',
  room: { id: 'room-a', name: 'Room 1' },
  askedBy: person,
  askedAt: '2027-01-01T10:02:00Z',
  extraSeconds: 120,
  decision: null,
  decidedAt: null,
};
const pin: PinnedInstruction = {
  id: 'p1',
  roomId: null,
  roundId: null,
  forSession: false,
  message: 'Pick a scribe',
  pinnedBy: person,
  pinnedAt: '2027-01-01T10:00:00Z',
  unpinnedAt: null,
};

const apply = (...inputs: Parameters<typeof controlRoomReducer>[1][]): ControlRoomState =>
  inputs.reduce(controlRoomReducer, initialControlRoom);

describe('controlRoomReducer', () => {
  it('follows the round: opened, timer moved, grace countdown, closed', () => {
    let state = apply({
      event: 'round:opened',
      payload: { serverNow: '2027-01-01T10:00:00Z', round },
    });
    expect(state.round?.endsAt).toBe('2027-01-01T10:20:00Z');
    state = controlRoomReducer(state, {
      event: 'timer:changed',
      payload: { serverNow: 'x', roundId: 'r1', endsAt: '2027-01-01T10:22:00Z' },
    });
    expect(state.round?.endsAt).toBe('2027-01-01T10:22:00Z');
    state = controlRoomReducer(state, {
      event: 'round:closing',
      payload: { serverNow: 'x', roundId: 'r1', endsAt: '2027-01-01T10:05:00Z', graceSeconds: 30 },
    });
    expect(state.closing).toEqual({
      roundId: 'r1',
      endsAt: '2027-01-01T10:05:00Z',
      graceSeconds: 30,
    });
    state = controlRoomReducer(state, {
      event: 'round:closed',
      payload: { serverNow: 'x', roundId: 'r1', closedAt: '2027-01-01T10:05:00Z' },
    });
    expect(state.closing).toBeNull();
    expect(state.round?.state).toBe('closed');
    expect(state.activity[0].text).toBe('Round closed');
  });

  it('keeps help requests until resolved and time requests until decided', () => {
    let state = apply(
      { event: 'help:requested', payload: help },
      { event: 'time:requested', payload: time },
    );
    expect(state.help).toHaveLength(1);
    expect(state.time).toHaveLength(1);
    state = controlRoomReducer(state, {
      event: 'help:claimed',
      payload: { ...help, state: 'claimed', claimedBy: person, claimedAt: '2027-01-01T10:03:00Z' },
    });
    expect(state.help[0].state).toBe('claimed');
    state = controlRoomReducer(state, {
      event: 'help:resolved',
      payload: { ...help, state: 'resolved' },
    });
    state = controlRoomReducer(state, {
      event: 'time:decided',
      payload: { ...time, decision: 'approved', decidedAt: '2027-01-01T10:04:00Z' },
    });
    expect(state.help).toEqual([]);
    expect(state.time).toEqual([]);
    expect(state.activity[0]).toMatchObject({ roomId: 'room-a', text: '2 more minutes given' });
  });

  it('gets pending help and "+2 minutes" back from the snapshot after a reload', () => {
    const state = apply({
      event: 'live:snapshot',
      payload: {
        serverNow: '2027-01-01T10:05:00Z',
        labId: 'lab',
        me: { ...person, roles: ['organiser'], isOrganiser: true },
        recovered: false,
        session: null,
        round,
        room: null,
        roomMates: [],
        chat: [],
        chatTruncated: false,
        helpQueue: [help],
        timeRequests: [time],
        myTopics: [],
        pinned: [],
        teams: [],
        tokenExpiresAt: '2027-01-01T10:20:00Z',
        pitch: null,
      },
    });
    expect(state.help.map((h) => h.id)).toEqual(['h1']);
    expect(state.time.map((t) => t.id)).toEqual(['t1']);
  });

  it('adds and removes pins, and keeps the newest room activity', () => {
    let state = apply({ event: 'pin:added', payload: pin });
    expect(state.pins.map((p) => p.message)).toEqual(['Pick a scribe']);
    state = controlRoomReducer(state, {
      event: 'pin:removed',
      payload: { ...pin, unpinnedAt: 'y' },
    });
    expect(state.pins).toEqual([]);
    const newer = { serverNow: '2027-01-01T10:00:02Z', round, rooms: [] };
    const older = { serverNow: '2027-01-01T10:00:01Z', round, rooms: [] };
    state = controlRoomReducer(state, { event: 'rooms:activity', payload: newer });
    state = controlRoomReducer(state, { event: 'rooms:listed', payload: older });
    expect(state.rooms).toBe(newer);
  });

  it('drops people who went offline and notes mentors moving', () => {
    let state = apply({
      event: 'presence:listed',
      payload: [{ ...person, roles: ['participant'], roomIds: ['room-a'], connections: 1 }],
    });
    state = controlRoomReducer(state, {
      event: 'presence:changed',
      payload: { ...person, online: false, connections: 0 },
    });
    expect(state.online).toEqual([]);
    state = controlRoomReducer(state, {
      event: 'mentor:moved',
      payload: {
        serverNow: '2027-01-01T10:00:00Z',
        roundId: 'r1',
        mentor: { userId: 'm', displayName: 'Mo' },
        fromRoomId: null,
        toRoomId: 'room-b',
      },
    });
    expect(state.activity[0]).toMatchObject({ roomId: 'room-b', text: 'Mo came in' });
  });
});
