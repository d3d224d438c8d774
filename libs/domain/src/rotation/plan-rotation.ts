import { buildCyclicStart } from './cyclic-design.js';
import { buildMetMatrix, summariseRotation } from './met-matrix.js';
import { assignMentors } from './mentor-rotation.js';
import { alignRoomOrder, fitPreviousRounds } from './previous-plan.js';
import { planRoomSizes } from './room-sizes.js';
import { RotationPlanError } from './rotation.errors.js';
import {
  searchRotation,
  type RotationSearchInput,
  type RotationSearchResult,
  type RotationSearchWeights,
} from './rotation-search.js';
import type {
  HeldRound,
  MetMatrix,
  MetPair,
  PlannedRound,
  RotationMentor,
  RotationMetrics,
  RotationParticipant,
} from './rotation.types.js';
import { createRotationRandom, type RotationRandom } from './rotation-random.js';

/** Relative weights of the planner's goals: a repeat, a missing discipline, a lone stage. */
export type RotationWeights = RotationSearchWeights;

export interface PlanRotationInput {
  /** The people present, in the order rooms list them. */
  participants: readonly RotationParticipant[];
  /** Mentors to rotate through the rooms, at most one per room and round. */
  mentors?: readonly RotationMentor[];
  /** Rounds in the session, held rounds included. */
  rounds: number;
  /** Wanted room size; see `planRoomSizes` for how the number of rooms follows from it. */
  roomSize: number;
  /** Overrides the number of rooms per planned round. */
  roomCount?: number;
  /** Wanted distinct disciplines per room, honoured as far as the cohort allows. */
  minDisciplinesPerRoom?: number;
  /** Career stages (e.g. "early-career") whose holders should not be alone in a room. */
  neverAloneCareerStages?: readonly string[];
  /** Rounds kept as they are (already run or locked), the first rounds of the session. */
  heldRounds?: readonly HeldRound[];
  /** Pairs who met in earlier sessions: meeting again counts as a repeat. */
  alreadyMet?: readonly MetPair[];
  /**
   * The plan being replaced (all its rounds, held ones included). Its later rounds are tried
   * as a starting point, so that a re-plan after a late arrival or a departure keeps as
   * much of the announced plan as it can.
   */
  previousRounds?: readonly HeldRound[];
  seed: number | string;
  /** Search moves at most (default 9,000); the search also stops at a provable optimum. */
  iterations?: number;
  /** Optional wall-clock cap; the plan then depends on the machine's speed. */
  timeLimit?: { ms: number; clock: () => number };
  /** Relative weights of the goals in the search (defaults: repeat 3, discipline 2, stage 2). */
  weights?: Partial<RotationWeights>;
}

export interface PlanRotationResult {
  /** Every round of the session: the held rounds unchanged, then the planned ones. */
  rounds: PlannedRound[];
  /** Sizes of the rooms of each planned round, largest first. */
  roomSizes: number[];
  metrics: RotationMetrics;
  metMatrix: MetMatrix;
  seed: number | string;
  /** Moves the search made; with the seed and inputs this reproduces the plan. */
  iterationsUsed: number;
  /** How the plan was started: the previous plan, a column-cyclic design or greedily. */
  start: 'previous-plan' | 'cyclic-design' | 'greedy' | 'none';
}

const DEFAULT_ITERATIONS = 9_000;
const DEFAULT_WEIGHTS: RotationSearchWeights = { repeat: 3, disciplineShortfall: 2, loneStage: 2 };

/**
 * Plans breakout rounds: for each round still to plan, rooms of balanced sizes (within one
 * of each other) over the present participants, so that as many distinct pairs as possible
 * meet (no pair twice where that is possible, counting held rounds and earlier sessions),
 * each room has at least `minDisciplinesPerRoom` disciplines where the cohort allows it, no
 * one is the only holder of a protected career stage in a room, and mentors rotate.
 *
 * Deterministic for a given input and seed (unless a time limit cuts the search short).
 * See `rotation-search.ts` and `cyclic-design.ts` for the method.
 */
export function planRotation(input: PlanRotationInput): PlanRotationResult {
  const participants = input.participants;
  const heldRounds = input.heldRounds ?? [];
  const alreadyMet = input.alreadyMet ?? [];
  const mentors = input.mentors ?? [];
  const minDisciplines = input.minDisciplinesPerRoom ?? 0;
  const neverAlone = input.neverAloneCareerStages ?? [];
  validate(input);

  const n = participants.length;
  const index = new Map(participants.map((p, i) => [p.id, i]));
  const roomSizes = planRoomSizes({
    participantCount: n,
    roomSize: input.roomSize,
    roomCount: input.roomCount,
  });
  const F = input.rounds - heldRounds.length;

  // Meetings that are already fixed: held rounds and earlier sessions, among those present.
  const fixed = new Int32Array(n * n);
  const meetOnce = (i: number, j: number): void => {
    fixed[i * n + j]++;
    fixed[j * n + i]++;
  };
  for (const round of heldRounds) {
    for (const room of round.rooms) {
      const seats = room.participantIds
        .map((id) => index.get(id))
        .filter((i): i is number => i !== undefined);
      for (let a = 0; a < seats.length; a++)
        for (let b = a + 1; b < seats.length; b++) meetOnce(seats[a], seats[b]);
    }
  }
  const earlier = new Set<number>();
  for (const [x, y] of alreadyMet) {
    const i = index.get(x);
    const j = index.get(y);
    if (i === undefined || j === undefined || i === j) continue;
    const key = Math.min(i, j) * n + Math.max(i, j);
    if (earlier.has(key)) continue;
    earlier.add(key);
    meetOnce(i, j);
  }

  const disciplines = [...new Set(participants.map((p) => p.discipline))];
  const disciplineIndex = new Map(disciplines.map((d, i) => [d, i]));
  const discipline = Int32Array.from(
    participants,
    (p) => disciplineIndex.get(p.discipline) as number,
  );
  const stages = [...new Set(neverAlone)];
  const protectedStage = Int32Array.from(participants, (p) =>
    p.careerStage === undefined ? -1 : stages.indexOf(p.careerStage),
  );
  const disciplineTargets = roomSizes.map((size) =>
    Math.min(minDisciplines, size, disciplines.length),
  );

  const random = createRotationRandom({ seed: input.seed });
  const { timeLimit } = input;
  const startedAt = timeLimit?.clock();
  const shouldStop = timeLimit
    ? () => timeLimit.clock() - (startedAt as number) >= timeLimit.ms
    : undefined;
  const fixedMatters = heldRounds.length > 0 || earlier.size > 0;
  const previous = input.previousRounds?.slice(heldRounds.length, input.rounds) ?? [];
  const previousStart =
    previous.length === F && F > 0
      ? fitPreviousRounds({
          previousRounds: previous,
          playerIndex: index,
          roomSizes,
          meetings: fixed,
        })
      : undefined;
  const {
    rounds: plannedRounds,
    iterationsUsed,
    start,
  } = planFreeRounds({
    previousStart,
    n,
    roomSizes,
    roundCount: F,
    fixed,
    fixedMatters,
    iterations: input.iterations ?? DEFAULT_ITERATIONS,
    random,
    shouldStop,
    engine: {
      discipline,
      disciplineCount: disciplines.length,
      disciplineTargets,
      protectedStage,
      protectedStageCount: stages.length,
      weights: { ...DEFAULT_WEIGHTS, ...input.weights },
    },
  });

  const plannedIds = plannedRounds.map((rooms) =>
    rooms.map((players) => [...players].sort((a, b) => a - b).map((p) => participants[p].id)),
  );
  const mentorOf = assignMentors({
    mentors,
    heldRounds,
    plannedRounds: plannedIds,
    disciplineOf: (id) => {
      const i = index.get(id);
      return i === undefined ? undefined : participants[i].discipline;
    },
    random,
  });
  const planned: PlannedRound[] = plannedIds.map((rooms, f) => {
    const plannedRooms = rooms.map((participantIds, r) => {
      const mentorId = mentorOf[f][r];
      return mentorId === undefined ? { participantIds } : { participantIds, mentorId };
    });
    return {
      rooms: alignRoomOrder({ rooms: plannedRooms, previousRooms: previous[f]?.rooms ?? [] }),
    };
  });
  const held: PlannedRound[] = heldRounds.map((round) => ({
    rooms: round.rooms.map((room) =>
      room.mentorId === undefined
        ? { participantIds: [...room.participantIds] }
        : { participantIds: [...room.participantIds], mentorId: room.mentorId },
    ),
  }));
  const rounds = [...held, ...planned];
  return {
    rounds,
    roomSizes,
    metrics: summariseRotation({
      rounds,
      participants,
      alreadyMet,
      minDisciplinesPerRoom: minDisciplines,
      neverAloneCareerStages: neverAlone,
    }),
    metMatrix: buildMetMatrix({
      rounds,
      participantIds: participants.map((p) => p.id),
      alreadyMet,
    }),
    seed: input.seed,
    iterationsUsed,
    start,
  };
}

type EngineSettings = Pick<
  RotationSearchInput,
  | 'discipline'
  | 'disciplineCount'
  | 'disciplineTargets'
  | 'protectedStage'
  | 'protectedStageCount'
  | 'weights'
>;

/**
 * Plans the free rounds in stages:
 * 0. With a previous plan, its rounds fitted to who is present; kept if nothing beats it.
 * 1. Base: the longest repeat-free column-cyclic design that fits (at most F rounds),
 *    relabelled and polished by the search (discipline mix, held rounds, earlier sessions).
 * 2. Rounds beyond the design's reach are planned against the base (held fixed), starting
 *    from a small design relabelled to fit. Designs differ in which pairs they leave
 *    unmet, so this is done for a few seeded bases and the best base + extra pair is kept.
 * 3. A final search over all free rounds together, from base + extra rounds.
 * Without a design (sizes or counts that do not fit) the search starts greedily. When held
 * rounds or earlier sessions constrain the plan, a plain greedy search competes too.
 */
function planFreeRounds(input: {
  previousStart?: number[][][];
  n: number;
  roomSizes: number[];
  roundCount: number;
  fixed: Int32Array;
  fixedMatters: boolean;
  iterations: number;
  random: RotationRandom;
  shouldStop?: () => boolean;
  engine: EngineSettings;
}): { rounds: number[][][]; iterationsUsed: number; start: PlanRotationResult['start'] } {
  const { n, roomSizes, roundCount: F, random, engine } = input;
  if (F === 0 || n === 0)
    return { rounds: Array.from({ length: F }, () => []), iterationsUsed: 0, start: 'none' };
  let iterationsUsed = 0;
  // With held rounds or earlier sessions, half the budget is kept for a greedy competitor.
  const reserve = input.fixedMatters ? Math.floor(input.iterations / 2) : 0;
  let budget = input.iterations - reserve;
  const finalBound = engine.weights.repeat * repeatLowerBound(n, roomSizes, F, input.fixed);
  const run = (
    rounds: number,
    fixed: Int32Array,
    startRounds: number[][][] | undefined,
    iterations: number,
    weights: RotationSearchWeights = engine.weights,
    relabel = true,
  ): RotationSearchResult => {
    const result = searchRotation({
      ...engine,
      weights,
      relabel,
      playerCount: n,
      roomSizes,
      roundCount: rounds,
      fixedMeetings: fixed,
      random,
      startRounds,
      iterations: Math.max(0, Math.min(iterations, budget)),
      shouldStop: input.shouldStop,
      lowerBound: weights.repeat * repeatLowerBound(n, roomSizes, rounds, fixed),
    });
    iterationsUsed += result.iterationsUsed;
    budget -= result.iterationsUsed;
    return result;
  };
  const label = (rounds: number[][][]): number[][][] => {
    const player = random.shuffle(Array.from({ length: n }, (_, i) => i));
    return rounds.map((rooms) => rooms.map((points) => points.map((point) => player[point])));
  };

  // Stage 0: the previous plan, fitted to who is present, when there is one.
  let fromPrevious: RotationSearchResult | null = null;
  if (input.previousStart) {
    fromPrevious = run(F, input.fixed, input.previousStart, Math.ceil(budget / 3));
    if (fromPrevious.cost <= finalBound)
      return { rounds: fromPrevious.rounds, iterationsUsed, start: 'previous-plan' };
  }
  const orPrevious = (
    result: { rounds: number[][][]; iterationsUsed: number; start: PlanRotationResult['start'] },
    cost: number,
  ): { rounds: number[][][]; iterationsUsed: number; start: PlanRotationResult['start'] } =>
    fromPrevious !== null && fromPrevious.cost <= cost
      ? { rounds: fromPrevious.rounds, iterationsUsed, start: 'previous-plan' }
      : { ...result, iterationsUsed };

  // Stage 1: the longest repeat-free design of at most F rounds.
  const maxSize = Math.max(...roomSizes);
  let baseRounds = Math.min(F, Math.floor((n - 1) / Math.max(1, maxSize - 1)));
  let design: ReturnType<typeof buildCyclicStart> = null;
  for (; baseRounds >= 1; baseRounds--) {
    design = buildCyclicStart({ roomSizes, rounds: baseRounds, random, repeatFree: true });
    if (design !== null) break;
  }
  if (design === null) return greedyOnly();

  let best: RotationSearchResult;
  if (F === baseRounds) {
    best = run(F, input.fixed, label(design.rounds), budget);
  } else {
    // Stage 2: designs differ in which pairs they leave unmet, so several bases are tried,
    // each with its extra rounds planned against it for pairs only (relabelling in stage 3
    // then fixes the discipline mix without touching who meets whom).
    const extra = F - baseRounds;
    const perBase = Math.ceil((budget * 2) / (3 * BASE_CANDIDATES));
    const pairsOnly: RotationSearchWeights = {
      repeat: engine.weights.repeat,
      disciplineShortfall: 0,
      loneStage: 0,
    };
    let bestPair: { cost: number; rounds: number[][][] } | null = null;
    for (let c = 0; c < BASE_CANDIDATES; c++) {
      const baseDesign =
        c === 0
          ? design
          : buildCyclicStart({ roomSizes, rounds: baseRounds, random, repeatFree: true });
      if (baseDesign === null) continue;
      let base = label(baseDesign.rounds);
      if (input.fixedMatters)
        base = run(baseRounds, input.fixed, base, Math.ceil(perBase / 4), pairsOnly).rounds;
      const extraDesign = buildCyclicStart({ roomSizes, rounds: extra, random, repeatFree: true });
      const baseFixed = withMeetings(input.fixed, n, base);
      const startRounds = extraDesign ? label(extraDesign.rounds) : undefined;
      // Its cost counts every pair of the session: base, extra rounds and fixed meetings.
      const extraRounds = run(extra, baseFixed, startRounds, perBase, pairsOnly, false);
      if (bestPair === null || extraRounds.cost < bestPair.cost) {
        bestPair = { cost: extraRounds.cost, rounds: [...base, ...extraRounds.rounds] };
      }
    }
    // Stage 3: everything together.
    best = run(F, input.fixed, (bestPair as { rounds: number[][][] }).rounds, budget);
  }
  budget += reserve;
  if (input.fixedMatters && best.cost > finalBound && budget > 0) {
    const greedy = run(F, input.fixed, undefined, budget);
    if (greedy.cost < best.cost)
      return orPrevious({ rounds: greedy.rounds, iterationsUsed, start: 'greedy' }, greedy.cost);
  }
  return orPrevious({ rounds: best.rounds, iterationsUsed, start: 'cyclic-design' }, best.cost);

  function greedyOnly(): {
    rounds: number[][][];
    iterationsUsed: number;
    start: PlanRotationResult['start'];
  } {
    budget += reserve;
    const result = run(F, input.fixed, undefined, budget);
    return orPrevious({ rounds: result.rounds, iterationsUsed, start: 'greedy' }, result.cost);
  }
}

/** Base designs tried when rounds go beyond a design's reach. */
const BASE_CANDIDATES = 6;

/** A copy of `fixed` with the meetings of the given rounds added. */
function withMeetings(fixed: Int32Array, n: number, rounds: readonly number[][][]): Int32Array {
  const out = fixed.slice();
  for (const rooms of rounds) {
    for (const room of rooms) {
      for (let i = 0; i < room.length; i++) {
        for (let j = i + 1; j < room.length; j++) {
          out[room[i] * n + room[j]]++;
          out[room[j] * n + room[i]]++;
        }
      }
    }
  }
  return out;
}

/**
 * The fewest repeats any plan can have: the repeats already fixed, plus the new meetings
 * that cannot all go to pairs who have never met.
 */
function repeatLowerBound(
  n: number,
  roomSizes: readonly number[],
  rounds: number,
  fixed: Int32Array,
): number {
  let fixedRepeats = 0;
  let unmetPairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = fixed[i * n + j];
      if (m === 0) unmetPairs++;
      else fixedRepeats += m - 1;
    }
  }
  let meetings = 0;
  for (const size of roomSizes) meetings += (rounds * size * (size - 1)) / 2;
  return fixedRepeats + Math.max(0, meetings - unmetPairs);
}

function validate(input: PlanRotationInput): void {
  if (!Number.isInteger(input.roomSize) || input.roomSize < 2) {
    throw new RotationPlanError(
      'ROTATION_INVALID_ROOM_SIZE',
      `roomSize must be an integer of at least 2, got ${input.roomSize}`,
    );
  }
  if (
    input.roomCount !== undefined &&
    (!Number.isInteger(input.roomCount) || input.roomCount < 1)
  ) {
    throw new RotationPlanError(
      'ROTATION_INVALID_ROOM_SIZE',
      `roomCount must be a positive integer, got ${input.roomCount}`,
    );
  }
  if (!Number.isInteger(input.rounds) || input.rounds < 0) {
    throw new RotationPlanError(
      'ROTATION_INVALID_ROUNDS',
      `rounds must be a non-negative integer, got ${input.rounds}`,
    );
  }
  const held = input.heldRounds?.length ?? 0;
  if (held > input.rounds) {
    throw new RotationPlanError(
      'ROTATION_TOO_MANY_HELD_ROUNDS',
      `${held} held rounds exceed the session's ${input.rounds} rounds`,
    );
  }
  const seen = new Set<string>();
  for (const p of input.participants) {
    if (seen.has(p.id))
      throw new RotationPlanError(
        'ROTATION_DUPLICATE_PARTICIPANT',
        `participant ${p.id} is listed twice`,
      );
    seen.add(p.id);
  }
  const mentorIds = new Set<string>();
  for (const m of input.mentors ?? []) {
    if (mentorIds.has(m.id))
      throw new RotationPlanError('ROTATION_DUPLICATE_MENTOR', `mentor ${m.id} is listed twice`);
    mentorIds.add(m.id);
  }
  if (
    input.iterations !== undefined &&
    (!Number.isInteger(input.iterations) || input.iterations < 0)
  ) {
    throw new RotationPlanError(
      'ROTATION_INVALID_BUDGET',
      `iterations must be a non-negative integer, got ${input.iterations}`,
    );
  }
  if (input.timeLimit !== undefined && !(input.timeLimit.ms >= 0)) {
    throw new RotationPlanError(
      'ROTATION_INVALID_BUDGET',
      `timeLimit.ms must be non-negative, got ${input.timeLimit.ms}`,
    );
  }
}
