/**
 * Seeded pseudo-random numbers for reproducible algorithm runs.
 *
 * A run stores its seed; re-running with the same seed and inputs draws the same numbers.
 * Not for anything security-related.
 */

export type Seed = number | string;

/** Hashes a seed (number or text) to an unsigned 32-bit integer (FNV-1a, then mixed). */
export function hashSeed({ seed }: { seed: Seed }): number {
  const text = typeof seed === 'number' ? `n:${seed}` : `s:${seed}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * A generator of uniform numbers in [0, 1) (mulberry32). Two generators made from the same
 * seed return the same sequence.
 */
export function createSeededRandom({ seed }: { seed: Seed }): () => number {
  let state = hashSeed({ seed });
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform number in [0, 1) determined by the seed and a key (e.g. an applicant id) alone,
 * so a draw does not depend on the order in which items are listed.
 */
export function seededUniform({ seed, key }: { seed: Seed; key: string }): number {
  const h = hashSeed({ seed: `${hashSeed({ seed })}:${key}` });
  return h / 4294967296;
}

function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
