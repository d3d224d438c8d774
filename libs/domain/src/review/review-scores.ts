/** The checks on one reviewer's scores and comment, listing every problem at once. */
import type { ApplicationProblem } from '../applications/application-form.js';
import type { ReviewCriterion } from './review-rubric.js';

export const REVIEW_COMMENT_MAX_CHARACTERS = 10_000;

/**
 * Problems with a review's scores and comment. A draft may leave criteria blank; a review
 * to submit (`complete`) must score every criterion. Scores are whole numbers on each
 * criterion's scale; a score for a criterion the rubric does not have is a problem.
 */
export function reviewProblems(input: {
  criteria: readonly ReviewCriterion[];
  scores: Readonly<Record<string, unknown>>;
  comment: string;
  complete: boolean;
}): ApplicationProblem[] {
  const { criteria, scores, comment, complete } = input;
  const problems: ApplicationProblem[] = [];
  const known = new Set(criteria.map((c) => c.id));
  for (const id of Object.keys(scores)) {
    if (!known.has(id))
      problems.push({
        field: `scores.${id}`,
        message: `"${id}" is not a criterion of this rubric`,
      });
  }
  for (const criterion of criteria) {
    const score = scores[criterion.id];
    const field = `scores.${criterion.id}`;
    const { min, max } = criterion.scale;
    if (score === undefined || score === null) {
      if (complete)
        problems.push({
          field,
          message: `${criterion.label}: a score from ${min} to ${max} is required`,
        });
    } else if (
      typeof score !== 'number' ||
      !Number.isInteger(score) ||
      score < min ||
      score > max
    ) {
      problems.push({
        field,
        message: `${criterion.label}: the score must be a whole number from ${min} to ${max}`,
      });
    }
  }
  if (comment.length > REVIEW_COMMENT_MAX_CHARACTERS) {
    problems.push({
      field: 'comment',
      message: `the comment has at most ${REVIEW_COMMENT_MAX_CHARACTERS} characters`,
    });
  }
  return problems;
}
