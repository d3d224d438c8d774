import { maxWeightAssignment } from './mentor-rotation.js';
import type { HeldRound } from './rotation.types.js';

/**
 * Turns the rounds of an earlier plan into a start for a re-plan over the people present
 * now, so that a re-plan moves as few people as it must: absent people leave their rooms,
 * rooms are matched to the new sizes (largest to largest), people from rooms that are now
 * too full or no longer exist join the newcomers, and each of them takes a free seat in the
 * room where they know the fewest people. Returns round → room → player index, rooms in the
 * order of `roomSizes`; rounds missing from `previousRounds` are left out.
 */
export function fitPreviousRounds({
  previousRounds,
  playerIndex,
  roomSizes,
  meetings,
}: {
  previousRounds: readonly HeldRound[];
  /** Participant id → player index, for the people present. */
  playerIndex: ReadonlyMap<string, number>;
  roomSizes: readonly number[];
  /** n × n meetings so far, to seat the people who must move. */
  meetings: Int32Array;
}): number[][][] {
  const n = playerIndex.size;
  return previousRounds.map((round) => {
    const seen = new Set<number>();
    const rooms = round.rooms
      .map((room) =>
        room.participantIds
          .map((id) => playerIndex.get(id))
          .filter((p): p is number => p !== undefined && !seen.has(p) && (seen.add(p), true)),
      )
      .sort((a, b) => b.length - a.length);
    const fitted: number[][] = roomSizes.map((_, r) => rooms[r] ?? []);
    const pool: number[] = rooms.slice(roomSizes.length).flat();
    fitted.forEach((room, r) => {
      while (room.length > roomSizes[r]) pool.push(room.pop() as number);
    });
    for (let p = 0; p < n; p++) if (!seen.has(p)) pool.push(p);
    for (const p of pool) {
      let best = -1;
      let bestMet = Infinity;
      fitted.forEach((room, r) => {
        if (room.length >= roomSizes[r]) return;
        let met = 0;
        for (const q of room) met += meetings[p * n + q];
        if (met < bestMet) {
          bestMet = met;
          best = r;
        }
      });
      fitted[best].push(p);
    }
    return fitted;
  });
}

/**
 * Orders the rooms of a planned round like the previous plan's rooms they overlap most
 * (a maximum-overlap matching), so that "room 3" stays room 3 for as many people as
 * possible; rooms without a counterpart come last.
 */
export function alignRoomOrder<T extends { participantIds: readonly string[] }>({
  rooms,
  previousRooms,
}: {
  rooms: readonly T[];
  previousRooms: readonly { participantIds: readonly string[] }[];
}): T[] {
  if (previousRooms.length === 0) return [...rooms];
  const overlap = rooms.map((room) => {
    const ids = new Set(room.participantIds);
    return previousRooms.map((old) => old.participantIds.filter((id) => ids.has(id)).length);
  });
  // position[r]: the previous room index that new room r takes, or −1.
  const position = new Array<number>(rooms.length).fill(-1);
  if (rooms.length <= previousRooms.length) {
    maxWeightAssignment(overlap).forEach((old, r) => (position[r] = old));
  } else {
    const transposed = previousRooms.map((_, old) => rooms.map((_r, r) => overlap[r][old]));
    maxWeightAssignment(transposed).forEach((r, old) => (position[r] = old));
  }
  return rooms
    .map((room, r) => ({ room, key: position[r] < 0 ? previousRooms.length + r : position[r] }))
    .sort((a, b) => a.key - b.key)
    .map(({ room }) => room);
}
