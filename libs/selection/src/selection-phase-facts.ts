import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LabPhaseFactSources } from '@ideas-lab/labs';
import { SelectionRunsRepository } from './selection-runs.repository.js';

/** Tells the lab's phase rules whether a selection run is adopted (Selection cannot step back then). */
@Injectable()
export class SelectionPhaseFacts implements OnModuleInit {
  constructor(
    private readonly sources: LabPhaseFactSources,
    private readonly runs: SelectionRunsRepository,
  ) {}

  onModuleInit(): void {
    this.sources.register(async (labId) => ({
      selectionAdopted: (await this.runs.findAdoptedOfLab(labId)) !== null,
    }));
  }
}
