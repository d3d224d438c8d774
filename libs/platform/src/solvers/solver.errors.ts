import { AppError, type ErrorDetails } from '../errors/app-error.js';

export type SolverErrorCode =
  'SOLVER_TIMED_OUT' | 'SOLVER_CANCELLED' | 'SOLVER_BUSY' | 'SOLVER_UNAVAILABLE';

export function statusForSolverError(code: SolverErrorCode): number {
  switch (code) {
    case 'SOLVER_TIMED_OUT':
    case 'SOLVER_CANCELLED':
    case 'SOLVER_BUSY':
    case 'SOLVER_UNAVAILABLE':
      return 503;
  }
}

/** A solve that did not run to its end: over its time budget, cancelled, or no room to run it. */
export class SolverError extends AppError {
  readonly status: number;

  constructor(code: SolverErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = statusForSolverError(code);
  }
}
