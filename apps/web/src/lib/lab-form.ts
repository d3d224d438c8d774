import type { Lab, LabDateKey, LabDates, LabInput, LabTaxonomy } from '../api/types';
import type { FieldErrors } from './field-errors';
import { isoToLocalInput, localInputToIso } from './lab-time';

export const DATE_KEYS: readonly LabDateKey[] = [
  'applicationsOpenAt',
  'applicationsCloseAt',
  'workshopStartAt',
  'workshopEndAt',
  'proposalsDueAt',
];
export const TAXONOMY_KEYS: readonly (keyof LabTaxonomy)[] = [
  'disciplines',
  'careerStages',
  'organisationTypes',
];

/** What the lab settings form holds: the text of each control. */
export interface LabFormValues {
  title: string;
  slug: string;
  theme: string;
  description: string;
  expertiseExamples: string;
  timezone: string;
  capacity: string;
  /** datetime-local values, read as wall-clock time in the lab's saved timezone. */
  dates: Record<LabDateKey, string>;
  /** One entry per line. */
  taxonomy: Record<keyof LabTaxonomy, string>;
  teamSize: { min: string; max: string };
  funding: { pool: string; currency: string };
}

/** The dotted paths the server uses in error details, one per control, plus the groups. */
export const LAB_FORM_FIELDS: readonly string[] = [
  'title',
  'slug',
  'theme',
  'description',
  'expertiseExamples',
  'timezone',
  'capacity',
  'dates',
  ...DATE_KEYS.map((key) => `dates.${key}`),
  'taxonomy',
  ...TAXONOMY_KEYS.map((key) => `taxonomy.${key}`),
  'teamSize',
  'teamSize.min',
  'teamSize.max',
  'funding',
  'funding.pool',
  'funding.currency',
];

export function labFormValues(lab: Lab): LabFormValues {
  const dates = {} as Record<LabDateKey, string>;
  for (const key of DATE_KEYS) dates[key] = isoToLocalInput(lab.dates[key], lab.timezone);
  const taxonomy = {} as Record<keyof LabTaxonomy, string>;
  for (const key of TAXONOMY_KEYS) taxonomy[key] = lab.taxonomy[key].join('\n');
  return {
    title: lab.title,
    slug: lab.slug,
    theme: lab.theme ?? '',
    description: lab.description ?? '',
    expertiseExamples: lab.expertiseExamples ?? '',
    timezone: lab.timezone,
    capacity: String(lab.capacity),
    dates,
    taxonomy,
    teamSize: { min: String(lab.teamSize.min), max: String(lab.teamSize.max) },
    funding: { pool: String(lab.funding.pool), currency: lab.funding.currency },
  };
}

export function parseList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * The PATCH body for the changes made in the form since `baseline`, or field errors for text
 * that is not a number where a number is needed. A group (dates, taxonomy, team size,
 * funding) is sent whole when any part of it changed; dates left untouched keep the exact
 * instant the server sent.
 */
export function labChanges(
  baseline: Lab,
  values: LabFormValues,
): { patch: Partial<LabInput>; errors: FieldErrors } {
  const initial = labFormValues(baseline);
  const patch: Partial<LabInput> = {};
  const errors: FieldErrors = {};

  const number = (field: string, text: string): number => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value)) errors[field] = 'Enter a number.';
    return value;
  };

  for (const key of [
    'title',
    'slug',
    'theme',
    'description',
    'expertiseExamples',
    'timezone',
  ] as const) {
    if (values[key].trim() !== initial[key].trim()) patch[key] = values[key].trim();
  }
  if (values.capacity !== initial.capacity) patch.capacity = number('capacity', values.capacity);

  if (DATE_KEYS.some((key) => values.dates[key] !== initial.dates[key])) {
    const dates = { ...baseline.dates } as LabDates;
    for (const key of DATE_KEYS) {
      if (values.dates[key] !== initial.dates[key])
        dates[key] = localInputToIso(values.dates[key], baseline.timezone);
    }
    patch.dates = dates;
  }

  const taxonomy = {} as LabTaxonomy;
  for (const key of TAXONOMY_KEYS) taxonomy[key] = parseList(values.taxonomy[key]);
  if (TAXONOMY_KEYS.some((key) => !sameList(taxonomy[key], baseline.taxonomy[key])))
    patch.taxonomy = taxonomy;

  if (
    values.teamSize.min !== initial.teamSize.min ||
    values.teamSize.max !== initial.teamSize.max
  ) {
    patch.teamSize = {
      min: number('teamSize.min', values.teamSize.min),
      max: number('teamSize.max', values.teamSize.max),
    };
  }
  if (
    values.funding.pool !== initial.funding.pool ||
    values.funding.currency.trim() !== initial.funding.currency
  ) {
    patch.funding = {
      pool: number('funding.pool', values.funding.pool),
      currency: values.funding.currency.trim().toUpperCase(),
    };
  }
  return { patch, errors };
}
