import { describe, expect, it } from 'vitest';
import { galoisField, primePowerOf } from './galois-field.js';
import { buildDesign, findDesign } from './resolvable-designs.js';

/** Checks every round is a partition into rooms of g; returns the pairs met and repeats. */
function inspect(rounds: number[][][], n: number, g: number): { pairs: number; repeats: number } {
  const met = new Uint8Array(n * n);
  let pairs = 0;
  let repeats = 0;
  for (const rooms of rounds) {
    expect(rooms.every((room) => room.length === g)).toBe(true);
    expect([...rooms.flat()].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (const room of rooms) {
      for (let i = 0; i < room.length; i++) {
        for (let j = i + 1; j < room.length; j++) {
          if (met[room[i] * n + room[j]]++ > 0) repeats++;
          else pairs++;
        }
      }
    }
  }
  return { pairs, repeats };
}

describe('galoisField', () => {
  it.each([2, 3, 4, 5, 7, 8, 9, 16, 25, 27, 32, 49, 64, 81, 121, 125, 128, 243, 256])(
    'GF(%i) is a field: inverses, distributivity, a primitive element',
    (q) => {
      const F = galoisField(q);
      expect(F).not.toBeNull();
      if (!F) return;
      expect(new Set(F.power).size).toBe(q - 1);
      for (let a = 1; a < q; a++) expect(F.mul[a * q + F.inv[a]]).toBe(1);
      for (let a = 0; a < q; a += Math.max(1, Math.floor(q / 13))) {
        for (let b = 0; b < q; b += Math.max(1, Math.floor(q / 11))) {
          expect(F.sub[F.add[a * q + b] * q + b]).toBe(a);
          for (let c = 0; c < q; c += Math.max(1, Math.floor(q / 7))) {
            expect(F.mul[a * q + F.add[b * q + c]]).toBe(
              F.add[F.mul[a * q + b] * q + F.mul[a * q + c]],
            );
          }
        }
      }
    },
  );

  it('exists only for prime powers', () => {
    expect(galoisField(6)).toBeNull();
    expect(galoisField(12)).toBeNull();
    expect(primePowerOf(1)).toBeNull();
    expect(primePowerOf(49)).toEqual({ prime: 7, exponent: 2 });
  });
});

describe('findDesign and buildDesign', () => {
  it('never repeats a pair on any instance they claim (every n ≤ 200 in rooms of 2 to 10)', () => {
    let claimed = 0;
    for (let g = 2; g <= 10; g++) {
      for (let n = g * 2; n <= 200; n += g) {
        const recipe = findDesign({ pointCount: n, roomSize: g });
        if (!recipe) continue;
        claimed++;
        const rounds = buildDesign({ recipe, rounds: recipe.rounds });
        expect(rounds).toHaveLength(recipe.rounds);
        const { pairs, repeats } = inspect(rounds, n, g);
        expect(repeats).toBe(0);
        expect(pairs).toBe(recipe.rounds * (n / g) * ((g * (g - 1)) / 2));
      }
    }
    expect(claimed).toBeGreaterThan(150);
  });

  it.each([
    { n: 15, g: 3, rounds: 7, method: 'kirkman' }, // Kirkman's schoolgirls
    { n: 21, g: 3, rounds: 10, method: 'kirkman' }, // 3q, q = 7
    { n: 39, g: 3, rounds: 19, method: 'kirkman' },
    { n: 27, g: 3, rounds: 13, method: 'affine-geometry' },
    { n: 16, g: 4, rounds: 5, method: 'affine-geometry' },
    { n: 25, g: 5, rounds: 6, method: 'affine-geometry' },
    { n: 64, g: 8, rounds: 9, method: 'affine-geometry' },
    { n: 81, g: 9, rounds: 10, method: 'affine-geometry' },
    { n: 32, g: 4, rounds: 9, method: 'transversal' }, // the original social golfers
    { n: 48, g: 6, rounds: 8, method: 'transversal' },
    { n: 28, g: 4, rounds: 7, method: 'transversal' },
    { n: 12, g: 2, rounds: 11, method: 'round-robin' },
  ])('builds $rounds rounds for $n in rooms of $g ($method)', ({ n, g, rounds, method }) => {
    const recipe = findDesign({ pointCount: n, roomSize: g });
    expect(recipe?.method).toBe(method);
    expect(recipe?.rounds).toBe(rounds);
    if (!recipe) return;
    const built = buildDesign({ recipe, rounds: 3 });
    expect(built).toHaveLength(3);
    // Every pair meets once in a complete design (n − 1 = rounds · (g − 1)).
    const all = inspect(buildDesign({ recipe, rounds: recipe.rounds }), n, g);
    if ((n - 1) % (g - 1) === 0 && (n - 1) / (g - 1) === rounds)
      expect(all.pairs).toBe((n * (n - 1)) / 2);
  });

  it('does not claim what it cannot build', () => {
    expect(findDesign({ pointCount: 30, roomSize: 4 })).toBeNull(); // 4 does not divide 30
    expect(findDesign({ pointCount: 30, roomSize: 5 })?.rounds).toBe(1); // only one round
  });
});
