export * from './funding.module.js';
export * from './funding.contract.js';
export * from './funding.errors.js';
export * from './proposal-reviews.port.js';
export * from './portfolio-runs.service.js';
export * from './funding-decisions.service.js';
export * from './progress-reports.service.js';
export * from './entities/funding-portfolio-run.entity.js';
export * from './entities/funding-decision.entity.js';
export * from './entities/progress-report.entity.js';

import { FundingDecisionEntity } from './entities/funding-decision.entity.js';
import { FundingPortfolioRunEntity } from './entities/funding-portfolio-run.entity.js';
import { ProgressReportEntity } from './entities/progress-report.entity.js';

export const fundingEntities = [
  FundingPortfolioRunEntity,
  FundingDecisionEntity,
  ProgressReportEntity,
];
