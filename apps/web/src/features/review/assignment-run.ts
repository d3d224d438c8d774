import type { AssignmentRun } from './api';

/** The settings a run was made with, as the form shows them. */
export function runSettings(run: AssignmentRun | null) {
  if (!run || run.loads.length === 0) return null;
  const low = Math.min(...run.loads.map((l) => l.min));
  const highs = run.loads.flatMap((l) => (l.max === null ? [] : [l.max]));
  return {
    k: String(run.reviewsPerApplication),
    min: low > 0 ? String(low) : '',
    max: highs.length > 0 ? String(Math.min(...highs)) : '',
    reviewerIds: run.loads.map((l) => l.reviewerId),
  };
}
