import { describe, expect, it } from 'vitest';
import type { AssignmentRun } from './api';
import { runSettings } from './assignment-run';

const run = (loads: AssignmentRun['loads'], k = 2): AssignmentRun => ({
  runId: 'r',
  complete: true,
  optimal: true,
  solverStatus: 'Optimal',
  reviewsPerApplication: k,
  applications: 4,
  kept: 0,
  added: 8,
  loads,
  loadSpread: 1,
  unfilled: [],
  problems: [],
  warnings: [],
  createdAt: '2026-11-26T20:00:00Z',
});
const load = (reviewerId: string, min: number, max: number | null) => ({
  reviewerId,
  name: reviewerId,
  load: 2,
  min,
  max,
});

describe('runSettings', () => {
  it('has nothing to offer before the first run', () => {
    expect(runSettings(null)).toBeNull();
    expect(runSettings(run([]))).toBeNull();
  });

  it('starts a re-run from the last run: k, the load range and its reviewers', () => {
    expect(runSettings(run([load('mia', 1, 3), load('max', 1, 3)], 3))).toEqual({
      k: '3',
      min: '1',
      max: '3',
      reviewerIds: ['mia', 'max'],
    });
  });

  it('leaves a bound empty when the run had none', () => {
    expect(runSettings(run([load('mia', 0, null)]))).toMatchObject({ min: '', max: '' });
  });

  it('takes the asked maximum, not one the solver raised for a reviewer holding more', () => {
    expect(runSettings(run([load('mia', 0, 3), load('max', 0, 5)]))?.max).toBe('3');
  });
});
