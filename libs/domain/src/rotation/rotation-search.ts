import { greedyStart } from './greedy-start.js';
import type { RotationRandom } from './rotation-random.js';

/**
 * The local-search engine behind `planRotation`, working on integer indices.
 *
 * State: for every round still to plan, a partition of the players into rooms of fixed
 * sizes. Cost (an integer, to minimise):
 *
 *     weights.repeat              × Σ_pairs max(0, meetings − 1)
 *   + weights.disciplineShortfall × Σ_rooms max(0, target − distinct disciplines in the room)
 *   + weights.loneStage           × Σ_rooms #(protected career stages with exactly one member)
 *
 * where meetings include the held rounds and earlier sessions (`fixedMeetings`). For a fixed
 * number of meetings, Σ max(0, meetings − 1) = meetings − distinct pairs, so minimising it
 * maximises the number of distinct pairs that meet.
 *
 * Phases:
 * 1. Start from `startRounds` (e.g. a design) or from the greedy plan of `greedy-start.ts`
 *    (Triska & Musliu's freedom heuristic: pairs who have met nobody in the room and share
 *    most acquaintances sit together first).
 * 2. Relabelling (only with `startRounds`): exchange two players in *every* round at once.
 *    This keeps the start's own pair structure (a design stays repeat-free) while fixing the
 *    discipline mix, lone career stages and clashes with held rounds or earlier sessions.
 *    Large cohorts look at a sample of the people in conflict, within a bounded amount of
 *    work.
 * 3. Tabu search over swaps of two players of different rooms within one round (sizes never
 *    change), after Dotú & Van Hentenryck's conflict-directed neighbourhood: only players in
 *    conflict are moved (they share a room with someone they met before, or their room lacks
 *    disciplines or leaves someone alone in a stage; with many conflicts a random sample of
 *    them), against everyone in another room of that round; the best non-tabu swap is
 *    taken, ties broken at random; a swapped pair stays tabu for a random tenure; a tabu
 *    swap is allowed when it beats the best cost (aspiration). After a long stall the
 *    search returns to the best state and kicks it with a few random swaps; after many kicks
 *    without a new best, a search that started greedily starts again from a fresh greedy
 *    plan.
 *
 * From a greedy start this search reaches no repeat on the small instances whose solutions
 * are known (affine planes of order 3 to 5, Kirkman's schoolgirls) and on loose ones (100 in
 * rooms of 5 over 10 rounds); on tight ones (18 in rooms of 3 over 8 rounds, 32 in rooms of
 * 4 over 8) it often stops one or two repeats short, so `planRotation` starts from a design
 * wherever one exists (see `design-start.ts`) and lets this search polish it.
 */
export interface RotationSearchInput {
  playerCount: number;
  /** Sizes of the rooms of every round to plan (the same in each round). */
  roomSizes: readonly number[];
  /** Number of rounds to plan. */
  roundCount: number;
  /** playerCount × playerCount meetings already counted (held rounds, earlier sessions). */
  fixedMeetings: Int32Array;
  /** Discipline index of each player, 0 … disciplineCount − 1. */
  discipline: Int32Array;
  disciplineCount: number;
  /** Wanted number of distinct disciplines per room, aligned with roomSizes. */
  disciplineTargets: readonly number[];
  /** Index of the player's protected career stage, or −1. */
  protectedStage: Int32Array;
  protectedStageCount: number;
  weights: RotationSearchWeights;
  random: RotationRandom;
  /** A starting plan: round → room → players, rooms aligned with roomSizes. */
  startRounds?: readonly (readonly (readonly number[])[])[];
  /** Relabel the start before the swap search (default true when a start is given). */
  relabel?: boolean;
  /** Maximum number of tabu moves. */
  iterations: number;
  /** Consulted every few hundred moves; stops the search early when true (time cap). */
  shouldStop?: () => boolean;
  /** The search stops as soon as the cost reaches this value. */
  lowerBound: number;
}

export interface RotationSearchWeights {
  repeat: number;
  disciplineShortfall: number;
  loneStage: number;
}

export interface RotationSearchResult {
  /** round → room → player indices. */
  rounds: number[][][];
  cost: number;
  iterationsUsed: number;
}

/** Tabu tenure range, moves without improvement before a kick, conflicts looked at per move. */
const TENURE_MIN = 4;
const TENURE_SPAN = 40;
const STALL_MOVES = 1500;
const CONFLICT_SAMPLE = 32;
/** Kicks of the best plan without a new best before a greedy-started search starts afresh. */
const KICKS_BEFORE_RESTART = 12;
/** Relabelling: moves at most, and moves without improvement before it stops. */
const RELABEL_MOVES = 4000;
const RELABEL_STALL = 1000;
/** Relabelling: people in conflict looked at per move at most, and steps in all (≈ n per pair). */
const RELABEL_SAMPLE = 24;
const RELABEL_WORK = 60_000_000;

export function searchRotation(input: RotationSearchInput): RotationSearchResult {
  const n = input.playerCount;
  const k = input.roomSizes.length;
  const F = input.roundCount;
  if (F === 0 || n === 0 || k === 0)
    return { rounds: Array.from({ length: F }, () => []), cost: 0, iterationsUsed: 0 };

  const sizes = Int32Array.from(input.roomSizes);
  const S = Math.max(...input.roomSizes);
  const D = Math.max(1, input.disciplineCount);
  const P = input.protectedStageCount;
  const targets = Int32Array.from(input.disciplineTargets);
  const disc = input.discipline;
  const stage = input.protectedStage;
  const fixed = input.fixedMeetings;
  const rnd = input.random;
  const { repeat: wR, disciplineShortfall: wD, loneStage: wS } = input.weights;

  const meet = Int32Array.from(fixed);
  const room = new Int32Array(F * n);
  const slot = new Int32Array(F * n);
  const members = new Int32Array(F * k * S);
  const discCnt = new Int32Array(F * k * D);
  const distinct = new Int32Array(F * k);
  const stageCnt = new Int32Array(F * k * Math.max(1, P));
  const fill = new Int32Array(F * k);

  const place = (f: number, r: number, p: number): void => {
    const rr = f * k + r;
    const base = rr * S;
    for (let i = 0; i < fill[rr]; i++) {
      const q = members[base + i];
      meet[p * n + q]++;
      meet[q * n + p]++;
    }
    members[base + fill[rr]] = p;
    room[f * n + p] = r;
    slot[f * n + p] = fill[rr];
    fill[rr]++;
    if (discCnt[rr * D + disc[p]]++ === 0) distinct[rr]++;
    if (stage[p] >= 0) stageCnt[rr * P + stage[p]]++;
  };

  // ---- phase 1: start -----------------------------------------------------------------
  const greedy = (): number[][][] =>
    greedyStart({
      playerCount: n,
      roomSizes: input.roomSizes,
      roundCount: F,
      fixedMeetings: fixed,
      discipline: disc,
      disciplineTargets: input.disciplineTargets,
      random: rnd,
    });
  const load = (rounds: readonly (readonly (readonly number[])[])[]): void => {
    meet.set(fixed);
    fill.fill(0);
    discCnt.fill(0);
    distinct.fill(0);
    stageCnt.fill(0);
    rounds.forEach((rooms, f) =>
      rooms.forEach((players, r) => players.forEach((p) => place(f, r, p))),
    );
  };
  load(input.startRounds ?? greedy());

  const mixPenalty = (rr: number): number => {
    const short = targets[rr % k] - distinct[rr];
    return short > 0 ? short : 0;
  };
  const lonePenalty = (rr: number): number => {
    let lone = 0;
    for (let s = 0; s < P; s++) if (stageCnt[rr * P + s] === 1) lone++;
    return lone;
  };
  const pen = (c: number): number => (c > 1 ? c - 1 : 0);

  const totalCost = (): number => {
    let total = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) total += wR * pen(meet[p * n + q]);
    for (let rr = 0; rr < F * k; rr++) total += wD * mixPenalty(rr) + wS * lonePenalty(rr);
    return total;
  };
  let cost = totalCost();

  // ---- moves ---------------------------------------------------------------------------
  /** Change of the room-level penalties (mix, lone stages) when a and b swap in round f. */
  const roomDelta = (f: number, a: number, b: number): number => {
    const rA = f * k + room[f * n + a];
    const rB = f * k + room[f * n + b];
    let d = 0;
    const da = disc[a];
    const db = disc[b];
    if (da !== db && wD !== 0) {
      const distA =
        distinct[rA] - (discCnt[rA * D + da] === 1 ? 1 : 0) + (discCnt[rA * D + db] === 0 ? 1 : 0);
      const distB =
        distinct[rB] - (discCnt[rB * D + db] === 1 ? 1 : 0) + (discCnt[rB * D + da] === 0 ? 1 : 0);
      const tA = targets[rA % k];
      const tB = targets[rB % k];
      d +=
        wD * (Math.max(0, tA - distA) + Math.max(0, tB - distB) - mixPenalty(rA) - mixPenalty(rB));
    }
    const sa = stage[a];
    const sb = stage[b];
    if (sa !== sb && wS !== 0) {
      let s = 0;
      if (sa >= 0) {
        const cA = stageCnt[rA * P + sa];
        const cB = stageCnt[rB * P + sa];
        s += (cA === 2 ? 1 : 0) - (cA === 1 ? 1 : 0) + (cB === 0 ? 1 : 0) - (cB === 1 ? 1 : 0);
      }
      if (sb >= 0) {
        const cB = stageCnt[rB * P + sb];
        const cA = stageCnt[rA * P + sb];
        s += (cB === 2 ? 1 : 0) - (cB === 1 ? 1 : 0) + (cA === 0 ? 1 : 0) - (cA === 1 ? 1 : 0);
      }
      d += wS * s;
    }
    return d;
  };

  /** Cost change when a and b (in different rooms of round f) swap. */
  const swapDelta = (f: number, a: number, b: number): number => {
    const A = room[f * n + a];
    const B = room[f * n + b];
    let d = 0;
    const baseA = (f * k + A) * S;
    const an = a * n;
    const bn = b * n;
    for (let i = 0, end = sizes[A]; i < end; i++) {
      const x = members[baseA + i];
      if (x === a) continue;
      if (meet[an + x] > 1) d--;
      if (meet[bn + x] > 0) d++;
    }
    const baseB = (f * k + B) * S;
    for (let i = 0, end = sizes[B]; i < end; i++) {
      const y = members[baseB + i];
      if (y === b) continue;
      if (meet[bn + y] > 1) d--;
      if (meet[an + y] > 0) d++;
    }
    return wR * d + roomDelta(f, a, b);
  };

  const applySwap = (f: number, a: number, b: number): void => {
    const A = room[f * n + a];
    const B = room[f * n + b];
    const rA = f * k + A;
    const rB = f * k + B;
    const baseA = rA * S;
    const baseB = rB * S;
    for (let i = 0; i < sizes[A]; i++) {
      const x = members[baseA + i];
      if (x === a) continue;
      meet[a * n + x]--;
      meet[x * n + a]--;
      meet[b * n + x]++;
      meet[x * n + b]++;
    }
    for (let i = 0; i < sizes[B]; i++) {
      const y = members[baseB + i];
      if (y === b) continue;
      meet[b * n + y]--;
      meet[y * n + b]--;
      meet[a * n + y]++;
      meet[y * n + a]++;
    }
    const sA = slot[f * n + a];
    const sB = slot[f * n + b];
    members[baseA + sA] = b;
    members[baseB + sB] = a;
    room[f * n + a] = B;
    room[f * n + b] = A;
    slot[f * n + a] = sB;
    slot[f * n + b] = sA;
    const da = disc[a];
    const db = disc[b];
    if (da !== db) {
      if (--discCnt[rA * D + da] === 0) distinct[rA]--;
      if (discCnt[rA * D + db]++ === 0) distinct[rA]++;
      if (--discCnt[rB * D + db] === 0) distinct[rB]--;
      if (discCnt[rB * D + da]++ === 0) distinct[rB]++;
    }
    const sa = stage[a];
    const sb = stage[b];
    if (sa !== sb) {
      if (sa >= 0) {
        stageCnt[rA * P + sa]--;
        stageCnt[rB * P + sa]++;
      }
      if (sb >= 0) {
        stageCnt[rB * P + sb]--;
        stageCnt[rA * P + sb]++;
      }
    }
  };

  /** Cost change when a and b exchange places in every round. */
  const relabelDelta = (a: number, b: number): number => {
    let d = 0;
    for (let x = 0; x < n; x++) {
      if (x === a || x === b) continue;
      const ax = a * n + x;
      const bx = b * n + x;
      const freeA = meet[ax] - fixed[ax];
      const freeB = meet[bx] - fixed[bx];
      d += pen(fixed[ax] + freeB) + pen(fixed[bx] + freeA) - pen(meet[ax]) - pen(meet[bx]);
    }
    d *= wR;
    for (let f = 0; f < F; f++) if (room[f * n + a] !== room[f * n + b]) d += roomDelta(f, a, b);
    return d;
  };

  /** Can relabelling a help: is a in a room short of disciplines, or alone in its stage, or
   * meeting again someone it met in a held round or an earlier session? */
  const relabelHelps = (a: number): boolean => {
    for (let f = 0; f < F; f++) {
      const rr = f * k + room[f * n + a];
      if (wD !== 0 && mixPenalty(rr) > 0) return true;
      if (wS !== 0 && P > 0 && lonePenalty(rr) > 0) return true;
    }
    for (let x = 0; x < n; x++) if (fixed[a * n + x] > 0 && meet[a * n + x] > 1) return true;
    return false;
  };

  const applyRelabel = (a: number, b: number): void => {
    for (let f = 0; f < F; f++) if (room[f * n + a] !== room[f * n + b]) applySwap(f, a, b);
  };

  let bestCost = cost;
  let bestRoom = room.slice();
  // The search stops once the cost is down to this; with a single room nothing can move.
  const stopAt = k < 2 ? Infinity : input.lowerBound;
  const restore = (): void => {
    // Rebuild the whole state from bestRoom.
    meet.set(fixed);
    fill.fill(0);
    discCnt.fill(0);
    distinct.fill(0);
    stageCnt.fill(0);
    for (let f = 0; f < F; f++) for (let p = 0; p < n; p++) place(f, bestRoom[f * n + p], p);
    cost = bestCost;
  };
  const keepIfBest = (): void => {
    if (cost < bestCost) {
      bestCost = cost;
      bestRoom = room.slice();
    }
  };

  // ---- phase 2: relabelling ------------------------------------------------------------
  if (input.startRounds && input.relabel !== false && cost > stopAt) {
    const tabu = new Int32Array(n * n);
    const conflicted = new Uint8Array(n);
    let lastBest = 0;
    // Each relabelling looked at costs about n steps; large cohorts get fewer moves.
    let work = 0;
    for (
      let it = 1;
      it <= RELABEL_MOVES &&
      bestCost > stopAt &&
      it - lastBest <= RELABEL_STALL &&
      work < RELABEL_WORK;
      it++
    ) {
      if ((it & 63) === 0 && input.shouldStop?.()) break;
      conflicted.fill(0);
      let conflictCount = 0;
      for (let a = 0; a < n; a++) {
        if (relabelHelps(a)) {
          conflicted[a] = 1;
          conflictCount++;
        }
      }
      const keep = conflictCount > RELABEL_SAMPLE ? RELABEL_SAMPLE / conflictCount : 1;
      let bestDelta = Infinity;
      let moveA = -1;
      let moveB = -1;
      let ties = 0;
      for (let a = 0; a < n; a++) {
        if (conflicted[a] === 0) continue;
        if (keep < 1 && rnd.next() >= keep) continue;
        work += n * n;
        for (let b = 0; b < n; b++) {
          if (b === a || (b < a && conflicted[b] === 1)) continue;
          const d = relabelDelta(a, b);
          if (d > bestDelta) continue;
          if (tabu[a * n + b] > it && cost + d >= bestCost) continue;
          if (d < bestDelta) {
            bestDelta = d;
            moveA = a;
            moveB = b;
            ties = 1;
          } else if (rnd.int(++ties) === 0) {
            moveA = a;
            moveB = b;
          }
        }
      }
      if (moveA < 0) break;
      applyRelabel(moveA, moveB);
      cost += bestDelta;
      tabu[moveA * n + moveB] = tabu[moveB * n + moveA] = it + 5 + rnd.int(n);
      if (cost < bestCost) {
        bestCost = cost;
        bestRoom = room.slice();
        lastBest = it;
      }
    }
    if (cost !== bestCost) restore();
  }

  // ---- phase 3: tabu search over swaps -------------------------------------------------
  // A swap of players a and b in round f is tabu until tabuUntil[(f * n + a) * n + b].
  const tabuUntil = new Int32Array(F * n * n);
  const conflicted = new Uint8Array(F * n);
  // loss[f * n + p]: roommates of p in round f whom p meets more than once (leaving them
  // removes that many repeats); known[r]: people in room r of the round whom a has met.
  const loss = new Int32Array(F * n);
  const known = new Int32Array(k);
  const roomTerms = wD !== 0 || (wS !== 0 && P > 0);
  let lastImprovement = 0;
  let kicksSinceBest = 0;
  let iter = 0;
  while (iter < input.iterations && bestCost > stopAt) {
    if ((iter & 127) === 0 && input.shouldStop?.()) break;
    iter++;
    loss.fill(0);
    let conflictCount = 0;
    for (let f = 0; f < F; f++) {
      for (let r = 0; r < k; r++) {
        const rr = f * k + r;
        const base = rr * S;
        const size = sizes[r];
        for (let i = 0; i < size; i++) {
          const x = members[base + i];
          for (let j = i + 1; j < size; j++) {
            const y = members[base + j];
            if (meet[x * n + y] > 1) {
              loss[f * n + x]++;
              loss[f * n + y]++;
            }
          }
        }
        const penalised =
          roomTerms &&
          ((wD !== 0 && mixPenalty(rr) > 0) || (wS !== 0 && P > 0 && lonePenalty(rr) > 0));
        for (let i = 0; i < size; i++) {
          const x = members[base + i];
          const c = penalised || loss[f * n + x] > 0 ? 1 : 0;
          conflicted[f * n + x] = c;
          conflictCount += c;
        }
      }
    }
    // With many conflicts, look at a random sample of them (each kept with probability keep).
    const keep = conflictCount > CONFLICT_SAMPLE ? CONFLICT_SAMPLE / conflictCount : 1;
    let bestDelta = Infinity;
    let moveF = -1;
    let moveA = -1;
    let moveB = -1;
    let ties = 0;
    for (let f = 0; f < F; f++) {
      const fn = f * n;
      for (let a = 0; a < n; a++) {
        if (conflicted[fn + a] === 0) continue;
        if (keep < 1 && rnd.next() >= keep) continue;
        const A = room[fn + a];
        const an = a * n;
        const tabuRow = (fn + a) * n;
        known.fill(0);
        for (let x = 0; x < n; x++) if (x !== a && meet[an + x] > 0) known[room[fn + x]]++;
        const baseA = (f * k + A) * S;
        const sizeA = sizes[A];
        // Swapping a and b: a leaves its repeats in A and meets again the people of B (but b)
        // it knows; b leaves its repeats in B and meets again the people of A (but a) it knows.
        const stay = -loss[fn + a];
        for (let b = 0; b < n; b++) {
          const B = room[fn + b];
          if (B === A || (b < a && conflicted[fn + b] === 1)) continue;
          const bn = b * n;
          let repeats = stay + known[B] - loss[fn + b] - (meet[an + b] > 0 ? 1 : 0);
          for (let i = 0; i < sizeA; i++) {
            const x = members[baseA + i];
            if (x !== a && meet[bn + x] > 0) repeats++;
          }
          const d = roomTerms ? wR * repeats + roomDelta(f, a, b) : wR * repeats;
          if (d > bestDelta) continue;
          if (tabuUntil[tabuRow + b] > iter && cost + d >= bestCost) continue;
          if (d < bestDelta) {
            bestDelta = d;
            moveF = f;
            moveA = a;
            moveB = b;
            ties = 1;
          } else if (rnd.int(++ties) === 0) {
            moveF = f;
            moveA = a;
            moveB = b;
          }
        }
      }
    }
    if (moveF < 0) {
      // Every useful swap is tabu: take a random one.
      moveF = rnd.int(F);
      moveA = rnd.int(n);
      do moveB = rnd.int(n);
      while (room[moveF * n + moveB] === room[moveF * n + moveA]);
      bestDelta = swapDelta(moveF, moveA, moveB);
    }
    applySwap(moveF, moveA, moveB);
    cost += bestDelta;
    const until = iter + TENURE_MIN + rnd.int(TENURE_SPAN);
    tabuUntil[(moveF * n + moveA) * n + moveB] = until;
    tabuUntil[(moveF * n + moveB) * n + moveA] = until;
    if (cost < bestCost) {
      bestCost = cost;
      bestRoom = room.slice();
      lastImprovement = iter;
      kicksSinceBest = 0;
    } else if (iter - lastImprovement > STALL_MOVES) {
      lastImprovement = iter;
      if (!input.startRounds && ++kicksSinceBest > KICKS_BEFORE_RESTART) {
        // The best plan's neighbourhood is worn out: start again from a fresh greedy plan.
        load(greedy());
        cost = totalCost();
        keepIfBest();
        kicksSinceBest = 0;
        continue;
      }
      restore();
      const kicks = 2 + rnd.int(3);
      for (let i = 0; i < kicks; i++) {
        const f = rnd.int(F);
        const a = rnd.int(n);
        let b = rnd.int(n);
        while (room[f * n + b] === room[f * n + a]) b = rnd.int(n);
        cost += swapDelta(f, a, b);
        applySwap(f, a, b);
      }
    }
  }

  const rounds: number[][][] = [];
  for (let f = 0; f < F; f++) {
    const rooms: number[][] = Array.from({ length: k }, () => []);
    for (let p = 0; p < n; p++) rooms[bestRoom[f * n + p]].push(p);
    rounds.push(rooms);
  }
  return { rounds, cost: bestCost, iterationsUsed: iter };
}
