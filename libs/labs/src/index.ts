export * from './labs.module.js';
export * from './labs.service.js';
export * from './lab-access.service.js';
export * from './lab-phase-facts.service.js';
export * from './memberships.service.js';
export * from './labs.errors.js';
export * from './lab-view.js';
export * from './labs.contract.js';
export { LAB_WITH_ROLES_SQL } from './labs.repository.js';
export * from './entities/lab.entity.js';
export * from './entities/lab-membership.entity.js';
export * from './entities/lab-invitation.entity.js';

import { LabEntity } from './entities/lab.entity.js';
import { LabInvitationEntity } from './entities/lab-invitation.entity.js';
import { LabMembershipEntity } from './entities/lab-membership.entity.js';

export const labsEntities = [LabEntity, LabMembershipEntity, LabInvitationEntity];
