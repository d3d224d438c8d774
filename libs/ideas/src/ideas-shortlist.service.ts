import { Injectable } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { IdeaBoardsRepository } from './idea-boards.repository.js';
import type { PutShortlist, ShortlistedIdea, ShortlistView } from './ideas.contract.js';
import { IdeasError } from './ideas.errors.js';
import { BOARD_READERS, IdeasLive } from './ideas-live.js';
import { IdeasRepository } from './ideas.repository.js';

/**
 * The lab's shortlist: the ideas organisers keep for team formation, in order. Other libs
 * (team formation) read it through `shortlistedIdeas`.
 */
@Injectable()
export class IdeasShortlist {
  constructor(
    private readonly boards: IdeaBoardsRepository,
    private readonly ideas: IdeasRepository,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly live: IdeasLive,
  ) {}

  /** The shortlisted ideas of a lab, first place first; no access check (for other libs). */
  shortlistedIdeas(labId: string): Promise<ShortlistedIdea[]> {
    return this.boards.shortlistOf(labId);
  }

  async get(actor: Actor, labId: string): Promise<ShortlistView> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    return this.tx.run(() => this.view(labId));
  }

  /** Replace the shortlist (organisers); only active ideas of the lab, each once. */
  async put(actor: Actor, labId: string, dto: PutShortlist): Promise<ShortlistView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const duplicates = dto.ideaIds.filter((id, i) => dto.ideaIds.indexOf(id) !== i);
    if (duplicates.length > 0) {
      throw new IdeasError(
        'SHORTLIST_INVALID',
        'An idea can be on the shortlist only once.',
        [...new Set(duplicates)].map((id) => ({
          field: 'ideaIds',
          message: `${id} is listed twice`,
        })),
      );
    }
    return this.tx.run(async () => {
      const board = await this.boards.lock(labId);
      if (board.shortlistVersion !== dto.version) {
        throw new IdeasError(
          'SHORTLIST_VERSION_CONFLICT',
          `The shortlist changed since you opened it (you edited version ${dto.version}, it is now version ${board.shortlistVersion}). Nothing was changed: look at it again.`,
          { current: await this.view(labId) },
        );
      }
      const found = await this.ideas.findManyOfLabForUpdate(labId, dto.ideaIds);
      const problems = dto.ideaIds.flatMap((id) => {
        const idea = found.find((i) => i.id === id);
        if (!idea) return [{ field: 'ideaIds', message: `${id} is not an idea of this lab` }];
        if (idea.status !== 'active')
          return [{ field: 'ideaIds', message: `"${idea.title}" is ${idea.status}` }];
        return [];
      });
      if (problems.length > 0) {
        throw new IdeasError(
          'SHORTLIST_INVALID',
          'Only active ideas of this lab can be shortlisted.',
          problems,
        );
      }
      await this.boards.replaceShortlist(labId, dto.ideaIds, actor.userId);
      const view = await this.view(labId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'ideas.shortlist_set',
        entityType: 'idea_shortlist',
        entityId: labId,
        data: { ideas: view.ideas.map((i) => ({ id: i.id, title: i.title })) },
      });
      this.live.shortlistChanged(labId, view.version, dto.ideaIds);
      return view;
    });
  }

  private async view(labId: string): Promise<ShortlistView> {
    const board = await this.boards.findOrCreate(labId);
    return {
      labId,
      version: board.shortlistVersion,
      ideas: await this.boards.shortlistOf(labId),
    };
  }
}
