import { Injectable } from '@nestjs/common';
import { roomLinkTemplateProblems, roomVideoLink, type Actor } from '@ideas-lab/domain';
import { LabAccessService, LabsError } from '@ideas-lab/labs';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { BreakoutNotices } from './breakout-notices.js';
import type { UpdateWorkshopSettings, WorkshopSettingsView } from './workshop.contract.js';
import { WorkshopError } from './workshop.errors.js';
import {
  WorkshopSettingsRepository,
  type WorkshopSettingsRow,
} from './workshop-settings.repository.js';

/** A lab's workshop settings: the video link template that fills every room without a link. */
@Injectable()
export class WorkshopSettingsService {
  constructor(
    private readonly settings: WorkshopSettingsRepository,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly notices: BreakoutNotices,
  ) {}

  async get(actor: Actor, labId: string): Promise<WorkshopSettingsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return toView(labId, await this.read(labId));
  }

  /**
   * Set the link template over the version read (409 with the current settings otherwise);
   * once committed, people in an open round get their rooms' new links.
   */
  async update(
    actor: Actor,
    labId: string,
    dto: UpdateWorkshopSettings,
  ): Promise<WorkshopSettingsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const template = dto.roomLinkTemplate || null;
    const problems = template ? roomLinkTemplateProblems(template) : [];
    if (problems.length > 0)
      throw new WorkshopError(
        'ROOM_LINK_TEMPLATE_INVALID',
        `The video link template cannot be used: ${problems[0].message.replace(/^roomLinkTemplate /, 'it ')}.`,
        problems,
      );
    return this.tx.run(async () => {
      if (!(await this.settings.saveIfVersion(labId, dto.version, { roomLinkTemplate: template })))
        throw new WorkshopError(
          'WORKSHOP_SETTINGS_VERSION_CONFLICT',
          'Someone changed the workshop settings since you opened them; here they are as they are now.',
          { current: toView(labId, await this.read(labId)) },
        );
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'workshop.room_link_template_set',
        entityType: 'lab',
        entityId: labId,
        data: { roomLinkTemplate: template },
      });
      await this.notices.publish({ kind: 'room-links-changed', labId });
      return toView(labId, await this.read(labId));
    });
  }

  private async read(labId: string): Promise<WorkshopSettingsRow> {
    const row = await this.settings.findOfLab(labId);
    if (!row) throw LabsError.notFound();
    return row;
  }
}

function toView(labId: string, row: WorkshopSettingsRow): WorkshopSettingsView {
  return {
    labId,
    roomLinkTemplate: row.roomLinkTemplate,
    exampleLink: roomVideoLink({
      ownUrl: null,
      template: row.roomLinkTemplate,
      labSlug: row.labSlug,
      roomName: 'Room 1',
      roomPosition: 0,
    }),
    version: row.version,
  };
}
