/**
 * Team formation screens' pure logic: words for ratings and rules, the move choices a person
 * has, and two runs side by side.
 */

export const RATING_LABELS = ['Not for me', 'Some interest', 'Keen', 'Very keen'] as const;

/** Skills typed as one line, comma-separated: trimmed, each once, empty ones dropped. */
export function parseSkills(text: string): string[] {
  const out: string[] = [];
  const taken = new Set<string>();
  for (const part of text.split(',')) {
    const skill = part.trim();
    if (skill && !taken.has(skill.toLowerCase())) {
      taken.add(skill.toLowerCase());
      out.push(skill);
    }
  }
  return out;
}

/** A team's size against its cap, as a person reads it: "3 of 5", "3 people". */
export function sizeLabel(count: number, maxSize: number | null): string {
  if (maxSize === null) return `${count} ${count === 1 ? 'person' : 'people'}`;
  return `${count} of ${maxSize}${count >= maxSize ? ' (full)' : ''}`;
}

export interface RunFigures {
  status: string;
  objective: number | null;
  interest: number | null;
  wantedPairsHonoured: number | null;
  minSatisfaction: number | null;
  baselineObjective: number | null;
  teams: number;
  unassigned: number;
  seed: string;
}

/** Rows of a side-by-side comparison of runs: a label and each run's value, in words. */
export function compareRuns(runs: readonly RunFigures[]): { label: string; values: string[] }[] {
  const show = (value: number | null, digits = 0) =>
    value === null ? '—' : value.toFixed(digits).replace(/\.0+$/, '');
  return [
    { label: 'Outcome', values: runs.map((r) => statusLabel(r.status)) },
    { label: 'Teams', values: runs.map((r) => String(r.teams)) },
    { label: 'People without a team', values: runs.map((r) => String(r.unassigned)) },
    { label: 'Total interest', values: runs.map((r) => show(r.interest)) },
    { label: 'Wanted pairs together', values: runs.map((r) => show(r.wantedPairsHonoured)) },
    { label: 'Least-satisfied person', values: runs.map((r) => ratingWord(r.minSatisfaction)) },
    { label: 'Objective', values: runs.map((r) => show(r.objective, 1)) },
    { label: 'Classroom-tool baseline', values: runs.map((r) => show(r.baselineObjective, 1)) },
    { label: 'Seed', values: runs.map((r) => r.seed) },
  ];
}

export function statusLabel(status: string): string {
  switch (status) {
    case 'optimal':
      return 'Best possible teams';
    case 'feasible':
      return 'Good teams (time ran out before proving the best)';
    case 'infeasible':
      return 'The rules cannot all hold';
    default:
      return 'No teams found';
  }
}

export function ratingWord(value: number | null): string {
  if (value === null) return '—';
  return RATING_LABELS[Math.max(0, Math.min(3, Math.round(value)))];
}

/** The teams someone could be moved to (every other team that is not confirmed). */
export function moveTargets<T extends { id: string; status: string }>(
  teams: readonly T[],
  fromTeamId: string | null,
): T[] {
  return teams.filter((team) => team.id !== fromTeamId && team.status !== 'confirmed');
}

/** Counts as bars of a small chart: label, count and share of the largest. */
export function bars(
  counts: Record<string, number>,
): { label: string; count: number; share: number }[] {
  const entries = Object.entries(counts);
  const most = Math.max(1, ...entries.map(([, n]) => n));
  return entries.map(([label, count]) => ({ label, count, share: count / most }));
}
