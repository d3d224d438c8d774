import type { ConflictReason, ReviewProgress, ReviewStatus, RubricCriterion } from './api';

/** Scores as the form holds them: a criterion not scored yet is absent. */
export type ScoreDraft = Record<string, number | undefined>;

/** Up to this many steps a scale is a row of radio buttons; longer ones are a number field. */
export const MAX_RADIO_STEPS = 11;

export function scaleSteps(scale: { min: number; max: number }): number[] {
  if (scale.max - scale.min + 1 > MAX_RADIO_STEPS) return [];
  return Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
}

/**
 * The weighted rubric score on 0..1, as the server aggregates one review:
 * Σ w·(s − min)/(max − min) / Σ w. Null until every criterion has a score on its scale.
 */
export function weightedScore(
  criteria: readonly RubricCriterion[],
  scores: Readonly<ScoreDraft>,
): number | null {
  let weighted = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === undefined || !Number.isInteger(s) || s < c.scale.min || s > c.scale.max) return null;
    const span = c.scale.max - c.scale.min;
    weighted += (c.weight * (span > 0 ? s - c.scale.min : 0)) / (span > 0 ? span : 1);
    weights += c.weight;
  }
  return criteria.length > 0 && weights > 0 ? weighted / weights : null;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** How many criteria still need a score. */
export function unscored(criteria: readonly RubricCriterion[], scores: Readonly<ScoreDraft>) {
  return criteria.filter((c) => scores[c.id] === undefined).length;
}

/** The body of a save: every criterion, with null for one not scored (the save replaces the scores). */
export function scoresToSend(
  criteria: readonly RubricCriterion[],
  scores: Readonly<ScoreDraft>,
): Record<string, number | null> {
  return Object.fromEntries(criteria.map((c) => [c.id, scores[c.id] ?? null]));
}

/** A typed score: a whole number, or undefined for an empty field (NaN when it is not a number). */
export function parseScore(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The criterion a server problem names (`scores.expertise`), or null for the comment and the rest. */
export function scoreIssueCriterion(field: string): string | null {
  const match = /^scores\.(.+)$/.exec(field);
  return match ? match[1] : null;
}

/**
 * A problem beside its criterion need not repeat the criterion's label: "Relevant expertise: a
 * score from 1 to 5 is required" reads "A score from 1 to 5 is required."
 */
export function withoutLabel(message: string, label: string): string {
  const rest = message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
  const text = rest.trim();
  const capital = text ? text[0].toUpperCase() + text.slice(1) : text;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  assigned: 'Not started',
  draft: 'Draft',
  submitted: 'Submitted',
};

export const CONFLICT_LABELS: Record<ConflictReason, string> = {
  'own-application': 'it is your own application',
  'declared-person': 'you declared a conflict with this applicant',
  'declared-institution': "you declared a conflict with the applicant's institution",
  'same-institution': "you work at the applicant's institution",
};

/** The same reasons, said of a reviewer to the organisers. */
export const ORGANISER_CONFLICT_LABELS: Record<ConflictReason, string> = {
  'own-application': 'it is their own application',
  'declared-person': 'declared a conflict with this applicant',
  'declared-institution': "declared a conflict with the applicant's institution",
  'same-institution': "works at the applicant's institution",
};

/** "3 of 8 done · 1 draft · 4 not started". */
export function progressText(progress: ReviewProgress): string {
  if (progress.assigned === 0) return 'Nothing assigned yet';
  const parts = [`${progress.submitted} of ${progress.assigned} done`];
  if (progress.draft > 0) parts.push(`${progress.draft} draft${progress.draft === 1 ? '' : 's'}`);
  if (progress.notStarted > 0) parts.push(`${progress.notStarted} not started`);
  return parts.join(' · ');
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * The solver explains itself with ids ("application 5f…e1 has only 2 reviewers …"); organisers
 * read names. An id without a known name stays as it is.
 */
export function withNames(text: string, names: ReadonlyMap<string, string>): string {
  const named = text.replace(UUID, (id) => names.get(id.toLowerCase()) ?? id);
  return named ? named[0].toUpperCase() + named.slice(1) : named;
}
