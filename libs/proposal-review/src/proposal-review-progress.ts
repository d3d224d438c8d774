import type { ProposalReviewProgress } from './proposal-review.contract.js';
import type { ProposalReviewState } from './entities/proposal-review.entity.js';

export function progressOf(statuses: readonly ProposalReviewState[]): ProposalReviewProgress {
  const count = (s: ProposalReviewState) => statuses.filter((x) => x === s).length;
  return {
    assigned: statuses.length,
    submitted: count('submitted'),
    draft: count('draft'),
    notStarted: count('assigned'),
  };
}
