import type { MyDecision } from '../../features/selection/types';
import { Badge } from '../../components/badge';
import { ANSWER_TONES } from '../../features/selection/decision-groups';

/** The outcome of an application in a word or two, once the organisers have decided. */
export function decisionLabel(decision: MyDecision): { label: string; tone: string } {
  if (decision.outcome === 'waitlisted')
    return { label: `Waitlist, number ${decision.waitlistRank ?? '–'}`, tone: 'pending' };
  if (decision.outcome === 'declined') return { label: 'No place', tone: 'declined' };
  switch (decision.response) {
    case 'confirmed':
      return { label: 'Place confirmed', tone: 'confirmed' };
    case 'declined':
      return { label: 'Place declined', tone: 'declined' };
    case 'expired':
      return { label: 'Offer lapsed', tone: 'expired' };
    default:
      return { label: 'Place offered: please answer', tone: 'pending' };
  }
}

export function DecisionBadge({ decision }: { decision: MyDecision | undefined }) {
  if (!decision) return null;
  const { label, tone } = decisionLabel(decision);
  return <Badge tone={ANSWER_TONES[tone]}>{label}</Badge>;
}
