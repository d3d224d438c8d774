import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LabPhaseFactSources } from '@ideas-lab/labs';
import { BreakoutRepository } from './breakout.repository.js';

/** Tells the lab's phase rules how many breakout rounds are open (a lab keeps its workshop until none is). */
@Injectable()
export class WorkshopPhaseFacts implements OnModuleInit {
  constructor(
    private readonly sources: LabPhaseFactSources,
    private readonly breakout: BreakoutRepository,
  ) {}

  onModuleInit(): void {
    this.sources.register(async (labId) => ({
      openBreakoutRounds: await this.breakout.countOpenRoundsOfLab(labId),
    }));
  }
}
