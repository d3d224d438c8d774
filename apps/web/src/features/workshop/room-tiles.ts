import type { BreakoutRound, Seat } from './api';

/** Someone online in the lab now, and the breakout rooms their connections are in. */
export interface OnlinePerson {
  userId: string;
  displayName: string;
  roles: readonly string[];
  roomIds: readonly string[];
}

/** Something that happened in a room, newest first on the tile. */
export interface RoomActivity {
  roomId: string | null;
  at: string;
  kind: 'broadcast' | 'help' | 'time' | 'move' | 'chat';
  text: string;
}

export interface OpenHelp {
  id: string;
  roomId: string;
  topic: string;
  state: 'waiting' | 'claimed' | 'resolved';
  claimedBy: { displayName: string } | null;
}

export interface PendingTime {
  id: string;
  roomId: string;
  askedBy: { displayName: string };
}

/**
 * What the live layer reports about one room of the open round (`rooms:activity`): who is
 * present, whether its mentor is there, mentors visiting, chat and help counts.
 */
export interface ServerRoomActivity {
  room: { id: string };
  present: readonly Seat[];
  mentorPresent: boolean;
  mentorsHere: readonly Seat[];
  messageCount: number;
  lastMessageAt: string | null;
}

export interface PinnedNote {
  id: string;
  roomId: string | null;
  message: string;
}

export type TileAttention = 'help' | 'time' | 'empty' | 'calm';

export interface RoomTile {
  roomId: string;
  name: string;
  /** The link people join: the room's own, else the lab's template filled in. */
  meetingUrl: string | null;
  /** The room's own link (null: none, the template may fill it). */
  ownMeetingUrl: string | null;
  /** Everyone seated here, each marked as in the room now or not. */
  seats: (Seat & { here: boolean })[];
  /** People whose connection is in this room without a seat here (a visiting mentor, organisers). */
  visitors: Seat[];
  mentor: (Seat & { here: boolean }) | null;
  here: number;
  seated: number;
  help: OpenHelp | null;
  time: PendingTime | null;
  /** What asks for the organiser's eye first. */
  attention: TileAttention;
  recent: RoomActivity[];
  /** Room chat so far (from the server's activity), and when the last message came. */
  messages: number | null;
  lastMessageAt: string | null;
  /** Instructions pinned for this room only. */
  pins: PinnedNote[];
}

export interface TileInputs {
  round: BreakoutRound;
  online: readonly OnlinePerson[];
  /** Display names of the lab's people (mentors are not in the rooms' seat lists). */
  names: ReadonlyMap<string, string>;
  help: readonly OpenHelp[];
  time: readonly PendingTime[];
  activity: readonly RoomActivity[];
  /**
   * The server's view of each room of the open round; where present it decides who is in the
   * room (presence entries are the fallback).
   */
  serverActivity?: readonly ServerRoomActivity[];
  pins?: readonly PinnedNote[];
  /** How many recent activities a tile shows. */
  recentLimit?: number;
}

/**
 * One tile per room of the round: who is seated and who of them is actually in the room
 * (their live connection joined it), the mentor and whether they are there, visitors, the
 * open help request and "+2 minutes" request, and the latest activity.
 */
export function roomTiles(inputs: TileInputs): RoomTile[] {
  const { round, online, names, help, time, activity, recentLimit = 3 } = inputs;
  const roomsOf = new Map(online.map((p) => [p.userId, new Set(p.roomIds)]));
  const reported = new Map((inputs.serverActivity ?? []).map((a) => [a.room.id, a]));
  return [...round.rooms]
    .sort((a, b) => a.position - b.position)
    .map((room) => {
      const server = reported.get(room.id);
      const present = new Set(server?.present.map((p) => p.userId));
      const isIn = (userId: string) =>
        server ? present.has(userId) : (roomsOf.get(userId)?.has(room.id) ?? false);
      const members = (room.participants ?? []).filter((s) => s.userId !== room.mentorId);
      const seats = members.map((s) => ({ ...s, here: isIn(s.userId) }));
      const mentor = room.mentorId
        ? {
            userId: room.mentorId,
            displayName: names.get(room.mentorId) ?? 'Mentor',
            here: server ? server.mentorPresent : isIn(room.mentorId),
          }
        : null;
      const known = new Set([...members.map((m) => m.userId), room.mentorId]);
      const visitors = (
        server
          ? server.mentorsHere
          : online
              .filter((p) => p.roomIds.includes(room.id))
              .map((p) => ({ userId: p.userId, displayName: p.displayName }))
      )
        .filter((p) => !known.has(p.userId))
        .map((p) => ({ userId: p.userId, displayName: p.displayName }));
      const openHelp = help.find((h) => h.roomId === room.id && h.state !== 'resolved') ?? null;
      const pendingTime = time.find((t) => t.roomId === room.id) ?? null;
      const here = seats.filter((s) => s.here).length;
      const attention: TileAttention = openHelp
        ? 'help'
        : pendingTime
          ? 'time'
          : round.state === 'open' && here === 0
            ? 'empty'
            : 'calm';
      return {
        roomId: room.id,
        name: room.name,
        meetingUrl: room.videoUrl,
        ownMeetingUrl: room.meetingUrl,
        seats,
        visitors,
        mentor,
        here,
        seated: seats.length,
        help: openHelp,
        time: pendingTime,
        attention,
        recent: activity
          .filter((a) => a.roomId === room.id || a.roomId === null)
          .slice()
          .sort((a, b) => b.at.localeCompare(a.at))
          .slice(0, recentLimit),
        messages: server ? server.messageCount : null,
        lastMessageAt: server ? server.lastMessageAt : null,
        pins: (inputs.pins ?? []).filter((p) => p.roomId === room.id),
      };
    });
}

/** The round the control room shows: the open one, else the next planned, else the last. */
export function currentRound(rounds: readonly BreakoutRound[]): BreakoutRound | null {
  const sorted = [...rounds].sort((a, b) => a.index - b.index);
  return (
    sorted.find((r) => r.state === 'open') ??
    sorted.find((r) => r.state === 'planned') ??
    sorted[sorted.length - 1] ??
    null
  );
}
