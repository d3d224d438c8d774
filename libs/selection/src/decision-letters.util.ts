import type { DecisionOutcome } from './entities/selection-decision.entity.js';

export interface DecisionLetterFacts {
  outcome: DecisionOutcome;
  applicantName: string;
  labTitle: string;
  /** Accepted: the date to answer by, already written in the lab's time zone. */
  confirmBy: string | null;
  waitlistRank: number | null;
  /** Where the applicant answers (their status page). */
  statusUrl: string;
}

/** The letter for one decision. Never mentions scores, reviews or reviewers. */
export function composeDecisionLetter(facts: DecisionLetterFacts): {
  subject: string;
  body: string;
} {
  const greeting = `Dear ${facts.applicantName},`;
  const signOff = `With best wishes,\nThe organisers of ${facts.labTitle}`;
  switch (facts.outcome) {
    case 'accepted':
      return {
        subject: `${facts.labTitle}: you have a place`,
        body: [
          greeting,
          `We are delighted to offer you a place at ${facts.labTitle}.`,
          `Please confirm or decline your place by ${facts.confirmBy ?? 'the date on your status page'}: ${facts.statusUrl}`,
          'Attendance of the whole workshop is required.',
          signOff,
        ].join('\n\n'),
      };
    case 'waitlisted':
      return {
        subject: `${facts.labTitle}: you are on the waiting list`,
        body: [
          greeting,
          `Thank you for applying to ${facts.labTitle}. We cannot offer you a place yet, but you are number ${facts.waitlistRank ?? '–'} on the waiting list.`,
          `If a place becomes free and you keep the cohort balanced, we will offer it to you at once; your status page shows where you stand: ${facts.statusUrl}`,
          signOff,
        ].join('\n\n'),
      };
    case 'declined':
      return {
        subject: `${facts.labTitle}: your application`,
        body: [
          greeting,
          `Thank you for applying to ${facts.labTitle}. We received many strong applications and are sorry that we cannot offer you a place this time.`,
          signOff,
        ].join('\n\n'),
      };
  }
}

/** A failed letter is tried this many times per release, then waits for the next release. */
export const LETTER_MAX_ATTEMPTS = 5;

/**
 * How long to wait before the next attempt after `failedAttempts` failed ones: 30 s, 1 min,
 * 2 min, 4 min … never more than an hour; null once the attempts are used up.
 */
export function letterRetryDelayMs(failedAttempts: number): number | null {
  if (failedAttempts >= LETTER_MAX_ATTEMPTS) return null;
  return Math.min(30_000 * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
}
