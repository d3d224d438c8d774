import { Injectable } from '@nestjs/common';
import type { LabPhaseFacts } from '@ideas-lab/domain';

/** The facts about a lab that other features own and the phase rules need. */
export type LabPhaseFeatureFacts = Pick<
  LabPhaseFacts,
  'applicationFormPublished' | 'openBreakoutRounds' | 'selectionAdopted'
>;

/** Reads some of those facts for a lab, inside the caller's transaction. */
export type LabPhaseFactSource = (labId: string) => Promise<Partial<LabPhaseFeatureFacts>>;

const NOTHING_YET: LabPhaseFeatureFacts = {
  applicationFormPublished: false,
  openBreakoutRounds: 0,
  selectionAdopted: false,
};

/**
 * Where the features that depend on labs (applications, workshop, selection) tell the phase
 * rules what they know, without labs depending on them: each registers a source when its
 * module starts; the phase machine asks them all before every decision.
 */
@Injectable()
export class LabPhaseFactSources {
  private readonly sources: LabPhaseFactSource[] = [];

  register(source: LabPhaseFactSource): void {
    this.sources.push(source);
  }

  /** One source at a time: they share the transaction's connection. */
  async read(labId: string): Promise<LabPhaseFeatureFacts> {
    let facts = { ...NOTHING_YET };
    for (const source of this.sources) facts = { ...facts, ...(await source(labId)) };
    return facts;
  }
}
