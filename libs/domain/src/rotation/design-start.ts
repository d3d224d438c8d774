import { buildCyclicDesign } from './cyclic-design.js';
import { buildDesign, findDesign, type DesignMethod } from './resolvable-designs.js';
import type { RotationRandom } from './rotation-random.js';

/** Where a repeat-free start came from: a design of the catalogue or a column-cyclic one. */
export type DesignStartMethod = DesignMethod | 'cyclic';

export interface DesignStart {
  /** round → room → player index (0 … n − 1), rooms in the order of `roomSizes`. */
  rounds: number[][][];
  method: DesignStartMethod;
}

/** Branch-and-bound budget of the column-cyclic design when only a repeat-free one will do. */
const CYCLIC_NODE_LIMIT = 20_000;
/** Nodes the search for ghost points visits at most. */
const GHOST_NODE_LIMIT = 20_000;

/**
 * The longest repeat-free plan of at most `rounds` rounds that a construction gives for
 * these room sizes, or null. Rooms may be one short of the largest (g and g − 1): the
 * design is built for rooms of g and the missing people are "ghost" points that never
 * share a room, dropped afterwards, so no room loses more than one.
 *
 * Tries the catalogue of `resolvable-designs.ts` (affine geometries, transversal designs,
 * Kirkman triple systems, round robins, products) and, for k = g or g + 1 rooms, the
 * column-cyclic design of `cyclic-design.ts`; the longer wins, the catalogue on a tie.
 */
export function buildDesignStart({
  roomSizes,
  rounds,
  random,
}: {
  roomSizes: readonly number[];
  rounds: number;
  random: RotationRandom;
}): DesignStart | null {
  const k = roomSizes.length;
  if (k === 0 || rounds < 1) return null;
  const g = Math.max(...roomSizes);
  const n = roomSizes.reduce((sum, s) => sum + s, 0);
  const points = g * k;
  const ghosts = points - n;
  if (roomSizes.some((s) => s < g - 1) || ghosts >= k) return null;

  let best: DesignStart | null = null;
  const recipe = findDesign({ pointCount: points, roomSize: g });
  if (recipe) {
    for (let R = Math.min(rounds, recipe.rounds); R >= 1 && best === null; R--) {
      // One round more than needed, when there is one, offers ghosts: people of one of its
      // rooms never meet in the other rounds.
      const extra = recipe.rounds > R && ghosts > 0 && ghosts <= g;
      const built = buildDesign({ recipe, rounds: extra ? R + 1 : R });
      const ghost = extra
        ? built[R][0].slice(0, ghosts)
        : pickGhosts(built.slice(0, R), points, ghosts);
      if (ghost === null) continue;
      best = { rounds: dropGhosts(built.slice(0, R), points, ghost), method: recipe.method };
    }
  }

  if (k === g || k === g + 1) {
    const reach = Math.min(rounds, Math.floor((points - 1) / Math.max(1, g - 1)));
    for (let R = reach; R > (best?.rounds.length ?? 0); R--) {
      const design = buildCyclicDesign({
        roomSize: g,
        roomCount: k,
        rounds: R,
        random,
        nodeLimit: CYCLIC_NODE_LIMIT,
        polishMoves: 0,
      });
      if (!design || design.repeats > 0) continue;
      const ghost = pickGhosts(design.rounds, points, ghosts);
      if (ghost === null) continue;
      best = { rounds: dropGhosts(design.rounds, points, ghost), method: 'cyclic' };
      break;
    }
  }
  return best;
}

/** `count` points no two of which share a room in the given rounds (a small search). */
function pickGhosts(rounds: readonly number[][][], points: number, count: number): number[] | null {
  if (count === 0) return [];
  const shareRoom = new Uint8Array(points * points);
  for (const round of rounds) {
    for (const room of round)
      for (const a of room) for (const b of room) shareRoom[a * points + b] = 1;
  }
  const chosen: number[] = [];
  let nodes = 0;
  const pick = (from: number): boolean => {
    if (chosen.length === count) return true;
    if (++nodes > GHOST_NODE_LIMIT) return false;
    for (let p = from; p < points; p++) {
      if (chosen.some((q) => shareRoom[p * points + q] === 1)) continue;
      chosen.push(p);
      if (pick(p + 1)) return true;
      chosen.pop();
      if (nodes > GHOST_NODE_LIMIT) return false;
    }
    return false;
  };
  return pick(0) ? chosen : null;
}

/** The rounds without the ghost points, renumbered 0 … n − 1, larger rooms first. */
function dropGhosts(
  rounds: readonly number[][][],
  points: number,
  ghosts: readonly number[],
): number[][][] {
  const ghost = new Set(ghosts);
  const renumber = new Int32Array(points).fill(-1);
  let next = 0;
  for (let p = 0; p < points; p++) if (!ghost.has(p)) renumber[p] = next++;
  return rounds.map((round) =>
    round
      .map((room) => room.filter((p) => !ghost.has(p)).map((p) => renumber[p]))
      .sort((a, b) => b.length - a.length),
  );
}
