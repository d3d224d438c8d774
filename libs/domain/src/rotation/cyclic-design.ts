import type { RotationRandom } from './rotation-random.js';

/**
 * A column-cyclic construction for the social-golfer family, used as the starting point of
 * the rotation search when every room has the same size g and the number of rooms k is g
 * or g + 1.
 *
 * Players are the points (x, c) of G × {0 … k−1}, where G is an additive group of order g
 * (Z_p^m when g = p^m is a prime power, Z_g otherwise) and c is a "column" of g players.
 * A round either
 * - seats every column as a room (used once, for k = g), or
 * - keeps at most one column as a room and covers the other g columns with the g translates
 *   { (o_c + t, c) } (t ∈ G) of a transversal with offsets o_c.
 * Two columns c, d then meet along the difference o_d − o_c: the g pairs
 * (x, c)–(x + o_d − o_c, d) meet in that round. So a plan has no repeat exactly when, for
 * every pair of columns, the differences of the rounds that cover both are distinct, and
 * each column is kept at most once. A branch-and-bound over the offsets (seeded value order,
 * node budget) finds the plan with the fewest repeats it can; for k = g with g a prime power
 * this is the affine plane, for 30 players in rooms of 5 six repeat-free rounds.
 */
export interface CyclicDesign {
  /** round → room → point index (c · g + x). */
  rounds: number[][][];
  /** Σ over pairs of max(0, meetings − 1) in the design. */
  repeats: number;
  /** The fewest repeats any plan of this shape can have (the search stops there). */
  repeatsLowerBound: number;
}

export interface BuildCyclicDesignInput {
  roomSize: number;
  roomCount: number;
  rounds: number;
  random: RotationRandom;
  /** Branch-and-bound nodes to visit at most. */
  nodeLimit?: number;
  /** Offset changes tried at most when the branch-and-bound leaves repeats (0: none). */
  polishMoves?: number;
}

/** Addition and subtraction tables of an additive group of order g. */
function additiveGroup(g: number): { add: Int32Array; sub: Int32Array } {
  let p = 0;
  for (let d = 2; d <= g; d++) {
    if (g % d === 0) {
      p = d;
      break;
    }
  }
  let power = g;
  while (p > 1 && power % p === 0) power /= p;
  const prime = power === 1 ? p : g; // g = p^m: digit-wise arithmetic mod p; otherwise Z_g
  const digits = (v: number): number[] => {
    const out: number[] = [];
    for (let m = 1; m < g; m *= prime) {
      out.push(v % prime);
      v = Math.floor(v / prime);
    }
    return out;
  };
  const combine = (a: number, b: number, sign: number): number => {
    const da = digits(a);
    const db = digits(b);
    let v = 0;
    for (let i = da.length - 1; i >= 0; i--)
      v = v * prime + ((((da[i] + sign * db[i]) % prime) + prime) % prime);
    return v;
  };
  const add = new Int32Array(g * g);
  const sub = new Int32Array(g * g);
  for (let a = 0; a < g; a++) {
    for (let b = 0; b < g; b++) {
      add[a * g + b] = g === 1 ? 0 : combine(a, b, 1);
      sub[a * g + b] = g === 1 ? 0 : combine(a, b, -1);
    }
  }
  return { add, sub };
}

export function buildCyclicDesign(input: BuildCyclicDesignInput): CyclicDesign | null {
  const g = input.roomSize;
  const k = input.roomCount;
  const R = input.rounds;
  if (g < 2 || R < 1 || (k !== g && k !== g + 1)) return null;
  const rnd = input.random;
  const nodeLimit = input.nodeLimit ?? 200_000;
  const { add, sub } = additiveGroup(g);
  const pairsInRoom = (g * (g - 1)) / 2;

  // The shape of each round: seat all columns (k = g, first round only), or keep one column.
  const columnRound = (r: number): boolean => k === g && r === 0;
  const keptColumn = (r: number): number => (k === g + 1 ? r % k : -1);
  const blockColumns: number[][] = [];
  for (let r = 0; r < R; r++) {
    blockColumns.push(
      columnRound(r)
        ? []
        : Array.from({ length: k }, (_, c) => c).filter((c) => c !== keptColumn(r)),
    );
  }

  // Repeats forced by the shape alone: columns seated more than once, and column pairs that
  // share more rounds than G has differences.
  const seated = new Int32Array(k);
  const together = new Int32Array(k * k);
  for (let r = 0; r < R; r++) {
    if (columnRound(r)) for (let c = 0; c < k; c++) seated[c]++;
    else if (keptColumn(r) >= 0) seated[keptColumn(r)]++;
    const cols = blockColumns[r];
    for (let i = 0; i < cols.length; i++)
      for (let j = i + 1; j < cols.length; j++) together[cols[i] * k + cols[j]]++;
  }
  let fixedRepeats = 0;
  for (let c = 0; c < k; c++) fixedRepeats += pairsInRoom * Math.max(0, seated[c] - 1);
  let lowerBound = fixedRepeats;
  for (let c = 0; c < k; c++)
    for (let d = c + 1; d < k; d++) lowerBound += g * Math.max(0, together[c * k + d] - g);

  // Decision variables: the offset of each block column but the first of its round.
  const variables: { round: number; index: number }[] = [];
  for (let r = 0; r < R; r++)
    for (let i = 1; i < blockColumns[r].length; i++) variables.push({ round: r, index: i });
  const offsets = blockColumns.map((cols) => new Int32Array(cols.length));
  const differenceCount = new Int32Array(k * k * g);
  let bestOffsets: Int32Array[] | null = null;
  let bestRepeats = Infinity;
  let nodes = 0;

  const increment = (round: number, index: number, value: number): number => {
    const cols = blockColumns[round];
    const d = cols[index];
    let extra = 0;
    for (let i = 0; i < index; i++) {
      const c = cols[i];
      if (differenceCount[(c * k + d) * g + sub[value * g + offsets[round][i]]] > 0) extra += g;
    }
    return extra;
  };
  const setValue = (round: number, index: number, value: number, delta: number): void => {
    const cols = blockColumns[round];
    offsets[round][index] = value;
    for (let i = 0; i < index; i++) {
      differenceCount[(cols[i] * k + cols[index]) * g + sub[value * g + offsets[round][i]]] +=
        delta;
    }
  };

  const search = (v: number, repeats: number): void => {
    if (++nodes > nodeLimit || bestRepeats <= lowerBound) return;
    if (v === variables.length) {
      if (repeats < bestRepeats) {
        bestRepeats = repeats;
        bestOffsets = offsets.map((o) => o.slice());
      }
      return;
    }
    const { round, index } = variables[v];
    const values = rnd.shuffle(Array.from({ length: g }, (_, i) => i));
    const scored = values.map((value) => ({ value, extra: increment(round, index, value) }));
    scored.sort((x, y) => x.extra - y.extra);
    for (const { value, extra } of scored) {
      if (repeats + extra >= bestRepeats) break;
      setValue(round, index, value, 1);
      search(v + 1, repeats + extra);
      setValue(round, index, value, -1);
      if (nodes > nodeLimit || bestRepeats <= lowerBound) return;
    }
  };
  search(0, fixedRepeats);
  let chosen: Int32Array[] | null = bestOffsets;
  if (chosen === null) return null;

  if (bestRepeats > lowerBound && (input.polishMoves ?? 20_000) > 0) {
    // The tree was too large: improve the offsets by a tabu search on single offsets.
    const improved = improveOffsets({
      chosen,
      blockColumns,
      k,
      g,
      sub,
      random: rnd,
      lowerBound: lowerBound - fixedRepeats,
      moves: input.polishMoves,
    });
    if (improved.repeats + fixedRepeats < bestRepeats) {
      bestRepeats = improved.repeats + fixedRepeats;
      chosen = improved.offsets;
    }
  }
  const final: Int32Array[] = chosen;

  const rounds: number[][][] = [];
  for (let r = 0; r < R; r++) {
    const rooms: number[][] = [];
    const column = (c: number): number[] => Array.from({ length: g }, (_, x) => c * g + x);
    if (columnRound(r)) {
      for (let c = 0; c < k; c++) rooms.push(column(c));
    } else {
      if (keptColumn(r) >= 0) rooms.push(column(keptColumn(r)));
      const cols = blockColumns[r];
      for (let t = 0; t < g; t++) rooms.push(cols.map((c, i) => c * g + add[final[r][i] * g + t]));
    }
    rounds.push(rooms);
  }
  return { rounds, repeats: bestRepeats, repeatsLowerBound: lowerBound };
}

/**
 * Tabu search over the offsets of a column-cyclic plan: change one offset at a time, keep
 * the change that lowers the repeats of column pairs most, a changed offset stays tabu for
 * a random tenure unless it beats the best.
 */
function improveOffsets(input: {
  chosen: Int32Array[];
  blockColumns: number[][];
  k: number;
  g: number;
  sub: Int32Array;
  random: RotationRandom;
  lowerBound: number;
  moves?: number;
}): { offsets: Int32Array[]; repeats: number } {
  const { blockColumns, k, g, sub, random: rnd } = input;
  const offsets = input.chosen.map((o) => o.slice());
  const count = new Int32Array(k * k * g);
  /** Counter index of the difference seen by columns cols[i], cols[j] (from the lower one). */
  const difference = (r: number, i: number, j: number, oi: number, oj: number): number => {
    const c = blockColumns[r][i];
    const d = blockColumns[r][j];
    return c < d ? (c * k + d) * g + sub[oj * g + oi] : (d * k + c) * g + sub[oi * g + oj];
  };
  let repeats = 0;
  blockColumns.forEach((cols, r) => {
    for (let i = 0; i < cols.length; i++) {
      for (let j = i + 1; j < cols.length; j++) {
        if (count[difference(r, i, j, offsets[r][i], offsets[r][j])]++ > 0) repeats += g;
      }
    }
  });
  let best = repeats;
  let bestOffsets = offsets.map((o) => o.slice());
  const tabu = blockColumns.map((cols) => new Int32Array(cols.length * g));
  const moves = input.moves ?? 20_000;
  for (let it = 1; it <= moves && best > input.lowerBound; it++) {
    let bestDelta = Infinity;
    let mr = -1;
    let mi = -1;
    let mv = -1;
    let ties = 0;
    for (let r = 0; r < blockColumns.length; r++) {
      const cols = blockColumns[r];
      for (let i = 0; i < cols.length; i++) {
        const old = offsets[r][i];
        for (let v = 0; v < g; v++) {
          if (v === old) continue;
          let d = 0;
          for (let j = 0; j < cols.length; j++) {
            if (j === i) continue;
            if (count[difference(r, i, j, old, offsets[r][j])] > 1) d -= g;
            if (count[difference(r, i, j, v, offsets[r][j])] > 0) d += g;
          }
          if (d > bestDelta) continue;
          if (tabu[r][i * g + v] > it && repeats + d >= best) continue;
          if (d < bestDelta) {
            bestDelta = d;
            mr = r;
            mi = i;
            mv = v;
            ties = 1;
          } else if (rnd.int(++ties) === 0) {
            mr = r;
            mi = i;
            mv = v;
          }
        }
      }
    }
    if (mr < 0) break;
    const cols = blockColumns[mr];
    const old = offsets[mr][mi];
    for (let j = 0; j < cols.length; j++) {
      if (j === mi) continue;
      count[difference(mr, mi, j, old, offsets[mr][j])]--;
      count[difference(mr, mi, j, mv, offsets[mr][j])]++;
    }
    offsets[mr][mi] = mv;
    repeats += bestDelta;
    tabu[mr][mi * g + old] = it + 2 + rnd.int(8);
    if (repeats < best) {
      best = repeats;
      bestOffsets = offsets.map((o) => o.slice());
    }
  }
  return { offsets: bestOffsets, repeats: best };
}
