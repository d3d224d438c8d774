export * from './selection.module.js';
export * from './selection-runs.service.js';
export * from './decisions.service.js';
export * from './decision-letters.service.js';
export * from './decision-letter-sender.service.js';
export * from './lab-outbox.service.js';
export * from './offer-expiry-sweeper.service.js';
export * from './application-funnel.service.js';
export * from './selection.errors.js';
export * from './selection.contract.js';
export * from './entities/selection-run.entity.js';
export * from './entities/selection-decision.entity.js';
export * from './entities/decision-letter.entity.js';

import { DecisionLetterEntity } from './entities/decision-letter.entity.js';
import { SelectionDecisionEntity } from './entities/selection-decision.entity.js';
import { SelectionRunEntity } from './entities/selection-run.entity.js';

export const selectionEntities = [
  SelectionRunEntity,
  SelectionDecisionEntity,
  DecisionLetterEntity,
];
