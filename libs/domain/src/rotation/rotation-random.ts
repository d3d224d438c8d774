import { createSeededRandom, type Seed } from '../shared/seeded-random.js';

/**
 * The draws the rotation planner needs, on top of the domain's seeded generator, so that a
 * plan is reproducible from its stored seed on any machine.
 */
export interface RotationRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  int(bound: number): number;
  /** Shuffles the array in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
}

export function createRotationRandom({ seed }: { seed: Seed }): RotationRandom {
  const next = createSeededRandom({ seed });
  const int = (bound: number): number => Math.floor(next() * bound);
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  };
  return { next, int, shuffle };
}
