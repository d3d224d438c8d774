import { describe, expect, it } from 'vitest';
import type { BreakoutRound } from './api';
import { currentRound, roomTiles } from './room-tiles';

const round = (overrides: Partial<BreakoutRound> = {}): BreakoutRound => ({
  id: 'r1',
  index: 0,
  title: 'Round 1',
  durationMinutes: 20,
  state: 'open',
  mode: 'assigned',
  myRoomId: null,
  rooms: [
    {
      id: 'room-b',
      position: 1,
      name: 'Room 2',
      meetingUrl: null,
      videoUrl: null,
      mentorId: null,
      capacity: null,
      occupancy: 1,
      participants: [{ userId: 'c', displayName: 'Chen' }],
    },
    {
      id: 'room-a',
      position: 0,
      name: 'Room 1',
      meetingUrl: 'https://meet.example/a',
      videoUrl: 'https://meet.example/a',
      mentorId: 'm',
      capacity: null,
      occupancy: 2,
      participants: [
        { userId: 'a', displayName: 'Ada' },
        { userId: 'b', displayName: 'Ben' },
      ],
    },
  ],
  ...overrides,
});

const names = new Map([['m', 'Mo Mentor']]);

describe('roomTiles', () => {
  it('orders rooms, marks who is in the room now and finds the mentor and visitors', () => {
    const tiles = roomTiles({
      round: round(),
      online: [
        { userId: 'a', displayName: 'Ada', roles: ['participant'], roomIds: ['room-a'] },
        { userId: 'b', displayName: 'Ben', roles: ['participant'], roomIds: [] },
        { userId: 'm', displayName: 'Mo Mentor', roles: ['mentor'], roomIds: ['room-b'] },
      ],
      names,
      help: [],
      time: [],
      activity: [],
    });
    expect(tiles.map((t) => t.name)).toEqual(['Room 1', 'Room 2']);
    expect(tiles[0].seats).toEqual([
      { userId: 'a', displayName: 'Ada', here: true },
      { userId: 'b', displayName: 'Ben', here: false },
    ]);
    expect(tiles[0]).toMatchObject({ here: 1, seated: 2, attention: 'calm' });
    expect(tiles[0].mentor).toEqual({ userId: 'm', displayName: 'Mo Mentor', here: false });
    // The mentor visits the other room: the organiser sees it there.
    expect(tiles[1].visitors).toEqual([{ userId: 'm', displayName: 'Mo Mentor' }]);
    expect(tiles[1].attention).toBe('empty');
  });

  it('puts an open help request before a time request, and resolved help not at all', () => {
    const base = { round: round(), online: [], names, activity: [] };
    const time = [{ id: 't', roomId: 'room-a', askedBy: { displayName: 'Ada' } }];
    const help = (state: 'waiting' | 'resolved') => [
      { id: 'h', roomId: 'room-a', topic: 'stats', state, claimedBy: null },
    ];
    expect(roomTiles({ ...base, help: help('waiting'), time })[0].attention).toBe('help');
    expect(roomTiles({ ...base, help: help('resolved'), time })[0].attention).toBe('time');
    expect(roomTiles({ ...base, help: [], time: [] })[0].attention).toBe('empty');
    expect(
      roomTiles({ ...base, round: round({ state: 'planned' }), help: [], time: [] })[0].attention,
    ).toBe('calm');
  });

  it('shows the newest activity of the room and lab-wide broadcasts', () => {
    const tiles = roomTiles({
      round: round(),
      online: [],
      names,
      help: [],
      time: [],
      recentLimit: 2,
      activity: [
        { roomId: 'room-a', at: '2027-01-01T10:00:00Z', kind: 'move', text: 'old' },
        { roomId: null, at: '2027-01-01T10:02:00Z', kind: 'broadcast', text: 'all' },
        { roomId: 'room-b', at: '2027-01-01T10:03:00Z', kind: 'help', text: 'other' },
        { roomId: 'room-a', at: '2027-01-01T10:01:00Z', kind: 'chat', text: 'mid' },
      ],
    });
    expect(tiles[0].recent.map((a) => a.text)).toEqual(['all', 'mid']);
  });
});

describe('roomTiles with the server activity of the open round', () => {
  it('takes presence, the mentor and visitors from the server, and counts the chat', () => {
    const tiles = roomTiles({
      round: round(),
      // Stale presence says Ada is elsewhere; the server's room activity wins.
      online: [{ userId: 'a', displayName: 'Ada', roles: ['participant'], roomIds: [] }],
      names,
      help: [],
      time: [],
      activity: [],
      pins: [
        { id: 'p1', roomId: 'room-a', message: 'Pick a scribe' },
        { id: 'p2', roomId: null, message: 'Everyone' },
      ],
      serverActivity: [
        {
          room: { id: 'room-a' },
          present: [{ userId: 'a', displayName: 'Ada' }],
          mentorPresent: true,
          mentorsHere: [{ userId: 'm', displayName: 'Mo Mentor' }],
          messageCount: 4,
          lastMessageAt: '2027-01-01T10:00:00Z',
        },
        {
          room: { id: 'room-b' },
          present: [],
          mentorPresent: false,
          mentorsHere: [{ userId: 'v', displayName: 'Vi Visitor' }],
          messageCount: 0,
          lastMessageAt: null,
        },
      ],
    });
    expect(tiles[0]).toMatchObject({ here: 1, seated: 2, messages: 4, visitors: [] });
    expect(tiles[0].mentor?.here).toBe(true);
    expect(tiles[0].pins.map((p) => p.message)).toEqual(['Pick a scribe']);
    expect(tiles[1]).toMatchObject({ here: 0, messages: 0 });
    expect(tiles[1].visitors).toEqual([{ userId: 'v', displayName: 'Vi Visitor' }]);
  });
});

describe('currentRound', () => {
  const r = (index: number, state: BreakoutRound['state']) =>
    round({ id: `r${index}`, index, state });
  it.each([
    [[r(0, 'closed'), r(1, 'open'), r(2, 'planned')], 'r1'],
    [[r(2, 'planned'), r(0, 'closed'), r(1, 'planned')], 'r1'],
    [[r(0, 'closed'), r(1, 'closed')], 'r1'],
  ])('picks the round to run', (rounds, id) => {
    expect(currentRound(rounds)?.id).toBe(id);
  });
  it('has none without rounds', () => expect(currentRound([])).toBeNull());
});
