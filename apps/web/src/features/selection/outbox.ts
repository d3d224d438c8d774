import type { DecisionLetter, DecisionOutcome, Outbox } from './types';
import type { BadgeTone } from '../../components/badge';

export const OUTCOME_TITLES: Record<DecisionOutcome, string> = {
  accepted: 'Offered a place',
  waitlisted: 'On the waitlist',
  declined: 'Declined',
};

const LETTER_STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  queued: 'Queued',
  sending: 'Sending',
  retrying: 'Retrying',
  sent: 'Sent',
  logged: 'Logged, not emailed',
  failed: 'Failed',
};

export function letterStatusLabel(status: string): string {
  return LETTER_STATUS_LABELS[status] ?? status.charAt(0).toUpperCase() + status.slice(1);
}

/** How a letter's state looks as a badge. */
export const LETTER_TONES: Record<string, BadgeTone> = {
  draft: 'info',
  queued: 'warn',
  sending: 'warn',
  retrying: 'warn',
  sent: 'ok',
  logged: 'ok',
  failed: 'danger',
};

/** What a letter's badge says: a queued letter that has failed before is waiting to be retried. */
export function letterState(letter: Pick<DecisionLetter, 'status' | 'attempts'>): string {
  return letter.status === 'queued' && letter.attempts > 0 ? 'retrying' : letter.status;
}

/** Letters that can still be edited: not yet released, or released and given up on. */
export const letterEditable = (letter: Pick<DecisionLetter, 'status'>) =>
  letter.status === 'draft' || letter.status === 'failed';

/** "3 letters queued for sending." from a release's answer. */
export function releaseMessage(released: Record<string, number> | undefined): string {
  const entries = Object.entries(released ?? {});
  if (entries.length === 0) return 'The letters are released.';
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (entries.length === 1 && entries[0][0] === 'queued')
    return total === 0
      ? 'Nothing to release: every letter is already on its way.'
      : `${total} letter${total === 1 ? '' : 's'} queued for sending.`;
  return `Released: ${entries.map(([k, n]) => `${n} ${k}`).join(', ')}.`;
}

/** Letters a release would send: drafts, and failed letters (released again = retried). */
export function lettersToRelease(outbox: Pick<Outbox, 'letters'>): number {
  return outbox.letters.filter((l) => l.status === 'draft' || l.status === 'failed').length;
}

/**
 * What releasing would send, for the confirmation: "5 offers of a place, 2 waitlist letters and
 * 1 decline", and to how many people (one person may have more than one letter to resend).
 */
export function releaseSummary(outbox: Pick<Outbox, 'letters'>): {
  letters: number;
  people: number;
  kinds: string;
} {
  const pending = outbox.letters.filter((l) => l.status === 'draft' || l.status === 'failed');
  const count = (outcome: DecisionOutcome) => pending.filter((l) => l.outcome === outcome).length;
  const phrases = (
    [
      ['accepted', 'offer of a place', 'offers of a place'],
      ['waitlisted', 'waitlist letter', 'waitlist letters'],
      ['declined', 'decline', 'declines'],
    ] as const
  )
    .map(([outcome, one, many]) => [count(outcome), one, many] as const)
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  const kinds =
    phrases.length > 1
      ? `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`
      : (phrases[0] ?? 'no letter');
  const people = new Set(pending.map((l) => l.recipient.trim().toLowerCase())).size;
  return { letters: pending.length, people, kinds };
}

/** Letters a sending worker still holds: the outbox is followed until they settle. */
export function outboxInFlight(outbox: Pick<Outbox, 'letters'>): boolean {
  return outbox.letters.some((l) => l.status === 'queued' || l.status === 'sending');
}

export const LETTER_FILTERS = {
  all: 'All letters',
  unreleased: 'Not released yet',
  'on-its-way': 'On their way',
  problems: 'Failed or retrying',
  delivered: 'Sent or logged',
} as const;
export type LetterFilter = keyof typeof LETTER_FILTERS;

/** Whether a letter belongs in the chosen view of the outbox. */
export function letterMatches(
  letter: Pick<DecisionLetter, 'status' | 'attempts' | 'lastError'>,
  filter: LetterFilter,
): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'unreleased':
      return letter.status === 'draft';
    case 'on-its-way':
      return letter.status === 'queued' || letter.status === 'sending';
    case 'problems':
      return (
        letter.status === 'failed' ||
        (letter.status !== 'sent' && letter.status !== 'logged' && letter.lastError !== null)
      );
    case 'delivered':
      return letter.status === 'sent' || letter.status === 'logged';
  }
}
