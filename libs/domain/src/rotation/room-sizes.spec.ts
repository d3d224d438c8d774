import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRoomSizes } from './room-sizes.js';

describe('planRoomSizes', () => {
  it.each([
    { n: 30, g: 5, sizes: [5, 5, 5, 5, 5, 5] },
    { n: 29, g: 5, sizes: [5, 5, 5, 5, 5, 4] },
    { n: 31, g: 5, sizes: [5, 5, 5, 4, 4, 4, 4] },
    { n: 11, g: 5, sizes: [6, 5] },
    { n: 14, g: 5, sizes: [5, 5, 4] },
    { n: 12, g: 5, sizes: [4, 4, 4] },
    { n: 3, g: 5, sizes: [3] },
    { n: 0, g: 5, sizes: [] },
  ])('$n participants in rooms of $g → $sizes', ({ n, g, sizes }) => {
    expect(planRoomSizes({ participantCount: n, roomSize: g })).toEqual(sizes);
  });

  it('honours an explicit room count', () => {
    expect(planRoomSizes({ participantCount: 30, roomSize: 5, roomCount: 4 })).toEqual([
      8, 8, 7, 7,
    ]);
    expect(planRoomSizes({ participantCount: 3, roomSize: 5, roomCount: 10 })).toEqual([1, 1, 1]);
  });

  it('seats everyone in rooms whose sizes differ by at most one, each within one of g where possible', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 2, max: 12 }), (n, g) => {
        const sizes = planRoomSizes({ participantCount: n, roomSize: g });
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect([Math.floor(n / g), Math.ceil(n / g)]).toContain(sizes.length);
        if (n >= g * (g - 1)) for (const s of sizes) expect(Math.abs(s - g)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
