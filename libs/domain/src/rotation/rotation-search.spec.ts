import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRoomSizes } from './room-sizes.js';
import { searchRotation, type RotationSearchInput } from './rotation-search.js';
import { createRotationRandom } from './rotation-random.js';

/** The cost of a plan, recomputed from scratch the slow way. */
function costOf(input: RotationSearchInput, rounds: number[][][]): number {
  const n = input.playerCount;
  const meet = Int32Array.from(input.fixedMeetings);
  let cost = 0;
  rounds.forEach((rooms) =>
    rooms.forEach((room, r) => {
      for (const a of room) for (const b of room) if (a !== b) meet[a * n + b]++;
      const distinct = new Set(room.map((p) => input.discipline[p])).size;
      cost +=
        input.weights.disciplineShortfall * Math.max(0, input.disciplineTargets[r] - distinct);
      for (let s = 0; s < input.protectedStageCount; s++) {
        if (room.filter((p) => input.protectedStage[p] === s).length === 1)
          cost += input.weights.loneStage;
      }
    }),
  );
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) cost += input.weights.repeat * Math.max(0, meet[a * n + b] - 1);
  return cost;
}

const instance = fc.record({
  n: fc.integer({ min: 2, max: 24 }),
  g: fc.integer({ min: 2, max: 6 }),
  rounds: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer(),
  disciplines: fc.integer({ min: 1, max: 5 }),
  target: fc.integer({ min: 0, max: 4 }),
  earlierPairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }),
  withStart: fc.boolean(),
});

describe('searchRotation', () => {
  it('keeps its incremental cost exact and every room at its size', () => {
    fc.assert(
      fc.property(
        instance,
        ({ n, g, rounds, seed, disciplines, target, earlierPairs, withStart }) => {
          const random = createRotationRandom({ seed });
          const roomSizes = planRoomSizes({ participantCount: n, roomSize: g });
          const fixed = new Int32Array(n * n);
          for (const [x, y] of earlierPairs) {
            const a = x % n;
            const b = y % n;
            if (a === b) continue;
            fixed[a * n + b]++;
            fixed[b * n + a]++;
          }
          // A start that is simply everyone in order, to exercise the relabelling phase.
          const inOrder: number[][] = [];
          let next = 0;
          for (const size of roomSizes) inOrder.push(Array.from({ length: size }, () => next++));
          const input: RotationSearchInput = {
            playerCount: n,
            roomSizes,
            roundCount: rounds,
            fixedMeetings: fixed,
            discipline: Int32Array.from({ length: n }, () => random.int(disciplines)),
            disciplineCount: disciplines,
            disciplineTargets: roomSizes.map((s) => Math.min(target, s)),
            protectedStage: Int32Array.from({ length: n }, () => random.int(3) - 1),
            protectedStageCount: 2,
            weights: { repeat: 3, disciplineShortfall: 2, loneStage: 1 },
            random,
            startRounds: withStart ? Array.from({ length: rounds }, () => inOrder) : undefined,
            iterations: 150,
            lowerBound: 0,
          };
          const result = searchRotation(input);
          expect(result.rounds).toHaveLength(rounds);
          for (const rooms of result.rounds) {
            expect(rooms.map((room) => room.length)).toEqual(roomSizes);
            expect(rooms.flat().sort((a, b) => a - b)).toEqual(
              Array.from({ length: n }, (_, i) => i),
            );
          }
          expect(result.cost).toBe(costOf(input, result.rounds));
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([
    { k: 3, g: 3, rounds: 4 }, // the affine plane of order 3: every pair once
    { k: 4, g: 4, rounds: 5 }, // of order 4
    { k: 5, g: 5, rounds: 6 }, // of order 5
    { k: 5, g: 3, rounds: 7 }, // Kirkman's schoolgirls
    { k: 6, g: 3, rounds: 7 },
    { k: 7, g: 3, rounds: 9 },
    { k: 8, g: 3, rounds: 10 },
  ])(
    'finds a plan with no repeat from a greedy start where one is known: $k rooms of $g, $rounds rounds',
    ({ k, g, rounds }) => {
      const n = k * g;
      const result = searchRotation({
        playerCount: n,
        roomSizes: Array.from({ length: k }, () => g),
        roundCount: rounds,
        fixedMeetings: new Int32Array(n * n),
        discipline: new Int32Array(n),
        disciplineCount: 1,
        disciplineTargets: Array.from({ length: k }, () => 0),
        protectedStage: new Int32Array(n).fill(-1),
        protectedStageCount: 0,
        weights: { repeat: 1, disciplineShortfall: 0, loneStage: 0 },
        random: createRotationRandom({ seed: 7919 }),
        iterations: 20_000,
        lowerBound: 0,
      });
      expect(result.cost).toBe(0);
      const met = new Set<number>();
      for (const rooms of result.rounds)
        for (const room of rooms)
          for (const a of room) for (const b of room) if (a < b) met.add(a * n + b);
      expect(met.size).toBe((rounds * n * (g - 1)) / 2);
    },
  );
});
