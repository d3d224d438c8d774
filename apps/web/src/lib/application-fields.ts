// Pure helpers for the application screens: where a server problem belongs on the form, what
// to call each field in the error summary, and the form editor's drafts ↔ the form's questions.
import type { ApplicantProfile, FieldIssue, FormQuestion, QuestionType } from '../api/types';
import { besideField } from './field-errors';

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  short_text: 'Short text',
  long_text: 'Long text (word limit)',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  url: 'Web address',
  yes_no: 'Yes / no (consent)',
};

export const PROFILE_LABELS: Record<keyof ApplicantProfile, string> = {
  name: 'Your name',
  affiliation: 'Institution (affiliation)',
  organisationType: 'Organisation type',
  careerStage: 'Career stage',
  disciplines: 'Disciplines',
  primaryDiscipline: 'Primary discipline',
  expertiseKeywords: 'Expertise keywords',
  country: 'Country',
  orcid: 'ORCID iD',
  links: 'Links',
  availability: 'Availability',
};

/**
 * The form field a server problem belongs to: `profile.links[1]` is the links field,
 * `profile.availability.2027-07-13` that day's answer, `answers.motivation` the question.
 */
export function applicationFieldOf(field: string): string {
  return field.replace(/\[\d+\]$/, '');
}

/** The id of the control for an application field, for labels, the error summary and focus. */
export function applicationControlId(field: string): string {
  return `apply-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

export interface ApplicationFieldError {
  field: string;
  /** What the summary calls the field. */
  label: string;
  message: string;
}

/** Day labels such as "Mon 13 Jul", for workshop days given as YYYY-MM-DD. */
export function formatWorkshopDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(date);
}

/**
 * Every problem of a refused submission, one per field in the order the server listed them,
 * named as the form names the field.
 */
export function applicationFieldErrors(
  issues: readonly FieldIssue[],
  questions: readonly FormQuestion[],
): ApplicationFieldError[] {
  const byField = new Map<string, ApplicationFieldError>();
  for (const issue of issues) {
    const field = applicationFieldOf(issue.field);
    const message = besideField({ field, message: issue.message });
    const existing = byField.get(field);
    if (existing) {
      if (!existing.message.includes(message)) existing.message = `${existing.message} ${message}`;
      continue;
    }
    byField.set(field, { field, label: labelOf(field, questions), message });
  }
  return [...byField.values()];
}

function labelOf(field: string, questions: readonly FormQuestion[]): string {
  const [scope, key, rest] = field.split('.', 3);
  if (scope === 'answers') return questions.find((q) => q.id === key)?.label ?? key;
  if (scope === 'profile' && key === 'availability' && rest)
    return `Availability on ${formatWorkshopDay(rest)}`;
  if (scope === 'profile') return PROFILE_LABELS[key as keyof ApplicantProfile] ?? key;
  return field;
}

/** Comma- or line-separated text as the list it means, blanks dropped. */
export function splitList(text: string, separator: RegExp = /[,\n]/): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

// --- the form editor ---------------------------------------------------------------------

/** A question as the editor holds it: numbers and options as the organiser types them. */
export interface QuestionDraft {
  /** Stable React key; never sent. */
  key: string;
  /** Empty for a new question: one is made from its label on publishing. */
  id: string;
  type: QuestionType;
  label: string;
  helpText: string;
  required: boolean;
  wordLimit: string;
  /** One option per line. */
  options: string;
  requireYes: boolean;
}

let draftKeys = 0;
export const nextDraftKey = () => `q${(draftKeys += 1)}`;

export function draftOf(question: FormQuestion): QuestionDraft {
  return {
    key: nextDraftKey(),
    id: question.id,
    type: question.type,
    label: question.label,
    helpText: question.helpText ?? '',
    required: question.required,
    wordLimit: question.wordLimit === undefined ? '' : String(question.wordLimit),
    options: (question.options ?? []).join('\n'),
    requireYes: question.requireYes ?? false,
  };
}

export function emptyDraft(type: QuestionType): QuestionDraft {
  return {
    key: nextDraftKey(),
    id: '',
    type,
    label: '',
    helpText: '',
    required: true,
    wordLimit: type === 'long_text' ? '300' : '',
    options: '',
    requireYes: type === 'yes_no',
  };
}

/** A question id from its label ("Why this lab?" → "why-this-lab"), unique among `taken`. */
export function questionIdFrom(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^[^a-z]+/, '')
      .slice(0, 32)
      .replace(/-+$/, '') || 'question';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

/**
 * The questions to publish. A question keeps only what its type means (no options on a URL);
 * a word limit that is not a whole number is sent as it is typed, for the server to refuse
 * beside the field.
 */
export function questionsOf(drafts: readonly QuestionDraft[]): FormQuestion[] {
  const taken = new Set(drafts.map((d) => d.id).filter((id) => id !== ''));
  return drafts.map((draft) => {
    let id = draft.id;
    if (id === '') {
      id = questionIdFrom(draft.label, taken);
      taken.add(id);
    }
    const question: FormQuestion = {
      id,
      type: draft.type,
      label: draft.label.trim(),
      required: draft.required,
    };
    if (draft.helpText.trim()) question.helpText = draft.helpText.trim();
    if (draft.type === 'long_text' && draft.wordLimit.trim() !== '') {
      const limit = Number(draft.wordLimit);
      question.wordLimit = Number.isFinite(limit) ? limit : (draft.wordLimit as unknown as number);
    }
    if (draft.type === 'single_choice' || draft.type === 'multiple_choice')
      question.options = splitList(draft.options, /\n/);
    if (draft.type === 'yes_no' && draft.requireYes) question.requireYes = true;
    return question;
  });
}

/**
 * Where a problem with a published form belongs: `questions[2].options` → question 2's
 * options, `questions.1.label` (the validation pipe's style) → question 1's label.
 */
export function formProblemTarget(field: string): { index: number; part: string } | null {
  const match = /^questions(?:\[(\d+)\]|\.(\d+))\.?([A-Za-z]+)?/.exec(field);
  if (!match) return null;
  return { index: Number(match[1] ?? match[2]), part: match[3] ?? 'label' };
}
