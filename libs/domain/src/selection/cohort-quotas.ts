/**
 * The organiser's cohort quotas: who may be selected, and how a selection is checked.
 *
 * Groups are matched by exact string (the lab's taxonomy values, institution and country as
 * stored). An applicant counts once, under their primary discipline.
 */
import { compareText } from '../shared/compare-text.js';
import type { CohortApplicant } from './cohort-applicant.js';

/** Inclusive bounds on how many of a group are selected; omitted means unbounded. */
export interface CountBounds {
  min?: number;
  max?: number;
}

export const QUOTA_CATEGORIES = ['discipline', 'careerStage', 'organisationType'] as const;
export type QuotaCategory = (typeof QUOTA_CATEGORIES)[number];

export interface CohortQuotas {
  /** Bounds per primary discipline. */
  discipline?: Readonly<Record<string, CountBounds>>;
  careerStage?: Readonly<Record<string, CountBounds>>;
  organisationType?: Readonly<Record<string, CountBounds>>;
  /** At most this many from any one institution. */
  maxPerInstitution?: number;
  /** At most this many from any one country. */
  maxPerCountry?: number;
  /** Applicant ids that must be selected. */
  mustInclude?: readonly string[];
  /** Applicant ids that must not be selected. */
  mustExclude?: readonly string[];
}

export type QuotaKind =
  | 'capacity'
  | QuotaCategory
  | 'institution'
  | 'country'
  | 'mustInclude'
  | 'mustExclude'
  | 'availability';

/** A quota that a given selection breaks, and by how much. */
export interface QuotaViolation {
  quota: QuotaKind;
  /** The discipline, stage, organisation type, institution, country or applicant id; null for capacity. */
  group: string | null;
  bound: 'min' | 'max' | 'exact';
  limit: number;
  actual: number;
  /** How far the selection is from the limit (always > 0). */
  by: number;
  message: string;
}

export type QuotaConflictKind =
  | 'too-few-eligible'
  | 'minimums-exceed-capacity'
  | 'maximums-below-capacity'
  | 'min-above-max'
  | 'must-include-unknown'
  | 'must-include-unavailable'
  | 'must-include-excluded'
  | 'must-include-over-max'
  | 'must-include-over-capacity';

/** A reason, visible without solving, why no selection can satisfy the quotas. */
export interface QuotaConflict {
  kind: QuotaConflictKind;
  quota: QuotaKind;
  group: string | null;
  /** How much the quota would have to give for this reason to disappear. */
  by: number;
  message: string;
}

export const QUOTA_LABELS: Readonly<Record<QuotaKind, string>> = {
  capacity: 'capacity',
  discipline: 'discipline',
  careerStage: 'career stage',
  organisationType: 'organisation type',
  institution: 'institution',
  country: 'country',
  mustInclude: 'must-include',
  mustExclude: 'must-exclude',
  availability: 'availability',
};

export function isEligible(applicant: CohortApplicant): boolean {
  return applicant.availableForWholeWorkshop || applicant.availabilityOverride === true;
}

/**
 * Throws a RangeError for input no organiser could mean: a capacity or bound that is not a
 * non-negative integer, a non-finite merit, duplicate applicant ids.
 */
export function validateCohortInput({
  applicants,
  capacity,
  quotas,
}: {
  applicants: readonly CohortApplicant[];
  capacity: number;
  quotas: CohortQuotas;
}): void {
  requireCount(capacity, 'capacity');
  const ids = new Set<string>();
  for (const applicant of applicants) {
    if (ids.has(applicant.id)) throw new RangeError(`Applicant ${applicant.id} is listed twice`);
    ids.add(applicant.id);
    if (!Number.isFinite(applicant.merit)) {
      throw new RangeError(`Applicant ${applicant.id} has a non-finite merit`);
    }
  }
  for (const category of QUOTA_CATEGORIES) {
    for (const [group, bounds] of Object.entries(quotas[category] ?? {})) {
      if (bounds.min !== undefined) requireCount(bounds.min, `${category} ${group} min`);
      if (bounds.max !== undefined) requireCount(bounds.max, `${category} ${group} max`);
    }
  }
  if (quotas.maxPerInstitution !== undefined)
    requireCount(quotas.maxPerInstitution, 'maxPerInstitution');
  if (quotas.maxPerCountry !== undefined) requireCount(quotas.maxPerCountry, 'maxPerCountry');
}

function requireCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Every quota the selection breaks (an empty list means the selection is valid): the exact
 * capacity, category bounds, institution and country caps, must-include / must-exclude,
 * and availability.
 */
export function findQuotaViolations({
  applicants,
  selectedIds,
  capacity,
  quotas,
}: {
  applicants: readonly CohortApplicant[];
  selectedIds: readonly string[];
  capacity: number;
  quotas: CohortQuotas;
}): QuotaViolation[] {
  const byId = new Map(applicants.map((applicant) => [applicant.id, applicant]));
  const selectedSet = new Set(selectedIds);
  const selected = [...selectedSet]
    .map((id) => byId.get(id))
    .filter((applicant): applicant is CohortApplicant => applicant !== undefined);
  const violations: QuotaViolation[] = [];

  if (selectedSet.size !== capacity) {
    const by = Math.abs(selectedSet.size - capacity);
    violations.push({
      quota: 'capacity',
      group: null,
      bound: 'exact',
      limit: capacity,
      actual: selectedSet.size,
      by,
      message:
        selectedSet.size < capacity
          ? `capacity ${capacity} is not filled: ${selectedSet.size} selected (${by} short)`
          : `capacity ${capacity} is exceeded: ${selectedSet.size} selected (${by} over)`,
    });
  }

  for (const category of QUOTA_CATEGORIES) {
    const counts = countBy(selected, (applicant) => applicant[category]);
    for (const [group, bounds] of sortedEntries(quotas[category] ?? {})) {
      const actual = counts.get(group) ?? 0;
      violations.push(...boundViolations({ quota: category, group, bounds, actual }));
    }
  }

  const caps = [
    { quota: 'institution' as const, max: quotas.maxPerInstitution },
    { quota: 'country' as const, max: quotas.maxPerCountry },
  ];
  for (const { quota, max } of caps) {
    if (max === undefined) continue;
    const counts = countBy(selected, (applicant) => applicant[quota]);
    for (const [group, actual] of [...counts].sort(([a], [b]) => compareText(a, b))) {
      violations.push(...boundViolations({ quota, group, bounds: { max }, actual }));
    }
  }

  for (const id of uniqueSorted(quotas.mustInclude ?? [])) {
    if (!selectedSet.has(id)) {
      violations.push({
        quota: 'mustInclude',
        group: id,
        bound: 'min',
        limit: 1,
        actual: 0,
        by: 1,
        message: `must-include applicant ${id} is not selected`,
      });
    }
  }
  for (const id of uniqueSorted(quotas.mustExclude ?? [])) {
    if (selectedSet.has(id)) {
      violations.push({
        quota: 'mustExclude',
        group: id,
        bound: 'max',
        limit: 0,
        actual: 1,
        by: 1,
        message: `must-exclude applicant ${id} is selected`,
      });
    }
  }
  for (const id of [...selectedSet].sort(compareText)) {
    const applicant = byId.get(id);
    if (!applicant || !isEligible(applicant)) {
      violations.push({
        quota: 'availability',
        group: id,
        bound: 'max',
        limit: 0,
        actual: 1,
        by: 1,
        message: applicant
          ? `applicant ${id} is selected but not available for the whole workshop`
          : `selected id ${id} is not an applicant`,
      });
    }
  }
  return violations;
}

function boundViolations({
  quota,
  group,
  bounds,
  actual,
}: {
  quota: QuotaKind;
  group: string;
  bounds: CountBounds;
  actual: number;
}): QuotaViolation[] {
  const label = `${QUOTA_LABELS[quota]} ${group}`;
  const found: QuotaViolation[] = [];
  if (bounds.min !== undefined && actual < bounds.min) {
    found.push({
      quota,
      group,
      bound: 'min',
      limit: bounds.min,
      actual,
      by: bounds.min - actual,
      message: `${label} needs at least ${bounds.min} but has ${actual} (${bounds.min - actual} short)`,
    });
  }
  if (bounds.max !== undefined && actual > bounds.max) {
    found.push({
      quota,
      group,
      bound: 'max',
      limit: bounds.max,
      actual,
      by: actual - bounds.max,
      message: `${label} allows at most ${bounds.max} but has ${actual} (${actual - bounds.max} over)`,
    });
  }
  return found;
}

/**
 * Conflicts that make the quotas infeasible and can be seen without solving: a group with
 * fewer eligible applicants than its minimum, minimums that add up to more than the capacity,
 * maximums (and caps) that cannot fill it, must-include lists at odds with the rest.
 * An empty list does not prove feasibility: quotas can also clash in combination.
 */
export function findQuotaConflicts({
  applicants,
  capacity,
  quotas,
}: {
  applicants: readonly CohortApplicant[];
  capacity: number;
  quotas: CohortQuotas;
}): QuotaConflict[] {
  const byId = new Map(applicants.map((applicant) => [applicant.id, applicant]));
  const excluded = new Set(quotas.mustExclude ?? []);
  const candidates = applicants.filter(
    (applicant) => isEligible(applicant) && !excluded.has(applicant.id),
  );
  const forced: CohortApplicant[] = [];
  const conflicts: QuotaConflict[] = [];

  for (const id of uniqueSorted(quotas.mustInclude ?? [])) {
    const applicant = byId.get(id);
    const base = { quota: 'mustInclude' as const, group: id, by: 1 };
    if (!applicant) {
      conflicts.push({
        ...base,
        kind: 'must-include-unknown',
        message: `must-include ${id} is not an applicant`,
      });
    } else if (excluded.has(id)) {
      conflicts.push({
        ...base,
        kind: 'must-include-excluded',
        message: `applicant ${id} is on both the must-include and the must-exclude list`,
      });
    } else if (!isEligible(applicant)) {
      conflicts.push({
        ...base,
        kind: 'must-include-unavailable',
        message: `must-include applicant ${id} is not available for the whole workshop (no override given)`,
      });
    } else {
      forced.push(applicant);
    }
  }

  if (candidates.length < capacity) {
    conflicts.push({
      kind: 'too-few-eligible',
      quota: 'capacity',
      group: null,
      by: capacity - candidates.length,
      message: `capacity is ${capacity} but only ${candidates.length} eligible applicants (${capacity - candidates.length} short)`,
    });
  }
  if (forced.length > capacity) {
    conflicts.push({
      kind: 'must-include-over-capacity',
      quota: 'mustInclude',
      group: null,
      by: forced.length - capacity,
      message: `${forced.length} must-include applicants exceed capacity ${capacity} by ${forced.length - capacity}`,
    });
  }

  for (const category of QUOTA_CATEGORIES) {
    const label = QUOTA_LABELS[category];
    const bounds = quotas[category] ?? {};
    const available = countBy(candidates, (applicant) => applicant[category]);
    const forcedCounts = countBy(forced, (applicant) => applicant[category]);
    let minimumSum = 0;
    for (const [group, { min, max }] of sortedEntries(bounds)) {
      const eligible = available.get(group) ?? 0;
      minimumSum += min ?? 0;
      if (min !== undefined && max !== undefined && min > max) {
        conflicts.push({
          kind: 'min-above-max',
          quota: category,
          group,
          by: min - max,
          message: `${label} ${group}: minimum ${min} is above maximum ${max}`,
        });
      }
      if (min !== undefined && eligible < min) {
        conflicts.push({
          kind: 'too-few-eligible',
          quota: category,
          group,
          by: min - eligible,
          message: `${label} ${group} needs at least ${min} but only ${eligible} eligible applicant${eligible === 1 ? '' : 's'}`,
        });
      }
      const forcedCount = forcedCounts.get(group) ?? 0;
      if (max !== undefined && forcedCount > max) {
        conflicts.push({
          kind: 'must-include-over-max',
          quota: category,
          group,
          by: forcedCount - max,
          message: `${label} ${group} allows at most ${max} but ${forcedCount} must-include applicants belong to it`,
        });
      }
    }
    if (minimumSum > capacity) {
      conflicts.push({
        kind: 'minimums-exceed-capacity',
        quota: category,
        group: null,
        by: minimumSum - capacity,
        message: `${label} minimums sum to ${minimumSum}, exceeding capacity ${capacity} by ${minimumSum - capacity}`,
      });
    }
    let reachable = 0;
    for (const [group, eligible] of available)
      reachable += Math.min(eligible, bounds[group]?.max ?? eligible);
    if (reachable < capacity && reachable < candidates.length) {
      conflicts.push({
        kind: 'maximums-below-capacity',
        quota: category,
        group: null,
        by: capacity - reachable,
        message: `${label} maximums allow at most ${reachable} of capacity ${capacity} (${capacity - reachable} short)`,
      });
    }
  }

  const caps = [
    { quota: 'institution' as const, max: quotas.maxPerInstitution },
    { quota: 'country' as const, max: quotas.maxPerCountry },
  ];
  for (const { quota, max } of caps) {
    if (max === undefined) continue;
    const label = QUOTA_LABELS[quota];
    const available = countBy(candidates, (applicant) => applicant[quota]);
    let reachable = 0;
    for (const eligible of available.values()) reachable += Math.min(eligible, max);
    if (reachable < capacity && reachable < candidates.length) {
      conflicts.push({
        kind: 'maximums-below-capacity',
        quota,
        group: null,
        by: capacity - reachable,
        message: `at most ${max} per ${label} allows at most ${reachable} of capacity ${capacity} (${capacity - reachable} short)`,
      });
    }
    const forcedCounts = countBy(forced, (applicant) => applicant[quota]);
    for (const [group, count] of [...forcedCounts].sort(([a], [b]) => compareText(a, b))) {
      if (count > max) {
        conflicts.push({
          kind: 'must-include-over-max',
          quota,
          group,
          by: count - max,
          message: `${label} ${group} allows at most ${max} but ${count} must-include applicants belong to it`,
        });
      }
    }
  }
  return conflicts;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => compareText(a, b));
}

function uniqueSorted(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort(compareText);
}

/**
 * The quotas (and capacity) with a relaxation applied: each violated bound moved to what the
 * relaxed selection reached, a must-include left out, a must-exclude allowed. Applied together,
 * the changes of one relaxation always admit a cohort (the relaxed selection itself), which is
 * what the advice promises; the client can offer them as one "apply these changes".
 */
export function applyQuotaRelaxation({
  quotas,
  capacity,
  relaxation,
}: {
  quotas: CohortQuotas;
  capacity: number;
  relaxation: readonly QuotaViolation[];
}): { quotas: CohortQuotas; capacity: number } {
  const next = {
    ...quotas,
    discipline: { ...quotas.discipline },
    careerStage: { ...quotas.careerStage },
    organisationType: { ...quotas.organisationType },
    mustInclude: [...(quotas.mustInclude ?? [])],
    mustExclude: [...(quotas.mustExclude ?? [])],
  };
  let nextCapacity = capacity;
  for (const violation of relaxation) {
    switch (violation.quota) {
      case 'capacity':
        nextCapacity = violation.actual;
        break;
      case 'discipline':
      case 'careerStage':
      case 'organisationType': {
        const group = violation.group ?? '';
        const bounds = { ...next[violation.quota][group] };
        if (violation.bound === 'min' || violation.bound === 'exact') bounds.min = violation.actual;
        if (violation.bound === 'max' || violation.bound === 'exact') bounds.max = violation.actual;
        next[violation.quota][group] = bounds;
        break;
      }
      case 'institution':
        next.maxPerInstitution = Math.max(next.maxPerInstitution ?? 0, violation.actual);
        break;
      case 'country':
        next.maxPerCountry = Math.max(next.maxPerCountry ?? 0, violation.actual);
        break;
      case 'mustInclude':
        next.mustInclude = next.mustInclude.filter((id) => id !== violation.group);
        break;
      case 'mustExclude':
        next.mustExclude = next.mustExclude.filter((id) => id !== violation.group);
        break;
      case 'availability':
        // Never part of a relaxation: the elastic model chooses among eligible applicants only.
        break;
      default: {
        const unreachable: never = violation.quota;
        throw new Error(`unknown quota ${String(unreachable)}`);
      }
    }
  }
  return { quotas: next, capacity: nextCapacity };
}
