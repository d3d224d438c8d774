import { afterAll, describe, expect, it } from 'vitest';
import {
  formTeams,
  planRotation,
  RotationPlanError,
  selectCohort,
  TeamFormationError,
} from '@ideas-lab/domain';
import { SolverError, SolverPool } from '@ideas-lab/platform';

const participants = Array.from({ length: 40 }, (_, i) => ({
  id: `p${String(i).padStart(2, '0')}`,
  discipline: ['AI', 'biology', 'clinic', 'maths'][i % 4],
}));
const rotation = { participants, rounds: 4, roomSize: 5, seed: 7 };
const applicants = Array.from({ length: 60 }, (_, i) => ({
  id: `a${String(i).padStart(2, '0')}`,
  merit: (i * 37) % 60,
  discipline: ['AI', 'biology', 'clinic'][i % 3],
  careerStage: 'early',
  organisationType: 'university',
  institution: `inst${i % 7}`,
  country: 'US',
  availableForWholeWorkshop: true,
}));
const selection = { applicants, capacity: 10, quotas: { discipline: { clinic: { min: 4 } } } };
const formation = {
  participants: participants.slice(0, 12).map((person, i) => ({
    ...person,
    careerStage: i % 3 === 0 ? 'senior' : 'early',
    interests: { a: i % 4, b: (i + 1) % 4, c: (i + 2) % 4 },
  })),
  ideas: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  rules: {
    teamCount: { min: 2, max: 3 },
    teamSize: { min: 3, max: 6 },
    minDisciplines: 2,
    mixedCareerStages: true,
  },
  seed: 3,
};

describe('SolverPool', () => {
  const pool = new SolverPool({ threads: 1, timeLimitMs: 30_000 });
  afterAll(() => pool.close());

  it('solves in a worker thread, with the same result as on this thread', async () => {
    const [plan, cohort] = [
      await pool.run('planRotation', rotation),
      await pool.run('selectCohort', selection),
    ];
    // vitest loads TypeScript; the thread does too, through tsx: no fallback to this thread.
    expect(pool.kind).toBe('threads');
    expect(plan.rounds).toEqual(planRotation(rotation).rounds);
    expect(plan.metrics).toEqual(planRotation(rotation).metrics);
    const here = await selectCohort(selection);
    expect(cohort.selectedIds).toEqual(here.selectedIds);
    expect(cohort.status).toBe('optimal');
  });

  it("throws a solver's own error as its own class, code included", async () => {
    const error = await pool.run('planRotation', { ...rotation, roomSize: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(RotationPlanError);
    expect(error.code).toBe('ROTATION_INVALID_ROOM_SIZE');
    const range = await pool.run('selectCohort', { ...selection, capacity: -1 }).catch((e) => e);
    expect(range).toBeInstanceOf(RangeError);
  });

  it('stops a solve that overruns its budget, and keeps serving', async () => {
    const strict = new SolverPool({ threads: 1, timeLimitMs: 1, graceMs: 0 });
    try {
      // A thread takes far more than a millisecond to start: the solve is stopped.
      const error = await strict.run('planRotation', rotation).catch((e) => e);
      expect(error).toBeInstanceOf(SolverError);
      expect(error.code).toBe('SOLVER_TIMED_OUT');
      expect(error.status).toBe(503);
      const plan = await strict.run('planRotation', rotation, { timeLimitMs: 30_000 });
      expect(plan.rounds).toHaveLength(4);
    } finally {
      await strict.close();
    }
  });

  it('cancels a running solve when its signal aborts, and keeps serving', async () => {
    // A 10,000 → 1,000 selection with quotas: far longer than the moment before the abort.
    const big = {
      applicants: Array.from({ length: 10_000 }, (_, i) => ({
        ...applicants[i % applicants.length],
        id: `b${String(i).padStart(5, '0')}`,
        merit: (i * 7919) % 10_007,
        discipline: `d${i % 8}`,
        institution: `inst${i % 900}`,
      })),
      capacity: 1_000,
      quotas: {
        discipline: Object.fromEntries(
          Array.from({ length: 8 }, (_, d) => [`d${d}`, { min: 110 }]),
        ),
        maxPerInstitution: 2,
      },
    };
    const controller = new AbortController();
    const running = pool.run('selectCohort', big, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await running.catch((e) => e);
    expect(error).toBeInstanceOf(SolverError);
    expect(error.code).toBe('SOLVER_CANCELLED');
    const already = await pool
      .run('planRotation', rotation, { signal: AbortSignal.abort() })
      .catch((e) => e);
    expect(already.code).toBe('SOLVER_CANCELLED');
    expect((await pool.run('planRotation', rotation)).rounds).toHaveLength(4);
  });

  it('refuses new solves once closed, with a stable code', async () => {
    const closing = new SolverPool({ threads: 1, timeLimitMs: 30_000 });
    await closing.close();
    const error = await closing.run('planRotation', rotation).catch((e) => e);
    expect(error.code).toBe('SOLVER_UNAVAILABLE');
  });

  it('runs on this thread behind the same interface where threads cannot load the solvers', async () => {
    const here = new SolverPool({ threads: 1, timeLimitMs: 30_000, executor: 'in-process' });
    try {
      const plan = await here.run('planRotation', rotation);
      expect(here.kind).toBe('in-process');
      expect(plan.rounds).toEqual(planRotation(rotation).rounds);
      const error = await here.run('planRotation', { ...rotation, roomSize: 0 }).catch((e) => e);
      expect(error).toBeInstanceOf(RotationPlanError);
    } finally {
      await here.close();
    }
  });
  it('forms teams in a worker thread, as on this thread', async () => {
    const there = await pool.run('formTeams', formation);
    const here = await formTeams(formation);
    expect(there.status).toBe('optimal');
    expect(there.teams).toEqual(here.teams);
    expect(there.objective).toBe(here.objective);
    const error = await pool
      .run('formTeams', { ...formation, rules: { teamCount: { min: -1, max: 2 } } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TeamFormationError);
    expect(error.code).toBe('TEAMS_INVALID_RULE');
  });
});
