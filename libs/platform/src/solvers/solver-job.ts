import { solverErrorTypes, solverTasks, type SolverTaskName } from './solver-tasks.js';

/** One solve as handed to a worker thread: plain, structured-cloneable data. */
export interface SolverJob {
  task: SolverTaskName;
  input: unknown;
  /** Epoch milliseconds by which the solver should have answered. */
  deadline: number;
}

/** An error as it crosses threads: enough to throw it again as its own class. */
export interface SolverJobError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export type SolverJobOutcome = { ok: true; value: unknown } | { ok: false; error: SolverJobError };

/**
 * Run one job. Errors come back as data (a thread would otherwise lose their class and
 * `code`), so the caller can throw them again as what they were.
 */
export async function runSolverJob(job: SolverJob): Promise<SolverJobOutcome> {
  const task = solverTasks[job.task] as
    ((input: unknown, budget: { deadline: number }) => unknown) | undefined;
  try {
    if (typeof task !== 'function') throw new TypeError(`There is no solver named "${job.task}".`);
    return { ok: true, value: await task(job.input, { deadline: job.deadline }) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const code = (e as { code?: unknown }).code;
    return {
      ok: false,
      error: {
        name: e.name,
        message: e.message,
        ...(typeof code === 'string' ? { code } : {}),
        ...(e.stack ? { stack: e.stack } : {}),
      },
    };
  }
}

/** The error a job failed with, as an instance of its own class when the solver declared it. */
export function reviveSolverError(error: SolverJobError): Error {
  const type = solverErrorTypes.find((t) => t.name === error.name);
  const revived: Error = Object.create((type ?? Error).prototype) as Error;
  Object.defineProperties(revived, {
    name: { value: error.name, writable: true, configurable: true },
    message: { value: error.message, writable: true, configurable: true },
    stack: {
      value: error.stack ?? `${error.name}: ${error.message}`,
      writable: true,
      configurable: true,
    },
  });
  if (error.code !== undefined)
    Object.defineProperty(revived, 'code', {
      value: error.code,
      enumerable: true,
      configurable: true,
    });
  return revived;
}
