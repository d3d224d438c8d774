/**
 * The solvers the pool runs, by name: pure functions of libs/domain, each wrapped so the
 * pool's time budget reaches the solver (HiGHS' time limit, the rotation search's clock).
 *
 * Adding a solver is one line here: `formTeams: milp(formTeams)` for a function that takes
 * `solver?: MilpSolveOptions`, `search(fn)` for one that takes `timeLimit?: { ms, clock }`,
 * `plain(fn)` for one with no time limit of its own (the pool still enforces the budget). A
 * solver that throws its own error class lists it in `solverErrorTypes`, so callers catch it
 * as that class whichever thread it was thrown in.
 */
import {
  assignReviewers,
  formTeams,
  optimiseFundingPortfolio,
  planRotation,
  promoteFromWaitlist,
  rankProposals,
  RotationPlanError,
  selectCohort,
  TeamFormationError,
  type MilpSolveOptions,
} from '@ideas-lab/domain';

/** When the solve must be done: epoch milliseconds (the same clock in every thread). */
export interface SolverBudget {
  deadline: number;
}

export function remainingMs(budget: SolverBudget): number {
  return Math.max(1, budget.deadline - Date.now());
}

/** A HiGHS-backed solver: its time limit is the budget left (or less, if the input asks). */
function milp<I extends { solver?: MilpSolveOptions }, O>(solve: (input: I) => Promise<O>) {
  return (input: I, budget: SolverBudget): Promise<O> => {
    const seconds = remainingMs(budget) / 1000;
    const asked = input.solver?.timeLimitSeconds ?? Number.POSITIVE_INFINITY;
    return solve({
      ...input,
      solver: { ...input.solver, timeLimitSeconds: Math.min(asked, seconds) },
    });
  };
}

/** A local search with an injected clock: it stops when the budget is spent. */
function search<I extends { timeLimit?: { ms: number; clock: () => number } }, O>(
  solve: (input: I) => O,
) {
  return (input: Omit<I, 'timeLimit'>, budget: SolverBudget): O =>
    solve({
      ...input,
      timeLimit: { ms: remainingMs(budget), clock: () => performance.now() },
    } as I);
}

/** A solver with no time limit of its own: only the pool's abort bounds it. */
export function plain<I, O>(solve: (input: I) => O | Promise<O>) {
  return (input: I, _budget: SolverBudget): O | Promise<O> => solve(input);
}

export const solverTasks = {
  selectCohort: milp(selectCohort),
  promoteFromWaitlist: milp(promoteFromWaitlist),
  assignReviewers: milp(assignReviewers),
  planRotation: search(planRotation),
  rankProposals: plain(rankProposals),
  optimiseFundingPortfolio: milp(optimiseFundingPortfolio),
  // HiGHS with a baseline, climbs and neighbourhoods around it: the clock bounds all of them.
  formTeams: search(formTeams),
};

/** Error classes solvers throw on purpose, revived as themselves on the caller's side. */
export const solverErrorTypes: readonly (abstract new (...args: never[]) => Error)[] = [
  RangeError,
  TypeError,
  RotationPlanError,
  TeamFormationError,
];

export type SolverTasks = typeof solverTasks;
export type SolverTaskName = keyof SolverTasks;
export type SolverInput<N extends SolverTaskName> = Parameters<SolverTasks[N]>[0];
export type SolverOutput<N extends SolverTaskName> = Awaited<ReturnType<SolverTasks[N]>>;
