import { describe, expect, it } from 'vitest';
import { buildDesignStart } from './design-start.js';
import { createRotationRandom } from './rotation-random.js';

function repeatsOf(rounds: number[][][], n: number): number {
  const met = new Uint8Array(n * n);
  let repeats = 0;
  for (const rooms of rounds) {
    expect([...rooms.flat()].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (const room of rooms)
      for (let i = 0; i < room.length; i++)
        for (let j = i + 1; j < room.length; j++) if (met[room[i] * n + room[j]]++ > 0) repeats++;
  }
  return repeats;
}

describe('buildDesignStart', () => {
  it.each([
    { sizes: [5, 5, 5, 5, 4, 4], rounds: 6, method: 'cyclic' }, // 28 people, rooms of 5
    { sizes: [5, 5, 5, 4, 4, 4, 4], rounds: 7, method: 'transversal' }, // 31: 35 − 4 ghosts
    { sizes: [3, 3, 3, 3, 2], rounds: 7, method: 'kirkman' }, // 14: 15 − 1 ghost
    { sizes: [4, 4, 4, 4, 4, 4, 4, 3], rounds: 9, method: 'transversal' }, // 31: 32 − 1
  ])(
    'drops ghost points so rooms of g − 1 appear, never two in one room: $sizes',
    ({ sizes, rounds, method }) => {
      const start = buildDesignStart({
        roomSizes: sizes,
        rounds,
        random: createRotationRandom({ seed: 9 }),
      });
      expect(start?.method).toBe(method);
      expect(start?.rounds).toHaveLength(rounds);
      for (const rooms of start?.rounds ?? []) expect(rooms.map((r) => r.length)).toEqual(sizes);
      const n = sizes.reduce((a, b) => a + b, 0);
      expect(repeatsOf(start?.rounds ?? [], n)).toBe(0);
    },
  );

  it('returns the longest repeat-free design it has when asked for more rounds', () => {
    const start = buildDesignStart({
      roomSizes: [5, 5, 5, 5, 5, 5],
      rounds: 8,
      random: createRotationRandom({ seed: 1 }),
    });
    expect(start?.rounds.length).toBe(6);
    expect(repeatsOf(start?.rounds ?? [], 30)).toBe(0);
  });

  it('has nothing for rooms more than one apart in size', () => {
    expect(
      buildDesignStart({ roomSizes: [5, 3], rounds: 2, random: createRotationRandom({ seed: 1 }) }),
    ).toBeNull();
  });
});
