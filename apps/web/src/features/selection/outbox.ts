import type { DecisionOutcome, Outbox } from './types';

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
  failed: 'Failed',
};

export function letterStatusLabel(status: string): string {
  return LETTER_STATUS_LABELS[status] ?? status.charAt(0).toUpperCase() + status.slice(1);
}

/** Letters a release would send: drafts, and failed letters (released again = retried). */
export function lettersToRelease(outbox: Pick<Outbox, 'letters'>): number {
  return outbox.letters.filter((l) => l.status === 'draft' || l.status === 'failed').length;
}

/** Letters a sending worker still holds: the outbox is followed until they settle. */
export function outboxInFlight(outbox: Pick<Outbox, 'letters'>): boolean {
  return outbox.letters.some(
    (l) => l.status === 'queued' || l.status === 'sending' || l.status === 'retrying',
  );
}
