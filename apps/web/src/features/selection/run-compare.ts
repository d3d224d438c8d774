import type { SelectionRun } from './types';

export interface RunComparison {
  /** Selected in the first run only, best merit first. */
  onlyFirst: string[];
  /** Selected in the second run only, best merit first. */
  onlySecond: string[];
  /** Selected in both. */
  both: number;
  /** Second minus first; null when either found no cohort. */
  objectiveDelta: number | null;
}

/** Who is in one run's cohort and not the other's, and what that does to the merit. */
export function compareRuns(
  first: Pick<SelectionRun, 'inputs' | 'result'>,
  second: Pick<SelectionRun, 'inputs' | 'result'>,
): RunComparison {
  const merit = new Map<string, number>();
  for (const run of [first, second])
    for (const a of run.inputs.applicants) if (!merit.has(a.id)) merit.set(a.id, a.merit);
  const best = (a: string, b: string) =>
    (merit.get(b) ?? -Infinity) - (merit.get(a) ?? -Infinity) || a.localeCompare(b);
  const a = new Set(first.result.selectedIds);
  const b = new Set(second.result.selectedIds);
  const { objective: oa } = first.result;
  const { objective: ob } = second.result;
  return {
    onlyFirst: [...a].filter((id) => !b.has(id)).sort(best),
    onlySecond: [...b].filter((id) => !a.has(id)).sort(best),
    both: [...a].filter((id) => b.has(id)).length,
    objectiveDelta: oa === null || ob === null ? null : ob - oa,
  };
}
