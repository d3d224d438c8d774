import { Injectable } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { IdeaBoardsRepository } from './idea-boards.repository.js';
import type { IdeaView } from './ideas.contract.js';
import { IdeasError } from './ideas.errors.js';
import { IdeasLive } from './ideas-live.js';
import { IdeasRepository } from './ideas.repository.js';
import { IdeasService } from './ideas.service.js';

/** What organisers do to the board's ideas: group them under themes, archive, restore. */
@Injectable()
export class IdeaCurationService {
  constructor(
    private readonly ideas: IdeasRepository,
    private readonly boards: IdeaBoardsRepository,
    private readonly views: IdeasService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly live: IdeasLive,
  ) {}

  async setTheme(
    actor: Actor,
    labId: string,
    ideaId: string,
    themeId: string | null,
  ): Promise<IdeaView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const idea = await this.ideas.findOfLabForUpdate(labId, ideaId);
      if (!idea) throw IdeasError.ideaNotFound();
      const theme = themeId ? await this.boards.findTheme(labId, themeId) : null;
      if (themeId && !theme) throw IdeasError.themeNotFound();
      await this.ideas.setTheme(ideaId, themeId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'idea.themed',
        entityType: 'idea',
        entityId: ideaId,
        data: { title: idea.title, theme: theme?.name ?? null },
      });
      this.live.ideaChanged(labId, ideaId, 'themed', idea.version);
      return this.views.requireView(labId, ideaId, actor.userId);
    });
  }

  /** Archive an active idea (it leaves the shortlist) or restore an archived one. */
  async setArchived(
    actor: Actor,
    labId: string,
    ideaId: string,
    archived: boolean,
  ): Promise<IdeaView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const board = await this.boards.lock(labId);
      const idea = await this.ideas.findOfLabForUpdate(labId, ideaId);
      if (!idea) throw IdeasError.ideaNotFound();
      const from = archived ? 'active' : 'archived';
      if (idea.status !== from) {
        throw new IdeasError(
          'IDEA_NOT_ACTIVE',
          idea.status === 'merged'
            ? 'This idea was merged into another one; it cannot be archived or restored.'
            : `This idea is already ${idea.status}.`,
          { status: idea.status },
        );
      }
      await this.ideas.setStatus(ideaId, archived ? 'archived' : 'active', null);
      if (archived && (await this.boards.dropFromShortlist(labId, [ideaId]))) {
        const shortlist = await this.boards.shortlistOf(labId);
        this.live.shortlistChanged(
          labId,
          board.shortlistVersion + 1,
          shortlist.map((s) => s.id),
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: archived ? 'idea.archived' : 'idea.restored',
        entityType: 'idea',
        entityId: ideaId,
        data: { title: idea.title },
      });
      this.live.ideaChanged(labId, ideaId, archived ? 'archived' : 'restored', idea.version);
      return this.views.requireView(labId, ideaId, actor.userId);
    });
  }
}
