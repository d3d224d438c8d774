import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Piscina } from 'piscina';
import { reviveSolverError, type SolverJob, type SolverJobOutcome } from './solver-job.js';
import { SolverError } from './solver.errors.js';
import type { SolverInput, SolverOutput, SolverTaskName } from './solver-tasks.js';

export interface SolverPoolOptions {
  /** Solver threads at most (started on the first solve, one kept warm). */
  threads: number;
  /** The time budget of a solve unless its caller gives one. */
  timeLimitMs: number;
  /** Solves waiting for a thread at most; more are refused with SOLVER_BUSY. */
  maxQueue?: number;
  /** How long past its budget a solve may run before it is stopped (default: graceMs(budget)). */
  graceMs?: number;
  /** Force the executor: `threads` (default) or `in-process` (tests of the fallback only). */
  executor?: 'threads' | 'in-process';
}

export interface SolveOptions {
  /** Cancels the solve: a running one has its thread stopped, a queued one never starts. */
  signal?: AbortSignal;
  /** The time budget of this solve (default: the pool's). */
  timeLimitMs?: number;
}

/** How a job reaches its solver: a worker thread, or (where threads cannot load TypeScript) this thread. */
interface SolverExecutor {
  readonly kind: 'threads' | 'in-process';
  run(job: SolverJob, signal: AbortSignal): Promise<SolverJobOutcome>;
  close(): Promise<void>;
}

/**
 * Past its budget a solver gets this long to hand back its best answer (HiGHS stops at its
 * time limit and reports `feasible`) before its thread is stopped and the solve refused.
 */
export function graceMs(timeLimitMs: number): number {
  return Math.max(1_000, Math.round(timeLimitMs * 0.1));
}

/**
 * Runs the optimisers (cohort selection, reviewer assignment, breakout rotation, …) off the
 * event loop, in worker threads of lower priority, so that sockets and timers keep their
 * pace while a solve runs. Each solve has a time budget, passed to the solver and enforced
 * here (its thread is stopped when it overruns), and can be cancelled with an AbortSignal.
 *
 * Threads start on the first solve. The built server runs the compiled worker; under tsx
 * (benchmarks) and vitest the worker is TypeScript, loaded through tsx's loader in the
 * thread. Only if tsx cannot be found for a TypeScript worker does the pool fall back to
 * solving on this thread (same interface, no isolation), and it says so in the log.
 */
export class SolverPool implements OnApplicationShutdown {
  private readonly logger = new Logger('SolverPool');
  private executor: SolverExecutor | null = null;
  private readonly closing = new AbortController();
  private closed: Promise<void> | null = null;

  constructor(private readonly options: SolverPoolOptions) {}

  /** The executor in use, or null before the first solve. */
  get kind(): SolverExecutor['kind'] | null {
    return this.executor?.kind ?? null;
  }

  async run<N extends SolverTaskName>(
    task: N,
    input: SolverInput<N>,
    options: SolveOptions = {},
  ): Promise<SolverOutput<N>> {
    if (this.closing.signal.aborted) throw unavailable();
    if (options.signal?.aborted) throw cancelled(task);
    const budget = options.timeLimitMs ?? this.options.timeLimitMs;
    const overrun = new AbortController();
    const timer = setTimeout(
      () => overrun.abort(),
      budget + (this.options.graceMs ?? graceMs(budget)),
    );
    const signals = [overrun.signal, this.closing.signal];
    if (options.signal) signals.push(options.signal);
    try {
      const outcome = await this.start().run(
        { task, input, deadline: Date.now() + budget },
        AbortSignal.any(signals),
      );
      if (!outcome.ok) throw reviveSolverError(outcome.error);
      return outcome.value as SolverOutput<N>;
    } catch (error) {
      if (overrun.signal.aborted)
        throw new SolverError(
          'SOLVER_TIMED_OUT',
          `The ${task} solver did not finish within its time budget of ${Math.round(budget / 1000)} s; it was stopped.`,
          { task, timeLimitSeconds: budget / 1000 },
        );
      if (options.signal?.aborted) throw cancelled(task);
      if (this.closing.signal.aborted) throw unavailable();
      if (error instanceof Error && error.message === 'Task queue is at limit')
        throw new SolverError(
          'SOLVER_BUSY',
          'Too many solves are waiting for the solver; try again in a moment.',
          { task },
        );
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Nest closes the pool after the HTTP server has drained (requests awaiting a solve got it). */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /**
   * Stop taking solves, cancel the ones still queued, let running ones finish (up to a
   * few seconds), then stop the threads. Called at shutdown once requests have drained.
   */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing.abort();
      await this.executor?.close();
    })();
    return this.closed;
  }

  private start(): SolverExecutor {
    if (this.executor) return this.executor;
    const worker = new URL(
      `./solver-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
      import.meta.url,
    );
    if (this.options.executor === 'in-process') {
      this.executor = inProcessExecutor();
      return this.executor;
    }
    const execArgv = [...process.execArgv];
    if (worker.pathname.endsWith('.ts')) {
      const tsx = tsxLoader();
      if (tsx === null) {
        this.logger.warn(
          'tsx is not installed, so solver threads cannot load the TypeScript worker: solving on the main thread.',
        );
        this.executor = inProcessExecutor();
        return this.executor;
      }
      execArgv.push('--import', tsx);
    }
    this.executor = threadExecutor(
      new Piscina({
        filename: worker.href,
        minThreads: 1,
        maxThreads: this.options.threads,
        maxQueue: this.options.maxQueue ?? 32,
        idleTimeout: 60_000,
        // Below the event loop's priority: live traffic first, solves with what is left.
        niceIncrement: 10,
        closeTimeout: 10_000,
        execArgv,
      }),
      this.logger,
    );
    return this.executor;
  }
}

function threadExecutor(pool: Piscina, logger: Logger): SolverExecutor {
  // piscina reports a close that timed out as an 'error' event: log it, never crash on it.
  pool.on('error', (error: unknown) => logger.error({ msg: 'solver pool error', err: error }));
  return {
    kind: 'threads',
    run: (job, signal) => pool.run(job, { signal }) as Promise<SolverJobOutcome>,
    close: () => pool.close({ force: true }),
  };
}

function inProcessExecutor(): SolverExecutor {
  const running = new Set<Promise<unknown>>();
  return {
    kind: 'in-process',
    async run(job, signal) {
      const { runSolverJob } = await import('./solver-job.js');
      if (signal.aborted) throw signal.reason;
      const solve = runSolverJob(job);
      running.add(solve);
      const forget = () => running.delete(solve);
      void solve.then(forget, forget);
      // A solve on this thread cannot be stopped: the caller stops waiting for it.
      return new Promise<SolverJobOutcome>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        solve.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
    async close() {
      await Promise.allSettled(running);
    },
  };
}

/** tsx's loader as a file URL, for threads that load the TypeScript worker; null without tsx. */
function tsxLoader(): string | null {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    return null;
  }
}

const cancelled = (task: string) =>
  new SolverError('SOLVER_CANCELLED', `The ${task} solve was cancelled.`, { task });
const unavailable = () =>
  new SolverError(
    'SOLVER_UNAVAILABLE',
    'The server is shutting down and takes no new solves; try again in a moment.',
  );
