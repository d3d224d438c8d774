import { besideField } from '../../lib/field-errors';
import { slugify } from '../../lib/slug';
import type { Rubric, RubricCriterion } from './api';

/** One criterion as the editor holds it: numbers as typed, so a half-typed one is not lost. */
export interface CriterionDraft {
  /** React key and element ids; never sent. */
  key: string;
  id: string;
  /** The id follows the label until the organiser edits it (or it was saved). */
  idEdited: boolean;
  /** Saved before: part of the rubric reviewers already use. */
  saved: boolean;
  label: string;
  description: string;
  weight: string;
  min: string;
  max: string;
}

export type CriterionPart = 'id' | 'label' | 'description' | 'weight' | 'scale';

/** What the issue names as a lab's rubric: a starting point, saved only when the organiser saves. */
export const SUGGESTED_CRITERIA: readonly RubricCriterion[] = [
  { id: 'expertise', label: 'Relevant expertise', weight: 2, scale: { min: 1, max: 5 } },
  { id: 'collaboration', label: 'Ability to collaborate', weight: 2, scale: { min: 1, max: 5 } },
  { id: 'communication', label: 'Communication', weight: 1, scale: { min: 1, max: 5 } },
  { id: 'creativity', label: 'Creativity', weight: 1, scale: { min: 1, max: 5 } },
  { id: 'fit', label: 'Fit to the challenge', weight: 2, scale: { min: 1, max: 5 } },
];

let nextKey = 0;
const newKey = () => `criterion-${++nextKey}`;

export function draftOf(criterion: RubricCriterion, saved: boolean): CriterionDraft {
  return {
    key: newKey(),
    id: criterion.id,
    idEdited: true,
    saved,
    label: criterion.label,
    description: criterion.description ?? '',
    weight: String(criterion.weight),
    min: String(criterion.scale.min),
    max: String(criterion.scale.max),
  };
}

export function draftsOf(rubric: Rubric | null): CriterionDraft[] {
  return rubric
    ? rubric.criteria.map((c) => draftOf(c, true))
    : SUGGESTED_CRITERIA.map((c) => draftOf(c, false));
}

export function emptyCriterion(): CriterionDraft {
  return {
    key: newKey(),
    id: '',
    idEdited: false,
    saved: false,
    label: '',
    description: '',
    weight: '1',
    min: '1',
    max: '5',
  };
}

/**
 * A criterion id from its label, as the server wants it (a lower-case letter first, then
 * a-z, 0-9, - and _, at most 40) and not used by another criterion.
 */
export function criterionIdFrom(label: string, taken: readonly string[]): string {
  let base = slugify(label).slice(0, 36).replace(/-+$/, '');
  if (!/^[a-z]/.test(base)) base = base ? `c-${base}` : '';
  if (!base) return '';
  let candidate = base;
  for (let n = 2; taken.includes(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** The label changed: a new criterion's id follows it until the organiser types one. */
export function withLabel(
  draft: CriterionDraft,
  label: string,
  others: readonly CriterionDraft[],
): CriterionDraft {
  if (draft.idEdited || draft.saved) return { ...draft, label };
  const taken = others.filter((d) => d.key !== draft.key).map((d) => d.id);
  return { ...draft, label, id: criterionIdFrom(label, taken) };
}

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** The criteria to send (check `localProblems` first: an unreadable number is NaN here). */
export function criteriaOf(drafts: readonly CriterionDraft[]): RubricCriterion[] {
  return drafts.map((d) => ({
    id: d.id.trim(),
    label: d.label.trim(),
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    weight: number(d.weight),
    scale: { min: number(d.min), max: number(d.max) },
  }));
}

/**
 * Problems the browser can name before asking the server: a number that is not one. (The
 * server checks everything else and lists every problem at once.)
 */
export function localProblems(
  drafts: readonly CriterionDraft[],
): Record<string, Partial<Record<CriterionPart, string>>> {
  const problems: Record<string, Partial<Record<CriterionPart, string>>> = {};
  for (const d of drafts) {
    const mine: Partial<Record<CriterionPart, string>> = {};
    if (!Number.isFinite(number(d.weight))) mine.weight = 'Enter the weight as a number, e.g. 2.';
    if (!Number.isInteger(number(d.min)) || !Number.isInteger(number(d.max)))
      mine.scale = 'Enter the lowest and highest score as whole numbers, e.g. 1 and 5.';
    if (Object.keys(mine).length > 0) problems[d.key] = mine;
  }
  return problems;
}

/**
 * Where a problem the server names belongs: `criteria[2].scale` (the rubric's own checks) or
 * `criteria.2.scale.min` (request validation) → criterion 2, its scale. Null for the rubric
 * as a whole (`criteria`, `commentPrompt`).
 */
export function rubricIssueTarget(field: string): { index: number; part: CriterionPart } | null {
  const match = /^criteria(?:\[(\d+)\]|\.(\d+))\.?([a-zA-Z]+)?/.exec(field);
  if (!match) return null;
  const index = Number(match[1] ?? match[2]);
  const part = match[3];
  const known: CriterionPart[] = ['id', 'label', 'description', 'weight', 'scale'];
  return { index, part: known.includes(part as CriterionPart) ? (part as CriterionPart) : 'label' };
}

/** Each criterion's share of the weighted score, in whole percent (null while a weight is unreadable). */
export function weightShares(drafts: readonly CriterionDraft[]): (number | null)[] {
  const weights = drafts.map((d) => number(d.weight));
  const valid = weights.every((w) => Number.isFinite(w) && w > 0);
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (valid && total > 0 ? Math.round((100 * w) / total) : null));
}

/**
 * A server problem as shown beside its part of a criterion, in the editor's words: the scale's
 * ends are the lowest and highest score.
 */
export function besideCriterion(part: CriterionPart, message: string): string {
  if (part === 'scale') {
    if (/max must be greater than min/.test(message))
      return 'The highest score must be greater than the lowest.';
    if (/min and max must be whole numbers|must be a whole number/.test(message))
      return 'The lowest and highest scores must be whole numbers.';
  }
  return besideField({ field: part, message });
}
