export * from './proposal-review.module.js';
export * from './proposal-ranking.service.js';
export * from './proposal-assignment.service.js';
export * from './proposal-reviews.service.js';
export * from './proposal-panel.service.js';
export * from './proposal-review-records.service.js';
export * from './proposal-review.errors.js';
export * from './proposal-review.contract.js';
export * from './entities/proposal-review-round.entity.js';
export * from './entities/proposal-review.entity.js';
export * from './entities/proposal-review-revision.entity.js';
export * from './entities/proposal-review-run.entity.js';
export * from './entities/panel-message.entity.js';
export * from './entities/consensus-report.entity.js';
export * from './entities/proposal-conflict.entity.js';

import { ConsensusReportEntity } from './entities/consensus-report.entity.js';
import { PanelMessageEntity } from './entities/panel-message.entity.js';
import { ProposalConflictEntity } from './entities/proposal-conflict.entity.js';
import { ProposalReviewRevisionEntity } from './entities/proposal-review-revision.entity.js';
import { ProposalReviewRoundEntity } from './entities/proposal-review-round.entity.js';
import { ProposalReviewRunEntity } from './entities/proposal-review-run.entity.js';
import { ProposalReviewEntity } from './entities/proposal-review.entity.js';

export const proposalReviewEntities = [
  ProposalReviewRoundEntity,
  ProposalReviewEntity,
  ProposalReviewRevisionEntity,
  ProposalReviewRunEntity,
  PanelMessageEntity,
  ConsensusReportEntity,
  ProposalConflictEntity,
];
