import { describe, expect, it } from 'vitest';
import { createRotationRandom } from './rotation-random.js';

describe('createRotationRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number | string) => {
      const random = createRotationRandom({ seed });
      return Array.from({ length: 8 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('lab-7')).toEqual(draw('lab-7'));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws integers in range, roughly uniformly, and shuffles into a permutation', () => {
    const random = createRotationRandom({ seed: 1 });
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[random.int(4)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect([...random.shuffle([...items])].sort((a, b) => a - b)).toEqual(items);
  });
});
