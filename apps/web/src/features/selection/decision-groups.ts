import type { Decision, DecisionResponse } from './types';
import type { BadgeTone } from '../../components/badge';

export const RESPONSE_LABELS: Record<DecisionResponse, string> = {
  pending: 'Waiting for an answer',
  confirmed: 'Confirmed',
  declined: 'Declined the place',
  expired: 'Missed the date',
};

/** How an answer to an offer looks as a badge (also the applicant's decision badge). */
export const ANSWER_TONES: Record<string, BadgeTone> = {
  pending: 'info',
  confirmed: 'ok',
  declined: 'danger',
  expired: 'danger',
};

/**
 * The decisions as organisers read them: the accepted (those holding a place first), the
 * waitlist in rank order, and the declined.
 */
export function groupDecisions(decisions: readonly Decision[]): {
  accepted: Decision[];
  waitlist: Decision[];
  declined: Decision[];
} {
  const holding = (d: Decision) => (d.response === 'confirmed' || d.response === 'pending' ? 0 : 1);
  return {
    accepted: decisions
      .filter((d) => d.outcome === 'accepted')
      .sort((a, b) => holding(a) - holding(b)),
    waitlist: decisions
      .filter((d) => d.outcome === 'waitlisted')
      .sort((a, b) => (a.waitlistRank ?? Infinity) - (b.waitlistRank ?? Infinity)),
    declined: decisions.filter((d) => d.outcome === 'declined'),
  };
}
