import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('lets a burst up to its capacity through, then refuses', () => {
    const bucket = new TokenBucket(3, 1, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false]);
  });

  it('refills at its rate and never above its capacity', () => {
    const bucket = new TokenBucket(2, 2, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.take(100)).toBe(false);
    expect(bucket.take(600)).toBe(true);
    expect([0, 1, 2].map(() => bucket.take(60_000))).toEqual([true, true, false]);
  });
});
