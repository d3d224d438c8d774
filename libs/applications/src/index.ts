export * from './applications.module.js';
export * from './applications.service.js';
export * from './application-forms.service.js';
export * from './lab-applications.service.js';
export * from './submitted-applications.service.js';
export * from './application-merit-sources.js';
export * from './applications.errors.js';
export * from './application-view.js';
export * from './applications.contract.js';
export * from './entities/application-form.entity.js';
export * from './entities/application.entity.js';
export * from './entities/application-version.entity.js';

import { ApplicationFormEntity } from './entities/application-form.entity.js';
import { ApplicationVersionEntity } from './entities/application-version.entity.js';
import { ApplicationEntity } from './entities/application.entity.js';

export const applicationsEntities = [
  ApplicationFormEntity,
  ApplicationEntity,
  ApplicationVersionEntity,
];
