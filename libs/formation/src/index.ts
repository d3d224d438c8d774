export * from './formation.module.js';
export * from './formation.service.js';
export * from './formation-runs.service.js';
export * from './formation-shortlist.js';
export * from './formation.errors.js';
export * from './formation.contract.js';
export * from './entities/formation-settings.entity.js';
export * from './entities/formation-interest.entity.js';
export * from './entities/formation-run.entity.js';

import { FormationInterestEntity } from './entities/formation-interest.entity.js';
import { FormationRunEntity } from './entities/formation-run.entity.js';
import { FormationSettingsEntity } from './entities/formation-settings.entity.js';

export const formationEntities = [
  FormationSettingsEntity,
  FormationInterestEntity,
  FormationRunEntity,
];
