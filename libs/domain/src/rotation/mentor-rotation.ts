import type { HeldRound, RotationMentor } from './rotation.types.js';
import type { RotationRandom } from './rotation-random.js';

/**
 * Puts at most one mentor in each room of each planned round so that every participant
 * meets as many different mentors as possible.
 *
 * Start: round by round, mentors are matched to rooms by a maximum-weight assignment
 * (Hungarian method). The weight of mentor m in room r is, in order of importance: the
 * participants of r that m has not met yet, then how little m has been used so far (so that
 * all mentors take turns), then how many of the room's disciplines m knows. With fewer
 * mentors than rooms, some rooms have none in a round; with more, some mentors rest.
 *
 * Then a tabu search exchanges the mentors of two rooms (or a room and a resting mentor)
 * within a round, maximising Σ over participants of a steeply concave score of the number
 * of distinct mentors they meet: the participants who meet the fewest come first.
 */
export function assignMentors({
  mentors,
  heldRounds = [],
  plannedRounds,
  disciplineOf,
  random,
  moves = 2000,
}: {
  mentors: readonly RotationMentor[];
  heldRounds?: readonly HeldRound[];
  /** round → room → participant ids. */
  plannedRounds: readonly (readonly (readonly string[])[])[];
  disciplineOf: (participantId: string) => string | undefined;
  random: RotationRandom;
  /** Tabu moves at most. */
  moves?: number;
}): (string | undefined)[][] {
  if (mentors.length === 0) return plannedRounds.map((rooms) => rooms.map(() => undefined));
  const met = new Map<string, Set<string>>(mentors.map((m) => [m.id, new Set<string>()]));
  const load = new Map<string, number>(mentors.map((m) => [m.id, 0]));
  for (const round of heldRounds) {
    for (const room of round.rooms) {
      if (room.mentorId === undefined) continue;
      const seen = met.get(room.mentorId);
      if (!seen) continue;
      for (const id of room.participantIds) seen.add(id);
      load.set(room.mentorId, (load.get(room.mentorId) ?? 0) + 1);
    }
  }
  const expertise = mentors.map((m) => new Set(m.expertise ?? []));
  const maxRoom = Math.max(1, ...plannedRounds.flatMap((rooms) => rooms.map((r) => r.length)));

  const start = plannedRounds.map((rooms) => {
    const maxLoad = Math.max(0, ...load.values());
    // weight[i][r] for mentor i in room r; every term is bounded so the order of importance holds.
    const weight = mentors.map((mentor, i) =>
      rooms.map((ids) => {
        const seen = met.get(mentor.id) as Set<string>;
        const fresh = ids.filter((id) => !seen.has(id)).length;
        const known = new Set(
          ids.map(disciplineOf).filter((d): d is string => d !== undefined && expertise[i].has(d)),
        ).size;
        const rest = maxLoad - (load.get(mentor.id) ?? 0);
        return fresh * (maxLoad + 2) * (maxRoom + 1) + rest * (maxRoom + 1) + known;
      }),
    );
    const byRoom: (string | undefined)[] = rooms.map(() => undefined);
    const pairs =
      mentors.length <= rooms.length
        ? maxWeightAssignment(weight).map((r, i) => [i, r] as const)
        : maxWeightAssignment(rooms.map((_, r) => mentors.map((_m, i) => weight[i][r]))).map(
            (i, r) => [i, r] as const,
          );
    for (const [i, r] of pairs) {
      const mentor = mentors[i];
      byRoom[r] = mentor.id;
      const seen = met.get(mentor.id) as Set<string>;
      for (const id of rooms[r]) seen.add(id);
      load.set(mentor.id, (load.get(mentor.id) ?? 0) + 1);
    }
    return byRoom;
  });
  return improveMentorRotation({ mentors, heldRounds, plannedRounds, start, random, moves });
}

/** Moves without a better rotation before the mentor search kicks its state. */
const MENTOR_STALL = 100;

function improveMentorRotation({
  mentors,
  heldRounds,
  plannedRounds,
  start,
  random: rnd,
  moves,
}: {
  mentors: readonly RotationMentor[];
  heldRounds: readonly HeldRound[];
  plannedRounds: readonly (readonly (readonly string[])[])[];
  start: (string | undefined)[][];
  random: RotationRandom;
  moves: number;
}): (string | undefined)[][] {
  const F = plannedRounds.length;
  if (F === 0) return start;
  const M = mentors.length;
  const ids = [...new Set(plannedRounds.flat(2))];
  const person = new Map(ids.map((id, i) => [id, i]));
  const N = ids.length;
  const mentorIndex = new Map(mentors.map((m, i) => [m.id, i]));
  // count[m * N + p]: rounds in which participant p sits with mentor m.
  const count = new Int32Array(M * N);
  for (const round of heldRounds) {
    for (const room of round.rooms) {
      const m = room.mentorId === undefined ? undefined : mentorIndex.get(room.mentorId);
      if (m === undefined) continue;
      for (const id of room.participantIds) {
        const p = person.get(id);
        if (p !== undefined) count[m * N + p]++;
      }
    }
  }
  // Slots of a round: its rooms, then resting places; each holds a mentor index or −1.
  const slotCount = Math.max(M, Math.max(...plannedRounds.map((rooms) => rooms.length)));
  const seats = plannedRounds.map((rooms) =>
    rooms.map((room) => room.map((id) => person.get(id) as number)),
  );
  const slots = start.map((byRoom) => {
    const row = new Int32Array(slotCount).fill(-1);
    const used = new Set<number>();
    byRoom.forEach((id, r) => {
      if (id === undefined) return;
      const m = mentorIndex.get(id) as number;
      row[r] = m;
      used.add(m);
    });
    let free = byRoom.length;
    for (let m = 0; m < M; m++) if (!used.has(m)) row[free++] = m;
    return row;
  });
  const distinct = new Int32Array(N);
  slots.forEach((row, f) =>
    seats[f].forEach((room, r) => {
      const m = row[r];
      if (m < 0) return;
      for (const p of room) if (count[m * N + p]++ === 0) distinct[p]++;
    }),
  );
  for (let p = 0; p < N; p++) {
    distinct[p] = 0;
    for (let m = 0; m < M; m++) if (count[m * N + p] > 0) distinct[p]++;
  }
  // Score of meeting d distinct mentors: the d-th is worth B^(M−d) with B above a room's
  // size, so one more mentor for someone who has met few outweighs one less for a whole
  // room of people who have met more (exponents capped to stay exact in doubles).
  const base =
    Math.max(...seats.map((rooms) => Math.max(0, ...rooms.map((room) => room.length)))) + 1;
  const cap = Math.floor(40 / Math.log2(Math.max(2, base)));
  const utilityOf = new Float64Array(M + 1);
  for (let d = 1; d <= M; d++) utilityOf[d] = utilityOf[d - 1] + base ** Math.min(cap, M - d);
  const utility = (d: number): number => utilityOf[d];
  const roomOf = (f: number, slot: number): readonly number[] =>
    slot < seats[f].length ? seats[f][slot] : [];

  /** Score change when the mentors of slots s1 and s2 of round f exchange places. */
  const delta = (f: number, s1: number, s2: number): number => {
    const a = slots[f][s1];
    const b = slots[f][s2];
    let d = 0;
    // In room s1, a leaves and b arrives; in room s2 the other way round.
    for (const [leaving, arriving, room] of [
      [a, b, roomOf(f, s1)],
      [b, a, roomOf(f, s2)],
    ] as const) {
      for (const p of room) {
        let change = 0;
        if (leaving >= 0 && count[leaving * N + p] === 1) change--;
        if (arriving >= 0 && count[arriving * N + p] === 0) change++;
        if (change !== 0) d += utility(distinct[p] + change) - utility(distinct[p]);
      }
    }
    return d;
  };
  const apply = (f: number, s1: number, s2: number): void => {
    const a = slots[f][s1];
    const b = slots[f][s2];
    const move = (m: number, from: number, to: number): void => {
      if (m < 0) return;
      for (const p of roomOf(f, from)) if (--count[m * N + p] === 0) distinct[p]--;
      for (const p of roomOf(f, to)) if (count[m * N + p]++ === 0) distinct[p]++;
    };
    move(a, s1, s2);
    move(b, s2, s1);
    slots[f][s1] = b;
    slots[f][s2] = a;
  };

  let score = 0;
  let best = 0;
  let bestSlots = slots.map((row) => row.slice());
  const tabu = new Int32Array(F * slotCount * slotCount);
  let lastImprovement = 0;
  for (let it = 1; it <= moves; it++) {
    let bestDelta = -Infinity;
    let mf = -1;
    let m1 = -1;
    let m2 = -1;
    let ties = 0;
    for (let f = 0; f < F; f++) {
      const rooms = seats[f].length;
      for (let s1 = 0; s1 < rooms; s1++) {
        for (let s2 = s1 + 1; s2 < slotCount; s2++) {
          if (slots[f][s1] === slots[f][s2]) continue;
          const d = delta(f, s1, s2);
          if (d < bestDelta) continue;
          if (tabu[(f * slotCount + s1) * slotCount + s2] > it && score + d <= best) continue;
          if (d > bestDelta) {
            bestDelta = d;
            mf = f;
            m1 = s1;
            m2 = s2;
            ties = 1;
          } else if (rnd.int(++ties) === 0) {
            mf = f;
            m1 = s1;
            m2 = s2;
          }
        }
      }
    }
    if (mf < 0) break;
    apply(mf, m1, m2);
    score += bestDelta;
    tabu[(mf * slotCount + m1) * slotCount + m2] = it + 3 + rnd.int(10);
    if (score > best) {
      best = score;
      bestSlots = slots.map((row) => row.slice());
      lastImprovement = it;
    } else if (it - lastImprovement > MENTOR_STALL) {
      // Stalled: kick the current state with a few random exchanges.
      for (let kick = 0; kick < 3; kick++) {
        const f = rnd.int(F);
        const s1 = rnd.int(seats[f].length);
        const s2 = rnd.int(slotCount);
        if (s1 === s2 || slots[f][s1] === slots[f][s2]) continue;
        score += delta(f, s1, s2);
        apply(f, s1, s2);
      }
      lastImprovement = it;
    }
  }
  return bestSlots.map((row, f) =>
    seats[f].map((_, r) => (row[r] < 0 ? undefined : mentors[row[r]].id)),
  );
}

/**
 * Maximum-weight assignment of every row to a distinct column (rows ≤ columns), by the
 * Hungarian method with potentials, O(rows² · columns). Returns the column of each row.
 */
export function maxWeightAssignment(weight: readonly (readonly number[])[]): number[] {
  const rows = weight.length;
  if (rows === 0) return [];
  const cols = weight[0].length;
  const cost = (i: number, j: number): number => -weight[i][j];
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const rowOfCol = new Int32Array(cols + 1); // 1-based row matched to column j, 0 = none
  const way = new Int32Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    rowOfCol[0] = i;
    let j0 = 0;
    const minv = new Float64Array(cols + 1).fill(Infinity);
    const used = new Uint8Array(cols + 1);
    do {
      used[j0] = 1;
      const i0 = rowOfCol[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[rowOfCol[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (rowOfCol[j0] !== 0);
    do {
      const j1 = way[j0];
      rowOfCol[j0] = rowOfCol[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOfRow = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (rowOfCol[j] > 0) colOfRow[rowOfCol[j] - 1] = j - 1;
  return colOfRow;
}
