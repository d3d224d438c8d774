import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRotation } from './plan-rotation.js';
import { RotationPlanError } from './rotation.errors.js';
import type { PlannedRound, RotationParticipant } from './rotation.types.js';

const AREAS = [
  'AI',
  'bioinformatics',
  'biomedical engineering',
  'cancer research',
  'clinical practice',
  'computational and data science',
  'healthcare delivery',
  'mathematical modelling',
];

function cohort(n: number, disciplines = AREAS.length): RotationParticipant[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `p${String(i + 1).padStart(2, '0')}`,
    discipline: AREAS[(i * 3) % disciplines],
    careerStage: i % 5 === 0 ? 'early-career' : 'senior',
  }));
}

function expectEveryoneOncePerRound(rounds: PlannedRound[], ids: string[]): void {
  for (const round of rounds) {
    expect(round.rooms.flatMap((room) => room.participantIds).sort()).toEqual([...ids].sort());
  }
}

describe('planRotation', () => {
  it('seats everyone once per round in rooms within one of each other, for any n, g and R', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer(),
        (n, g, rounds, seed) => {
          const participants = cohort(n);
          const plan = planRotation({
            participants,
            rounds,
            roomSize: g,
            minDisciplinesPerRoom: 2,
            seed,
            iterations: 200,
          });
          expect(plan.rounds).toHaveLength(rounds);
          expectEveryoneOncePerRound(
            plan.rounds,
            participants.map((p) => p.id),
          );
          for (const round of plan.rounds) {
            const sizes = round.rooms.map((room) => room.participantIds.length);
            expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
            expect(sizes).toEqual(plan.roomSizes);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it.each([
    { n: 9, g: 3, rounds: 4 },
    { n: 16, g: 4, rounds: 5 },
    { n: 25, g: 5, rounds: 6 },
    { n: 30, g: 5, rounds: 6 },
    { n: 20, g: 4, rounds: 5 },
    { n: 28, g: 5, rounds: 6 },
    { n: 40, g: 5, rounds: 4 },
  ])(
    'lets no pair meet twice where R·(g−1) ≤ n−1 allows it: $n in rooms of $g, $rounds rounds',
    ({ n, g, rounds }) => {
      const plan = planRotation({
        participants: cohort(n),
        rounds,
        roomSize: g,
        seed: 7,
        iterations: 3000,
      });
      expect(plan.metrics.repeats).toBe(0);
      const seatsPerRound = plan.roomSizes.reduce((sum, s) => sum + (s * (s - 1)) / 2, 0);
      expect(plan.metrics.pairsMet).toBe(rounds * seatsPerRound);
    },
  );

  it.each([
    { n: 15, g: 3, rounds: 7, design: 'kirkman' }, // Kirkman's schoolgirls
    { n: 21, g: 3, rounds: 10, design: 'kirkman' },
    { n: 32, g: 4, rounds: 8, design: 'transversal' }, // the original social golfers
    { n: 32, g: 4, rounds: 9, design: 'transversal' },
    { n: 25, g: 5, rounds: 6, design: 'affine-geometry' },
    { n: 49, g: 7, rounds: 8, design: 'affine-geometry' },
    { n: 48, g: 6, rounds: 8, design: 'transversal' },
  ])(
    'reaches the known optimum of $n in rooms of $g over $rounds rounds: no repeat ($design)',
    ({ n, g, rounds, design }) => {
      const participants = Array.from({ length: n }, (_, i) => ({
        id: `golfer-${i}`,
        discipline: 'golf',
      }));
      const plan = planRotation({ participants, rounds, roomSize: g, seed: 11 });
      expect(plan.metrics.repeats).toBe(0);
      expect(plan.metrics.pairsMet).toBe((rounds * n * (g - 1)) / 2);
      expect(plan.design).toBe(design);
      expect(plan.stoppedBy).toBe('optimum');
      expect(plan.constraintCost).toEqual({
        unconstrainedRepeats: 0,
        extraRepeats: 0,
        proven: true,
      });
    },
  );

  it('reports the repeats that the lab’s rules cost against a plan without them', () => {
    // Two early-career researchers among nine, rooms of three: never leaving one of them
    // alone (weighed above everything here) keeps the two together every round, where 4
    // rounds could have had no repeat.
    const participants = Array.from({ length: 9 }, (_, i) => ({
      id: `p${i}`,
      discipline: AREAS[i % 3],
      careerStage: i < 2 ? 'early-career' : 'senior',
    }));
    const plan = planRotation({
      participants,
      rounds: 4,
      roomSize: 3,
      neverAloneCareerStages: ['early-career'],
      weights: { loneStage: 20 },
      seed: 12,
    });
    expect(plan.metrics.loneCareerStageSeats).toBe(0);
    expect(plan.metrics.repeats).toBeGreaterThanOrEqual(3);
    expect(plan.constraintCost).toEqual({
      unconstrainedRepeats: 0,
      extraRepeats: plan.metrics.repeats,
      proven: true,
    });

    const free = planRotation({ participants, rounds: 4, roomSize: 3, seed: 12 });
    expect(free.constraintCost).toEqual({ unconstrainedRepeats: 0, extraRepeats: 0, proven: true });
    const unmeasured = planRotation({
      participants,
      rounds: 4,
      roomSize: 3,
      neverAloneCareerStages: ['early-career'],
      weights: { loneStage: 20 },
      seed: 12,
      measureConstraintCost: false,
    });
    expect(unmeasured.constraintCost).toBeNull();
    expect(unmeasured.rounds).toEqual(plan.rounds);
  });

  it('takes and returns plain data, so a worker can run it as it is', () => {
    const input = {
      participants: cohort(17),
      mentors: [{ id: 'm1', expertise: ['AI'] }],
      rounds: 3,
      roomSize: 4,
      minDisciplinesPerRoom: 3,
      neverAloneCareerStages: ['early-career'],
      seed: 'worker',
      iterations: 400,
    };
    const plan = planRotation(structuredClone(input));
    expect(structuredClone(plan)).toEqual(plan);
    expect(planRotation(input)).toEqual(plan);
  });

  it('meets the 30 × 5 × 6 optimum of 360 pairs with at least 4 disciplines in every room', () => {
    const plan = planRotation({
      participants: cohort(30),
      rounds: 6,
      roomSize: 5,
      minDisciplinesPerRoom: 4,
      seed: 1,
    });
    expect(plan.metrics.pairsMet).toBe(360);
    expect(plan.metrics.minDisciplinesInRoom).toBeGreaterThanOrEqual(4);
    expect(plan.metrics.disciplineShortfall).toBe(0);
  });

  it('gives the same plan for the same seed, and another for another seed', () => {
    const input = {
      participants: cohort(23),
      rounds: 4,
      roomSize: 4,
      minDisciplinesPerRoom: 3,
      seed: 'lab-1',
      iterations: 500,
    };
    const plan = planRotation(input);
    expect(planRotation(input)).toEqual(plan);
    expect(planRotation({ ...input, seed: 'lab-2' }).rounds).not.toEqual(plan.rounds);
  });

  it('mixes disciplines where the cohort allows it and caps the target where it does not', () => {
    const mixed = planRotation({
      participants: cohort(30),
      rounds: 4,
      roomSize: 5,
      minDisciplinesPerRoom: 5,
      seed: 2,
    });
    expect(mixed.metrics.disciplineShortfall).toBe(0);
    expect(mixed.metrics.minDisciplinesInRoom).toBe(5);
    // Two disciplines only: every room can hold both, but no more.
    const narrow = planRotation({
      participants: cohort(20, 2),
      rounds: 3,
      roomSize: 4,
      minDisciplinesPerRoom: 4,
      seed: 2,
    });
    expect(narrow.metrics.disciplineShortfall).toBe(0);
    expect(narrow.metrics.minDisciplinesInRoom).toBe(2);
  });

  it('leaves no early-career researcher as the only one of their stage in a room', () => {
    const plan = planRotation({
      participants: cohort(30),
      rounds: 3,
      roomSize: 5,
      neverAloneCareerStages: ['early-career'],
      seed: 3,
    });
    expect(plan.metrics.repeats).toBe(0);
    expect(plan.metrics.loneCareerStageSeats).toBe(0);
    for (const round of plan.rounds) {
      for (const room of round.rooms) {
        const early = room.participantIds.filter(
          (id) => (Number(id.slice(1)) - 1) % 5 === 0,
        ).length;
        expect(early === 0 || early >= 2).toBe(true);
      }
    }
  });

  it('re-plans after a late arrival and a departure, keeping held rounds and most of the announced plan', () => {
    const participants = cohort(30);
    const announced = planRotation({ participants, rounds: 6, roomSize: 5, seed: 4 });
    const held = announced.rounds.slice(0, 2);
    const present = [
      ...participants.filter((p) => p.id !== 'p07'),
      { id: 'late', discipline: 'AI' },
    ];
    const again = planRotation({
      participants: present,
      rounds: 6,
      roomSize: 5,
      heldRounds: held,
      previousRounds: announced.rounds,
      seed: 4,
    });
    expect(again.rounds.slice(0, 2)).toEqual(held);
    expectEveryoneOncePerRound(
      again.rounds.slice(2),
      present.map((p) => p.id),
    );
    // The newcomer takes the free seats: nobody meets anyone twice, and few people move.
    expect(again.metrics.repeats).toBe(0);
    expect(again.start).toBe('previous-plan');
    let moved = 0;
    for (let f = 2; f < 6; f++) {
      const before = new Map(
        announced.rounds[f].rooms.flatMap((room, r) =>
          room.participantIds.map((id) => [id, r] as const),
        ),
      );
      const after = new Map(
        again.rounds[f].rooms.flatMap((room, r) =>
          room.participantIds.map((id) => [id, r] as const),
        ),
      );
      for (const [id, r] of after) if (before.has(id) && before.get(id) !== r) moved++;
    }
    expect(moved).toBe(0);
  });

  it('re-plans from scratch around held rounds, avoiding the pairs who already met', () => {
    const participants = cohort(24);
    const held = planRotation({ participants, rounds: 2, roomSize: 4, seed: 10 }).rounds;
    const present = participants.slice(0, 22);
    const again = planRotation({
      participants: present,
      rounds: 4,
      roomSize: 4,
      heldRounds: held,
      seed: 10,
    });
    expect(again.rounds.slice(0, 2)).toEqual(held);
    expectEveryoneOncePerRound(
      again.rounds.slice(2),
      present.map((p) => p.id),
    );
    expect(again.metrics.repeats).toBe(0);
  });

  it('avoids pairs who met in an earlier session', () => {
    const participants = cohort(24);
    const earlier = planRotation({ participants, rounds: 2, roomSize: 4, seed: 5 });
    const alreadyMet = earlier.rounds.flatMap((round) =>
      round.rooms.flatMap((room) =>
        room.participantIds.flatMap((a, i) =>
          room.participantIds.slice(i + 1).map((b) => [a, b] as const),
        ),
      ),
    );
    const plan = planRotation({ participants, rounds: 3, roomSize: 4, alreadyMet, seed: 5 });
    expect(plan.metrics.earlierPairsMetAgain).toBe(0);
    expect(plan.metMatrix.metBefore.flat().filter(Boolean)).toHaveLength(2 * alreadyMet.length);
  });

  it('puts one mentor in each room and rotates them so participants meet many', () => {
    const mentors = Array.from({ length: 6 }, (_, i) => ({
      id: `m${i + 1}`,
      expertise: [AREAS[i]],
    }));
    const plan = planRotation({
      participants: cohort(30),
      mentors,
      rounds: 6,
      roomSize: 5,
      seed: 6,
    });
    for (const round of plan.rounds) {
      const ids = round.rooms.map((room) => room.mentorId);
      expect(ids.every((id) => id !== undefined)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(plan.metrics.mentorsMetPerParticipant.min).toBeGreaterThanOrEqual(4);

    const fewer = planRotation({
      participants: cohort(30),
      mentors: mentors.slice(0, 2),
      rounds: 3,
      roomSize: 5,
      seed: 6,
    });
    for (const round of fewer.rounds)
      expect(round.rooms.filter((room) => room.mentorId !== undefined)).toHaveLength(2);
  });

  it('counts held rounds in the metrics and the met matrix', () => {
    const participants = cohort(6);
    const heldRounds = [
      {
        rooms: [
          { participantIds: ['p01', 'p02', 'p03'] },
          { participantIds: ['p04', 'p05', 'p06'] },
        ],
      },
    ];
    const plan = planRotation({ participants, rounds: 2, roomSize: 3, heldRounds, seed: 8 });
    const { participantIds, counts } = plan.metMatrix;
    const i = participantIds.indexOf('p01');
    const j = participantIds.indexOf('p02');
    expect(counts[i][j]).toBeGreaterThanOrEqual(1);
    // Six people in rooms of three: any second round repeats one pair per room, no more.
    expect(plan.metrics.repeats).toBe(2);
    expect(plan.metrics.pairsMet).toBe(6 + 6 - 2);
  });

  it('stops at the time limit of the injected clock and still returns a whole plan', () => {
    let now = 0;
    // Nine rounds of 31 in rooms of 5 force repeats beyond what the search can prove optimal.
    const plan = planRotation({
      participants: cohort(31),
      rounds: 9,
      roomSize: 5,
      seed: 9,
      timeLimit: { ms: 0, clock: () => now++ },
    });
    expect(plan.stoppedBy).toBe('time-limit');
    expectEveryoneOncePerRound(
      plan.rounds,
      cohort(31).map((p) => p.id),
    );
  });

  it('refuses requests it cannot plan, with a stable code', () => {
    const participants = cohort(10);
    const codeOf = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error) {
        return error instanceof RotationPlanError ? error.code : 'other';
      }
      return undefined;
    };
    expect(codeOf(() => planRotation({ participants, rounds: 2, roomSize: 1, seed: 1 }))).toBe(
      'ROTATION_INVALID_ROOM_SIZE',
    );
    expect(
      codeOf(() =>
        planRotation({
          participants: [...participants, participants[0]],
          rounds: 2,
          roomSize: 3,
          seed: 1,
        }),
      ),
    ).toBe('ROTATION_DUPLICATE_PARTICIPANT');
    expect(
      codeOf(() =>
        planRotation({
          participants,
          rounds: 1,
          roomSize: 3,
          seed: 1,
          heldRounds: [{ rooms: [] }, { rooms: [] }],
        }),
      ),
    ).toBe('ROTATION_TOO_MANY_HELD_ROUNDS');
    expect(codeOf(() => planRotation({ participants, rounds: -1, roomSize: 3, seed: 1 }))).toBe(
      'ROTATION_INVALID_ROUNDS',
    );
  });
});
