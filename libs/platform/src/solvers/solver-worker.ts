/**
 * The entry point of a solver thread (piscina loads it): one job in, its outcome out. The
 * built server loads the compiled .js; tests and benchmarks load this file through tsx.
 */
export { runSolverJob as default } from './solver-job.js';
