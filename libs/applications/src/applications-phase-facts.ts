import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LabPhaseFactSources } from '@ideas-lab/labs';
import { ApplicationFormsRepository } from './application-forms.repository.js';

/** Tells the lab's phase rules whether an application form is published (applications open only then). */
@Injectable()
export class ApplicationsPhaseFacts implements OnModuleInit {
  constructor(
    private readonly sources: LabPhaseFactSources,
    private readonly forms: ApplicationFormsRepository,
  ) {}

  onModuleInit(): void {
    this.sources.register(async (labId) => ({
      applicationFormPublished: (await this.forms.findCurrentOfLab(labId)) !== null,
    }));
  }
}
