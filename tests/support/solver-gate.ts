import { SolverPool } from '@ideas-lab/platform';
import type { TestApp } from './test-app.js';

export interface HeldSolves {
  /** Resolves when the first solve reaches the pool (rejects after 15 s if none does). */
  started: Promise<void>;
  /** Let the held solves (and every later one) run. */
  release(): void;
  /** The tasks that reached the pool, in order. */
  tasks: string[];
  restore(): void;
}

/**
 * Hold every solve of an app at the door of its solver pool, to see what the rest of the
 * server can do while a solver works (it must hold no lock and no transaction meanwhile).
 */
export function holdSolves(app: TestApp): HeldSolves {
  const pool = app.app.get(SolverPool);
  const run = pool.run.bind(pool);
  const tasks: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const first = new Promise<void>((resolve) => (started = resolve));
  pool.run = (async (...args: Parameters<SolverPool['run']>) => {
    tasks.push(args[0]);
    started();
    await gate;
    return run(...args);
  }) as SolverPool['run'];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('No solve reached the solver pool within 15 s.')),
      15_000,
    );
  });
  return {
    started: Promise.race([first, timeout]).finally(() => clearTimeout(timer)),
    release,
    tasks,
    restore: () => {
      release();
      pool.run = run;
    },
  };
}
