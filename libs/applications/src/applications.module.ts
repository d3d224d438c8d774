import { ApplicationsPhaseFacts } from './applications-phase-facts.js';
import { ApplicationMeritSources } from './application-merit-sources.js';
import { Module } from '@nestjs/common';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { ApplicationFormsRepository } from './application-forms.repository.js';
import { ApplicationFormsService } from './application-forms.service.js';
import { ApplicationVersionsRepository } from './application-versions.repository.js';
import {
  ApplicationFormController,
  ApplicationsController,
  LabApplicationsController,
  MyApplicationsController,
} from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { LabApplicationsService } from './lab-applications.service.js';
import { SubmittedApplicationsService } from './submitted-applications.service.js';

@Module({
  imports: [IdentityModule, LabsModule],
  controllers: [
    ApplicationFormController,
    LabApplicationsController,
    ApplicationsController,
    MyApplicationsController,
  ],
  providers: [
    ApplicationFormsRepository,
    ApplicationsRepository,
    ApplicationVersionsRepository,
    ApplicationFormsService,
    ApplicationsService,
    LabApplicationsService,
    SubmittedApplicationsService,
    ApplicationsPhaseFacts,
    ApplicationMeritSources,
  ],
  exports: [
    ApplicationFormsService,
    ApplicationsService,
    LabApplicationsService,
    SubmittedApplicationsService,
    ApplicationMeritSources,
  ],
})
export class ApplicationsModule {}
