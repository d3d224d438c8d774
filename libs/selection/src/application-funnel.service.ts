import { Injectable } from '@nestjs/common';
import type { Actor, Funnel } from '@ideas-lab/domain';
import { LabApplicationsService } from '@ideas-lab/applications';
import { LabAccessService } from '@ideas-lab/labs';
import { ReviewResultsService } from '@ideas-lab/review';
import { SelectionDecisionsRepository } from './selection-decisions.repository.js';

/**
 * The funnel of a lab's applications with the later stages filled in: reviewed (at least one
 * submitted review, what makes an application eligible for selection), selected (offered a
 * place by the adopted run, from the start or from the waitlist, whatever the answer) and
 * confirmed (selected and took the place). Served here because selection is the feature
 * that knows applications, reviews and decisions alike.
 */
@Injectable()
export class ApplicationFunnelService {
  constructor(
    private readonly applications: LabApplicationsService,
    private readonly reviewResults: ReviewResultsService,
    private readonly decisions: SelectionDecisionsRepository,
    private readonly access: LabAccessService,
  ) {}

  async funnel(actor: Actor, labId: string): Promise<Funnel & { note: string }> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const [reviewed, decisions] = await Promise.all([
      this.reviewResults.reviewedApplicationIds(labId),
      this.decisions.findOfLab(labId),
    ]);
    const offered = decisions.filter((d) => d.outcome === 'accepted');
    return this.applications.funnel(actor, labId, {
      reviewed,
      selected: new Set(offered.map((d) => d.applicationId)),
      confirmed: new Set(
        offered.filter((d) => d.response === 'confirmed').map((d) => d.applicationId),
      ),
    });
  }
}
