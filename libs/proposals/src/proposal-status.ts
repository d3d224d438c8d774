import type { ProposalStatus } from './proposals.contract.js';

/** Where a proposal stands, from its latest and submitted versions. */
export function proposalStatusOf(proposal: {
  version: number;
  submittedVersion: number | null;
}): ProposalStatus {
  if (proposal.version === 0) return 'not-started';
  if (proposal.submittedVersion === null) return 'draft';
  return proposal.submittedVersion === proposal.version ? 'submitted' : 'changed-since-submission';
}
