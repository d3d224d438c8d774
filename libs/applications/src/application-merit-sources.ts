import { Injectable } from '@nestjs/common';

/** What application review knows of one application: its normalised merit and how many reviews made it. */
export interface ApplicationMerit {
  /** Mean of the per-reviewer normalised scores (z-scores); null until a review is submitted. */
  merit: number | null;
  reviewCount: number;
}

/** Reads the merit of every reviewed application of a lab, by application id. */
export type ApplicationMeritSource = (labId: string) => Promise<Map<string, ApplicationMerit>>;

/**
 * Where application review tells the organisers' applications table the normalised scores,
 * without applications depending on review (review depends on applications): review registers
 * its source when its module starts. Without one (review not loaded), every merit is null.
 */
@Injectable()
export class ApplicationMeritSources {
  private source: ApplicationMeritSource | null = null;

  register(source: ApplicationMeritSource): void {
    this.source = source;
  }

  read(labId: string): Promise<Map<string, ApplicationMerit>> {
    return this.source ? this.source(labId) : Promise.resolve(new Map());
  }
}
