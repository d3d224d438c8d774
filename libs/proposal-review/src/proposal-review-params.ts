import { uuidParam } from '@ideas-lab/platform';

/** Path ids that must be UUIDs; anything else is a clear 400 naming the parameter. */
export const LabId = uuidParam('labId');
export const FundingRoundId = uuidParam('fundingRoundId');
export const ProposalId = uuidParam('proposalId');
export const AssignmentId = uuidParam('assignmentId');
export const TeamId = uuidParam('teamId');
