import { describe, expect, it } from 'vitest';
import { buildCyclicDesign } from './cyclic-design.js';
import { createRotationRandom } from './rotation-random.js';

function check(rounds: number[][][], n: number): { repeats: number; pairs: number } {
  const meetings = new Map<number, number>();
  for (const rooms of rounds) {
    expect(rooms.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (const room of rooms) {
      for (let i = 0; i < room.length; i++) {
        for (let j = i + 1; j < room.length; j++) {
          const key = Math.min(room[i], room[j]) * n + Math.max(room[i], room[j]);
          meetings.set(key, (meetings.get(key) ?? 0) + 1);
        }
      }
    }
  }
  let repeats = 0;
  for (const m of meetings.values()) repeats += m - 1;
  return { repeats, pairs: meetings.size };
}

describe('buildCyclicDesign', () => {
  it.each([
    { g: 3, k: 3, rounds: 4, pairs: 36 }, // the affine plane of order 3: every pair once
    { g: 4, k: 4, rounds: 5, pairs: 120 }, // order 4, over Z2 × Z2
    { g: 5, k: 5, rounds: 6, pairs: 300 },
    { g: 5, k: 6, rounds: 6, pairs: 360 }, // 30 participants, rooms of 5, six rounds
    { g: 6, k: 7, rounds: 5, pairs: 525 },
  ])('seats $g × $k points for $rounds rounds with no pair twice', ({ g, k, rounds, pairs }) => {
    const design = buildCyclicDesign({
      roomSize: g,
      roomCount: k,
      rounds,
      random: createRotationRandom({ seed: 3 }),
    });
    expect(design).not.toBeNull();
    expect(design?.repeats).toBe(0);
    expect(check(design?.rounds ?? [], g * k)).toEqual({ repeats: 0, pairs });
  });

  it('reports its repeats honestly beyond the repeat-free horizon', () => {
    const design = buildCyclicDesign({
      roomSize: 5,
      roomCount: 6,
      rounds: 8,
      random: createRotationRandom({ seed: 1 }),
      nodeLimit: 2000,
      polishMoves: 2000,
    });
    expect(design).not.toBeNull();
    const { repeats } = check(design?.rounds ?? [], 30);
    expect(design?.repeats).toBe(repeats);
    expect(repeats).toBeGreaterThanOrEqual(design?.repeatsLowerBound ?? Infinity);
  });

  it('does not apply to other shapes', () => {
    expect(
      buildCyclicDesign({
        roomSize: 5,
        roomCount: 8,
        rounds: 3,
        random: createRotationRandom({ seed: 1 }),
      }),
    ).toBeNull();
  });
});
