import { buildDesignStart, type DesignStartMethod } from './design-start.js';
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
  /**
   * Search moves at most, over every stage (default 9,000; the comparison without the lab's
   * rules, when one is needed, has the same budget again). The search also stops at a
   * provable optimum. This budget does not depend on the machine: the same inputs and seed
   * give the same plan anywhere, which a stored plan's re-run relies on.
   */
  iterations?: number;
  /**
   * Optional wall-clock cap: `ms` milliseconds read from `clock` (e.g. `performance.now`);
   * when it runs out the best plan found so far is returned. A plan cut short by it depends
   * on the machine's speed and load and may not be reproduced from its seed: set
   * `iterations` for reproducible plans and keep this as a safety net. The clock is the one
   * input that is not plain data; the solver pool's worker adds its own.
   */
  timeLimit?: { ms: number; clock: () => number };
  /**
   * Also plan without the lab's rules, to report what they cost in repeats (default true;
   * it can double the work when the rules bind). See `constraintCost`.
   */
  measureConstraintCost?: boolean;
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
  /** How the plan was started: the previous plan, a design (see `design`) or greedily. */
  start: 'previous-plan' | 'design' | 'greedy' | 'none';
  /** The construction behind the plan's repeat-free rounds, when one was used. */
  design: DesignStartMethod | null;
  /** Why the search stopped: it reached a provable optimum, used its moves, or ran out of time. */
  stoppedBy: 'optimum' | 'iterations' | 'time-limit';
  /** What the lab's rules cost in repeats (null when not measured); see `RotationConstraintCost`. */
  constraintCost: RotationConstraintCost | null;
}

/**
 * The repeats the lab's rules cost: the plan against the best plan for the same people,
 * room sizes and number of rounds with none of them (no discipline mix, no career-stage
 * rule, no held rounds kept, no earlier sessions avoided).
 */
export interface RotationConstraintCost {
  /** Repeats of that plan without the rules. */
  unconstrainedRepeats: number;
  /** How many more repeats this plan has (`metrics.repeats` − that, at least 0). */
  extraRepeats: number;
  /** `unconstrainedRepeats` is the optimum (it meets the lower bound), not only the best found. */
  proven: boolean;
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
 * See `design-start.ts` (constructions), `rotation-search.ts` (search) and
 * docs/rotation-planner.md for the method.
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
  const deadline = timeLimitOf(input);
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
  const iterations = input.iterations ?? DEFAULT_ITERATIONS;
  const free = planFreeRounds({
    previousStart,
    n,
    roomSizes,
    roundCount: F,
    fixed,
    fixedMatters,
    iterations,
    random,
    shouldStop: deadline?.shouldStop,
    engine: {
      discipline,
      disciplineCount: disciplines.length,
      disciplineTargets,
      protectedStage,
      protectedStageCount: stages.length,
      weights: { ...DEFAULT_WEIGHTS, ...input.weights },
    },
  });
  const plannedRounds = free.rounds;
  const stoppedBy: PlanRotationResult['stoppedBy'] = free.provenOptimal
    ? 'optimum'
    : deadline?.expired()
      ? 'time-limit'
      : 'iterations';

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
  const metrics = summariseRotation({
    rounds,
    participants,
    alreadyMet,
    minDisciplinesPerRoom: minDisciplines,
    neverAloneCareerStages: neverAlone,
  });

  // The same people, rooms and rounds without the lab's rules, when the rules may bind.
  const rulesApply = fixedMatters || neverAlone.length > 0 || disciplineTargets.some((t) => t > 1);
  const allRounds = input.rounds;
  const unconstrainedBound = repeatLowerBound(n, roomSizes, allRounds, new Int32Array(n * n));
  let constraintCost: RotationConstraintCost | null;
  if (input.measureConstraintCost === false) {
    constraintCost = null;
  } else if (!rulesApply || metrics.repeats <= unconstrainedBound || n === 0 || allRounds === 0) {
    constraintCost = {
      unconstrainedRepeats: metrics.repeats,
      extraRepeats: 0,
      proven: metrics.repeats <= unconstrainedBound,
    };
  } else {
    const unconstrained = planFreeRounds({
      n,
      roomSizes,
      roundCount: allRounds,
      fixed: new Int32Array(n * n),
      fixedMatters: false,
      iterations,
      random: createRotationRandom({ seed: random.int(2 ** 31) }),
      shouldStop: deadline?.shouldStop,
      engine: {
        discipline: new Int32Array(n),
        disciplineCount: 1,
        disciplineTargets: roomSizes.map(() => 0),
        protectedStage: new Int32Array(n).fill(-1),
        protectedStageCount: 0,
        weights: { repeat: 1, disciplineShortfall: 0, loneStage: 0 },
      },
    });
    const unconstrainedRepeats = Math.min(metrics.repeats, unconstrained.cost);
    constraintCost = {
      unconstrainedRepeats,
      extraRepeats: metrics.repeats - unconstrainedRepeats,
      proven: unconstrainedRepeats <= unconstrainedBound,
    };
  }
  return {
    rounds,
    roomSizes,
    metrics,
    metMatrix: buildMetMatrix({
      rounds,
      participantIds: participants.map((p) => p.id),
      alreadyMet,
    }),
    seed: input.seed,
    iterationsUsed: free.iterationsUsed,
    start: free.start,
    design: free.design,
    stoppedBy,
    constraintCost,
  };
}

/** The wall-clock cap, when there is one: a stop test for the search and whether it fired. */
function timeLimitOf(
  input: PlanRotationInput,
): { shouldStop: () => boolean; expired: () => boolean } | undefined {
  const { timeLimit } = input;
  if (timeLimit === undefined) return undefined;
  const startedAt = timeLimit.clock();
  let expired = false;
  return {
    shouldStop: () => (expired ||= timeLimit.clock() - startedAt >= timeLimit.ms),
    expired: () => expired,
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

interface FreePlan {
  rounds: number[][][];
  /** The search's cost of the plan (weighted repeats, shortfalls and lone stages). */
  cost: number;
  iterationsUsed: number;
  start: PlanRotationResult['start'];
  design: DesignStartMethod | null;
  /** The cost meets the lower bound: no plan can do better. */
  provenOptimal: boolean;
}

/**
 * Plans the free rounds in stages:
 * 0. With a previous plan, its rounds fitted to who is present; kept if nothing beats it.
 * 1. Base: the longest repeat-free design that fits (at most F rounds; see
 *    `design-start.ts`: affine geometries, transversal designs, Kirkman triple systems,
 *    round robins, their products, column-cyclic designs), relabelled and polished by the
 *    search (discipline mix, held rounds, earlier sessions).
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
}): FreePlan {
  const { n, roomSizes, roundCount: F, random, engine } = input;
  if (F === 0 || n === 0) {
    return {
      rounds: Array.from({ length: F }, () => []),
      cost: 0,
      iterationsUsed: 0,
      start: 'none',
      design: null,
      provenOptimal: true,
    };
  }
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
  const done = (
    result: RotationSearchResult,
    start: PlanRotationResult['start'],
    design: DesignStartMethod | null,
  ): FreePlan => ({
    rounds: result.rounds,
    cost: result.cost,
    iterationsUsed,
    start,
    design,
    provenOptimal: result.cost <= finalBound,
  });

  // Stage 0: the previous plan, fitted to who is present, when there is one.
  let fromPrevious: RotationSearchResult | null = null;
  if (input.previousStart) {
    fromPrevious = run(F, input.fixed, input.previousStart, Math.ceil(budget / 3));
    if (fromPrevious.cost <= finalBound) return done(fromPrevious, 'previous-plan', null);
  }
  const orPrevious = (
    result: RotationSearchResult,
    start: PlanRotationResult['start'],
    design: DesignStartMethod | null,
  ): FreePlan =>
    fromPrevious !== null && fromPrevious.cost <= result.cost
      ? done(fromPrevious, 'previous-plan', null)
      : done(result, start, design);

  // Stage 1: the longest repeat-free design of at most F rounds.
  const design = buildDesignStart({ roomSizes, rounds: F, random });
  if (design === null) {
    budget += reserve;
    return orPrevious(run(F, input.fixed, undefined, budget), 'greedy', null);
  }
  const baseRounds = design.rounds.length;

  let best: RotationSearchResult;
  let greedy: RotationSearchResult | null = null;
  if (F === baseRounds) {
    best = run(F, input.fixed, label(design.rounds), budget);
  } else {
    // Beyond the design's reach a greedy start competes; where rounds are few for the
    // cohort (100 people in rooms of 5 for 10 rounds) it reaches the optimum at once.
    greedy = run(F, input.fixed, undefined, Math.ceil(budget / GREEDY_SHARE));
    if (greedy.cost <= finalBound) return orPrevious(greedy, 'greedy', null);
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
        c === 0 ? design : buildDesignStart({ roomSizes, rounds: baseRounds, random });
      if (baseDesign === null || baseDesign.rounds.length !== baseRounds) continue;
      let base = label(baseDesign.rounds);
      if (input.fixedMatters)
        base = run(baseRounds, input.fixed, base, Math.ceil(perBase / 4), pairsOnly).rounds;
      const extraDesign = buildDesignStart({ roomSizes, rounds: extra, random });
      const baseFixed = withMeetings(input.fixed, n, base);
      const startRounds =
        extraDesign && extraDesign.rounds.length === extra ? label(extraDesign.rounds) : undefined;
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
  if (greedy === null && input.fixedMatters && best.cost > finalBound && budget > 0)
    greedy = run(F, input.fixed, undefined, budget);
  if (greedy !== null && greedy.cost < best.cost) return orPrevious(greedy, 'greedy', null);
  return orPrevious(best, 'design', design.method);
}

/** Base designs tried when rounds go beyond a design's reach. */
const BASE_CANDIDATES = 6;
/** Beyond a design's reach, a greedy start first gets 1/GREEDY_SHARE of the budget. */
const GREEDY_SHARE = 3;

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
