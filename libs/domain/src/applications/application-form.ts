import type { FormQuestion } from './form-question.js';
import { countWords } from './word-count.js';

/** One problem with one field, by its path as the API names it (`answers.q3`, `profile.orcid`). */
export interface ApplicationProblem {
  field: string;
  message: string;
}

export const QUESTION_TYPES = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'url',
  'yes_no',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export type AnswerValue = string | string[] | boolean;

export const SHORT_TEXT_MAX_CHARACTERS = 300;
export const LONG_TEXT_MAX_CHARACTERS = 30_000;
export const URL_MAX_CHARACTERS = 2_000;
const QUESTION_ID = /^[a-z][a-z0-9_-]{0,39}$/;

/** An http(s) address with a host name, as a person would paste it. */
export function isWebAddress(value: string): boolean {
  if (value.length > URL_MAX_CHARACTERS || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Every problem with a form an organiser wants to publish. */
export function formDefinitionProblems(questions: readonly FormQuestion[]): ApplicationProblem[] {
  const problems: ApplicationProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    const at = `questions[${i}]`;
    if (!QUESTION_ID.test(q.id)) {
      problems.push({
        field: `${at}.id`,
        message: 'a question id is 1-40 lower-case letters, digits, _ or -, starting with a letter',
      });
    } else if (seen.has(q.id)) {
      problems.push({ field: `${at}.id`, message: `the id "${q.id}" is used by another question` });
    }
    seen.add(q.id);
    const isChoice = q.type === 'single_choice' || q.type === 'multiple_choice';
    if (isChoice) {
      const options = q.options ?? [];
      if (options.length < 2)
        problems.push({
          field: `${at}.options`,
          message: 'a choice question needs at least two options',
        });
      const lower = options.map((o) => o.trim().toLowerCase());
      if (new Set(lower).size !== lower.length)
        problems.push({ field: `${at}.options`, message: 'options must differ from each other' });
      if (lower.some((o) => o === ''))
        problems.push({ field: `${at}.options`, message: 'options must not be empty' });
    } else if (q.options !== undefined) {
      problems.push({ field: `${at}.options`, message: 'only choice questions have options' });
    }
    if (q.wordLimit !== undefined && q.type !== 'long_text') {
      problems.push({
        field: `${at}.wordLimit`,
        message: 'only long-text questions have a word limit',
      });
    }
    if (q.requireYes && q.type !== 'yes_no') {
      problems.push({
        field: `${at}.requireYes`,
        message: 'only yes/no questions can require a "yes"',
      });
    }
  });
  return problems;
}

/** The JSON type an answer to a question has, whatever its content. */
function shapeProblem(question: FormQuestion, value: unknown): string | null {
  switch (question.type) {
    case 'short_text':
    case 'long_text':
    case 'url':
    case 'single_choice':
      return typeof value === 'string' ? null : 'the answer must be text';
    case 'multiple_choice':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? null
        : 'the answer must be a list of the chosen options';
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'the answer must be yes (true) or no (false)';
  }
}

/**
 * What a draft may hold: answers only to questions of the form, each of the right type and
 * within the hard size limits. Incomplete answers are fine until submission.
 */
export function answerShapeProblems(
  questions: readonly FormQuestion[],
  answers: Record<string, unknown>,
): ApplicationProblem[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: ApplicationProblem[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const field = `answers.${id}`;
    const question = byId.get(id);
    if (!question) {
      problems.push({ field, message: 'there is no such question in this form' });
      continue;
    }
    if (value === null) continue;
    const shape = shapeProblem(question, value);
    if (shape) {
      problems.push({ field, message: shape });
      continue;
    }
    const max =
      question.type === 'long_text'
        ? LONG_TEXT_MAX_CHARACTERS
        : question.type === 'url'
          ? URL_MAX_CHARACTERS
          : SHORT_TEXT_MAX_CHARACTERS;
    if (typeof value === 'string' && value.length > max)
      problems.push({ field, message: `the answer must be at most ${max} characters` });
  }
  return problems;
}

const isBlank = (value: AnswerValue | null | undefined) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/** Every problem with the answers to a form, for submission: required, word limits, choices, addresses. */
export function answerProblems(
  questions: readonly FormQuestion[],
  answers: Record<string, AnswerValue | null>,
): ApplicationProblem[] {
  const problems = answerShapeProblems(questions, answers);
  const malformed = new Set(problems.map((p) => p.field));
  for (const q of questions) {
    const field = `answers.${q.id}`;
    if (malformed.has(field)) continue;
    const value = answers[q.id];
    if (isBlank(value)) {
      if (q.required) problems.push({ field, message: `"${q.label}" needs an answer` });
      continue;
    }
    switch (q.type) {
      case 'long_text': {
        const words = countWords(value as string);
        if (q.wordLimit !== undefined && words > q.wordLimit) {
          problems.push({
            field,
            message: `the answer has ${words} words; the limit is ${q.wordLimit}`,
          });
        }
        break;
      }
      case 'short_text':
        break;
      case 'url':
        if (!isWebAddress((value as string).trim()))
          problems.push({
            field,
            message: 'the answer must be a web address starting with https://',
          });
        break;
      case 'single_choice':
        if (!(q.options ?? []).includes(value as string))
          problems.push({ field, message: 'choose one of the options' });
        break;
      case 'multiple_choice': {
        const chosen = value as string[];
        if (chosen.some((c) => !(q.options ?? []).includes(c)))
          problems.push({ field, message: 'choose only among the options' });
        else if (new Set(chosen).size !== chosen.length)
          problems.push({ field, message: 'an option is chosen twice' });
        break;
      }
      case 'yes_no':
        if (q.requireYes && value !== true)
          problems.push({ field, message: `"${q.label}" must be answered yes to apply` });
        break;
    }
  }
  return problems;
}
