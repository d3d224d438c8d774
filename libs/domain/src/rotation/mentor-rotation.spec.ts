import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignMentors, maxWeightAssignment } from './mentor-rotation.js';
import { createRotationRandom } from './rotation-random.js';

function bruteForceBest(weight: number[][]): number {
  const rows = weight.length;
  const cols = weight[0].length;
  let best = -Infinity;
  const used = new Array<boolean>(cols).fill(false);
  const walk = (i: number, sum: number): void => {
    if (i === rows) {
      best = Math.max(best, sum);
      return;
    }
    for (let j = 0; j < cols; j++) {
      if (used[j]) continue;
      used[j] = true;
      walk(i + 1, sum + weight[i][j]);
      used[j] = false;
    }
  };
  walk(0, 0);
  return best;
}

describe('maxWeightAssignment', () => {
  it('finds an assignment as heavy as the best one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((rows) =>
          fc.integer({ min: rows, max: 6 }).chain((cols) =>
            fc.array(
              fc.array(fc.integer({ min: -20, max: 50 }), { minLength: cols, maxLength: cols }),
              {
                minLength: rows,
                maxLength: rows,
              },
            ),
          ),
        ),
        (weight) => {
          const columns = maxWeightAssignment(weight);
          expect(new Set(columns).size).toBe(weight.length);
          const total = columns.reduce((sum, j, i) => sum + weight[i][j], 0);
          expect(total).toBe(bruteForceBest(weight));
        },
      ),
    );
  });
});

describe('assignMentors', () => {
  const rooms = Array.from({ length: 5 }, (_, r) =>
    Array.from({ length: 4 }, (_, i) => `p${r * 4 + i}`),
  );

  it('rotates mentors so that people who stay together still meet a new mentor each round', () => {
    const mentors = Array.from({ length: 6 }, (_, i) => ({ id: `m${i}` }));
    const plan = assignMentors({
      mentors,
      plannedRounds: Array.from({ length: 5 }, () => rooms),
      disciplineOf: () => undefined,
      random: createRotationRandom({ seed: 1 }),
    });
    for (let r = 0; r < rooms.length; r++)
      expect(new Set(plan.map((round) => round[r])).size).toBe(5);
    for (const round of plan) expect(new Set(round).size).toBe(5);
  });

  it('counts the mentors of held rounds as already met', () => {
    const plan = assignMentors({
      mentors: [{ id: 'a' }, { id: 'b' }],
      heldRounds: [{ rooms: [{ participantIds: ['x', 'y'], mentorId: 'a' }] }],
      plannedRounds: [[['x', 'y']]],
      disciplineOf: () => undefined,
      random: createRotationRandom({ seed: 2 }),
    });
    expect(plan).toEqual([['b']]);
  });

  it('leaves rooms without a mentor when there are fewer mentors than rooms', () => {
    const plan = assignMentors({
      mentors: [{ id: 'solo', expertise: ['AI'] }],
      plannedRounds: [rooms],
      disciplineOf: () => 'AI',
      random: createRotationRandom({ seed: 3 }),
    });
    expect(plan[0].filter((m) => m === 'solo')).toHaveLength(1);
    expect(plan[0].filter((m) => m === undefined)).toHaveLength(4);
  });
});
