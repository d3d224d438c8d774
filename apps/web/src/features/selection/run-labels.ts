import type { SelectionRunSummary, SelectionStatus } from './types';
import type { BadgeTone } from '../../components/badge';

export const STATUS_LABELS: Record<SelectionStatus, string> = {
  optimal: 'Optimal',
  feasible: 'Feasible',
  infeasible: 'Infeasible',
  'no-solution': 'No solution',
};

/** A run that found a cohort looks fine; one that could not, wrong. */
export const RUN_TONES: Record<string, BadgeTone> = {
  optimal: 'ok',
  feasible: 'ok',
  infeasible: 'danger',
  'no-solution': 'danger',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as SelectionStatus] ?? status;
}

/** Runs are numbered in the order they were made (the list comes newest first). */
export function runNumbers(runs: readonly Pick<SelectionRunSummary, 'id'>[]): Map<string, number> {
  return new Map(runs.map((run, i) => [run.id, runs.length - i]));
}

export const foundCohort = (status: string) => status === 'optimal' || status === 'feasible';
