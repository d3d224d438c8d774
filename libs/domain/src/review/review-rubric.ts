/**
 * A lab's review rubric: the criteria reviewers score applications on, each with a weight and
 * a whole-number scale, plus a free comment. Once reviews are submitted, the rubric may still
 * be reworded and reweighted, but not changed in a way that would leave a submitted review
 * with a score for a criterion that is gone, without a score for a new one, or with a score
 * outside a changed scale.
 */
import type { ApplicationProblem } from '../applications/application-form.js';

export interface ReviewCriterion {
  /** Stable; reviews key their scores by it (`expertise`, `fit`). */
  id: string;
  label: string;
  description?: string;
  /** Relative weight, > 0; the weights need not sum to 1. */
  weight: number;
  scale: { min: number; max: number };
}

export const MAX_REVIEW_CRITERIA = 12;
export const MAX_SCALE_STEPS = 100;
const CRITERION_ID = /^[a-z][a-z0-9_-]{0,39}$/;

/** Every problem with a rubric, by field path (`criteria[1].scale`). */
export function rubricProblems(criteria: readonly ReviewCriterion[]): ApplicationProblem[] {
  const problems: ApplicationProblem[] = [];
  if (criteria.length === 0)
    problems.push({ field: 'criteria', message: 'a rubric needs at least one criterion' });
  if (criteria.length > MAX_REVIEW_CRITERIA)
    problems.push({
      field: 'criteria',
      message: `a rubric has at most ${MAX_REVIEW_CRITERIA} criteria`,
    });
  const seen = new Set<string>();
  criteria.forEach((criterion, i) => {
    const at = (field: string) => `criteria[${i}].${field}`;
    if (!CRITERION_ID.test(criterion.id)) {
      problems.push({
        field: at('id'),
        message:
          'id must start with a lower-case letter and use only a-z, 0-9, - and _ (at most 40)',
      });
    } else if (seen.has(criterion.id)) {
      problems.push({
        field: at('id'),
        message: `id "${criterion.id}" is used by another criterion`,
      });
    }
    seen.add(criterion.id);
    if (criterion.label.trim() === '')
      problems.push({ field: at('label'), message: 'label is required' });
    if (!Number.isFinite(criterion.weight) || criterion.weight <= 0)
      problems.push({ field: at('weight'), message: 'weight must be greater than 0' });
    const { min, max } = criterion.scale;
    if (!Number.isInteger(min) || !Number.isInteger(max)) {
      problems.push({ field: at('scale'), message: 'scale min and max must be whole numbers' });
    } else if (max <= min) {
      problems.push({ field: at('scale'), message: 'scale max must be greater than min' });
    } else if (max - min > MAX_SCALE_STEPS) {
      problems.push({
        field: at('scale'),
        message: `a scale has at most ${MAX_SCALE_STEPS} steps`,
      });
    }
  });
  return problems;
}

/**
 * What a new rubric would break in the submitted reviews of the current one: criteria removed,
 * criteria added (submitted reviews have no score for them) and scales changed. Labels,
 * descriptions and weights may change; scores are aggregated with the new weights.
 */
export function rubricChangeProblems(
  current: readonly ReviewCriterion[],
  next: readonly ReviewCriterion[],
): ApplicationProblem[] {
  const problems: ApplicationProblem[] = [];
  const before = new Map(current.map((c) => [c.id, c]));
  const after = new Map(next.map((c) => [c.id, c]));
  for (const criterion of current) {
    if (!after.has(criterion.id))
      problems.push({
        field: 'criteria',
        message: `criterion "${criterion.id}" has scores in submitted reviews and cannot be removed`,
      });
  }
  next.forEach((criterion, i) => {
    const old = before.get(criterion.id);
    if (!old) {
      problems.push({
        field: `criteria[${i}].id`,
        message: `criterion "${criterion.id}" is new: submitted reviews have no score for it`,
      });
    } else if (old.scale.min !== criterion.scale.min || old.scale.max !== criterion.scale.max) {
      problems.push({
        field: `criteria[${i}].scale`,
        message: `the scale of "${criterion.id}" is ${old.scale.min}..${old.scale.max} in submitted reviews and cannot change`,
      });
    }
  });
  return problems;
}
