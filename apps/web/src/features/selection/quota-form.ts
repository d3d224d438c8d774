import type { LabTaxonomy } from '../../api/types';
import type { FieldErrors } from '../../lib/field-errors';
import {
  QUOTA_CATEGORIES,
  type CountBounds,
  type CreateSelectionRun,
  type QuotaCategory,
  type SelectionQuotas,
} from './types';

/** What the organiser types: numbers stay strings until the form is sent. */
export interface BoundsInput {
  min: string;
  max: string;
}

export interface QuotaFormValues {
  capacity: string;
  bounds: Record<QuotaCategory, Record<string, BoundsInput>>;
  maxPerInstitution: string;
  maxPerCountry: string;
  mustInclude: string[];
  mustExclude: string[];
  availabilityOverrides: string[];
  lottery: boolean;
  lotteryTolerance: string;
  lotterySeed: string;
  seed: string;
}

export const QUOTA_CATEGORY_LABELS: Record<QuotaCategory, string> = {
  discipline: 'Discipline',
  careerStage: 'Career stage',
  organisationType: 'Organisation type',
};

const TAXONOMY_KEYS: Record<QuotaCategory, keyof LabTaxonomy> = {
  discipline: 'disciplines',
  careerStage: 'careerStages',
  organisationType: 'organisationTypes',
};

/** The dotted path the server names a bound by: `quotas.discipline.AI.min`. */
export const boundField = (category: QuotaCategory, group: string, side: 'min' | 'max') =>
  `quotas.${category}.${group}.${side}`;

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

/** The groups of each category: the lab's taxonomy, then any other group a stored run bounded. */
function groupsOf(taxonomy: LabTaxonomy, quotas: SelectionQuotas, category: QuotaCategory) {
  const groups = [...taxonomy[TAXONOMY_KEYS[category]]];
  for (const group of Object.keys(quotas[category] ?? {}))
    if (!groups.includes(group)) groups.push(group);
  return groups;
}

/** The form for a lab, empty or filled from a stored run's quotas. */
export function quotaFormValues(
  lab: { capacity: number; taxonomy: LabTaxonomy },
  from?: {
    capacity: number;
    quotas: SelectionQuotas;
    lottery: { tolerance: number } | null;
    availabilityOverrides?: string[];
  },
): QuotaFormValues {
  const quotas = from?.quotas ?? {};
  const bounds = {} as QuotaFormValues['bounds'];
  for (const category of QUOTA_CATEGORIES) {
    bounds[category] = {};
    for (const group of groupsOf(lab.taxonomy, quotas, category)) {
      const b: CountBounds = quotas[category]?.[group] ?? {};
      bounds[category][group] = { min: text(b.min), max: text(b.max) };
    }
  }
  return {
    capacity: String(from?.capacity ?? lab.capacity),
    bounds,
    maxPerInstitution: text(quotas.maxPerInstitution),
    maxPerCountry: text(quotas.maxPerCountry),
    mustInclude: [...(quotas.mustInclude ?? [])],
    mustExclude: [...(quotas.mustExclude ?? [])],
    availabilityOverrides: [...(from?.availabilityOverrides ?? [])],
    lottery: from?.lottery != null,
    lotteryTolerance: from?.lottery ? String(from.lottery.tolerance) : '',
    lotterySeed: '',
    seed: '',
  };
}

/** Every field path of the form, for routing the server's field errors. */
export function quotaFormFields(values: QuotaFormValues): string[] {
  const fields = [
    'capacity',
    'quotas.maxPerInstitution',
    'quotas.maxPerCountry',
    'mustInclude',
    'mustExclude',
    'availabilityOverrides',
    'lottery.tolerance',
    'lottery.seed',
    'seed',
  ];
  for (const category of QUOTA_CATEGORIES)
    for (const group of Object.keys(values.bounds[category]))
      fields.push(boundField(category, group, 'min'), boundField(category, group, 'max'));
  return fields;
}

const WHOLE = /^\d+$/;

/**
 * The run request for the form, or the problems beside each field. Empty boxes mean "no
 * bound"; contradictory bounds (a minimum above a maximum, more than there are) are left to
 * the server, which explains why no cohort can satisfy them.
 */
export function quotaRequest(
  values: QuotaFormValues,
): { ok: true; request: CreateSelectionRun } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const count = (field: string, raw: string, least = 0): number | undefined => {
    const value = raw.trim();
    if (value === '') return undefined;
    if (!WHOLE.test(value) || Number(value) < least) {
      errors[field] =
        least === 0
          ? 'Enter a whole number, 0 or more.'
          : `Enter a whole number, ${least} or more.`;
      return undefined;
    }
    return Number(value);
  };

  const request: CreateSelectionRun = {};
  const capacity = count('capacity', values.capacity, 1);
  if (values.capacity.trim() === '') errors.capacity = 'Say how many places to fill.';
  if (capacity !== undefined) request.capacity = capacity;

  const quotas: NonNullable<CreateSelectionRun['quotas']> = {};
  for (const category of QUOTA_CATEGORIES) {
    const groups: Record<string, CountBounds> = {};
    for (const [group, input] of Object.entries(values.bounds[category])) {
      const min = count(boundField(category, group, 'min'), input.min);
      const max = count(boundField(category, group, 'max'), input.max);
      if (min !== undefined || max !== undefined)
        groups[group] = {
          ...(min !== undefined ? { min } : {}),
          ...(max !== undefined ? { max } : {}),
        };
    }
    if (Object.keys(groups).length > 0) quotas[category] = groups;
  }
  const perInstitution = count('quotas.maxPerInstitution', values.maxPerInstitution);
  if (perInstitution !== undefined) quotas.maxPerInstitution = perInstitution;
  const perCountry = count('quotas.maxPerCountry', values.maxPerCountry);
  if (perCountry !== undefined) quotas.maxPerCountry = perCountry;
  if (Object.keys(quotas).length > 0) request.quotas = quotas;

  const both = values.mustInclude.filter((id) => values.mustExclude.includes(id));
  if (both.length > 0)
    errors.mustExclude = `${both.length === 1 ? 'One applicant is' : `${both.length} applicants are`} also on the must-include list.`;
  if (values.mustInclude.length > 0) request.mustInclude = [...values.mustInclude];
  if (values.mustExclude.length > 0) request.mustExclude = [...values.mustExclude];
  if (values.availabilityOverrides.length > 0)
    request.availabilityOverrides = [...values.availabilityOverrides];

  if (values.lottery) {
    const raw = values.lotteryTolerance.trim().replace(',', '.');
    const tolerance = Number(raw);
    if (raw === '' || !Number.isFinite(tolerance) || tolerance < 0) {
      errors['lottery.tolerance'] = 'Enter the merit distance from the line, 0 or more (e.g. 0.1).';
    } else {
      const seed = values.lotterySeed.trim();
      request.lottery = { tolerance, ...(seed ? { seed } : {}) };
    }
  }
  const seed = values.seed.trim();
  if (seed) request.seed = seed;

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request };
}

/** One line per quota of a stored run, for the runs list ("Discipline AI: 2–6"). */
export function describeQuotas(
  quotas: SelectionQuotas,
  lottery: { tolerance: number } | null,
): string[] {
  const lines: string[] = [];
  for (const category of QUOTA_CATEGORIES) {
    for (const [group, { min, max }] of Object.entries(quotas[category] ?? {})) {
      const range =
        min !== undefined && max !== undefined
          ? min === max
            ? `exactly ${min}`
            : `${min}–${max}`
          : min !== undefined
            ? `at least ${min}`
            : `at most ${max}`;
      lines.push(`${QUOTA_CATEGORY_LABELS[category]} ${group}: ${range}`);
    }
  }
  if (quotas.maxPerInstitution !== undefined)
    lines.push(`At most ${quotas.maxPerInstitution} per institution`);
  if (quotas.maxPerCountry !== undefined) lines.push(`At most ${quotas.maxPerCountry} per country`);
  if (quotas.mustInclude?.length) lines.push(`${quotas.mustInclude.length} must be included`);
  if (quotas.mustExclude?.length) lines.push(`${quotas.mustExclude.length} must be left out`);
  if (lottery) lines.push(`Lottery within ${lottery.tolerance} of the line`);
  return lines;
}
