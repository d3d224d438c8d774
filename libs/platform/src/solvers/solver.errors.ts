import { AppError, type ErrorDetails } from '../errors/app-error.js';
import { errorCatalogue } from '../errors/error-catalogue.js';

/** Solves that did not run to their end; any route that solves may answer with these. */
export const solverErrors = errorCatalogue({
  SOLVER_TIMED_OUT: 503,
  SOLVER_CANCELLED: 503,
  SOLVER_BUSY: 503,
  SOLVER_UNAVAILABLE: 503,
});

export type SolverErrorCode = keyof typeof solverErrors;

/** A solve that did not run to its end: over its time budget, cancelled, or no room to run it. */
export class SolverError extends AppError {
  readonly status: number;

  constructor(code: SolverErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = solverErrors[code];
  }
}
