import { describe, expect, it } from 'vitest';

import { createSeededRandom, hashSeed, seededUniform } from './seeded-random.js';

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: number | string) => {
      const random = createSeededRandom({ seed });
      return Array.from({ length: 5 }, () => random());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('lab-2020')).toEqual(draw('lab-2020'));
    expect(draw(42)).not.toEqual(draw(43));
    expect(hashSeed({ seed: 1 })).not.toBe(hashSeed({ seed: '1' }));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const random = createSeededRandom({ seed: 7 });
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      if (value < 0 || value >= 1) outside++;
      else buckets[Math.floor(value * 10)]++;
    }
    expect(outside).toBe(0);
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });

  it('draws per key independently of any order', () => {
    expect(seededUniform({ seed: 3, key: 'app-1' })).toBe(seededUniform({ seed: 3, key: 'app-1' }));
    expect(seededUniform({ seed: 3, key: 'app-1' })).not.toBe(
      seededUniform({ seed: 3, key: 'app-2' }),
    );
    expect(seededUniform({ seed: 3, key: 'app-1' })).not.toBe(
      seededUniform({ seed: 4, key: 'app-1' }),
    );
  });
});
