import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IdentityModule } from '@ideas-lab/identity';
import { LabRolesGuard } from './guards/lab-roles.guard.js';
import { LabAccessService } from './lab-access.service.js';
import { LabAuditController } from './lab-audit.controller.js';
import { LabAuditService } from './lab-audit.service.js';
import { LabInvitationsRepository } from './lab-invitations.repository.js';
import { LabMembershipsRepository } from './lab-memberships.repository.js';
import { CallsController, LabsController } from './labs.controller.js';
import { LabsRepository } from './labs.repository.js';
import { LabPhaseFactSources } from './lab-phase-facts.service.js';
import { LabsService } from './labs.service.js';
import {
  InvitationsController,
  LabMembersController,
  MeController,
} from './memberships.controller.js';
import { MembershipsService } from './memberships.service.js';

@Module({
  imports: [IdentityModule],
  controllers: [
    LabsController,
    CallsController,
    LabMembersController,
    InvitationsController,
    MeController,
    LabAuditController,
  ],
  providers: [
    LabsRepository,
    LabMembershipsRepository,
    LabInvitationsRepository,
    LabAccessService,
    LabsService,
    MembershipsService,
    LabPhaseFactSources,
    LabAuditService,
    { provide: APP_GUARD, useClass: LabRolesGuard },
  ],
  exports: [LabsService, LabAccessService, MembershipsService, LabPhaseFactSources],
})
export class LabsModule {}
