export * from './proposals.module.js';
export * from './funding-rounds.service.js';
export * from './proposals.service.js';
export * from './proposals.errors.js';
export * from './proposals.contract.js';
export * from './entities/funding-round.entity.js';
export * from './entities/funding-round-team.entity.js';
export * from './entities/proposal.entity.js';
export * from './entities/proposal-version.entity.js';

import { FundingRoundEntity } from './entities/funding-round.entity.js';
import { FundingRoundTeamEntity } from './entities/funding-round-team.entity.js';
import { ProposalEntity } from './entities/proposal.entity.js';
import { ProposalVersionEntity } from './entities/proposal-version.entity.js';

export const proposalsEntities = [
  FundingRoundEntity,
  FundingRoundTeamEntity,
  ProposalEntity,
  ProposalVersionEntity,
];
