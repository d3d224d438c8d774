import { Injectable } from '@nestjs/common';
import { countWords, type Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { TransactionRunner, type FieldProblem } from '@ideas-lab/platform';
import { IdeaBoardsRepository } from './idea-boards.repository.js';
import { IdeaRevisionsRepository } from './idea-revisions.repository.js';
import type { CreateIdea, EditIdea, IdeaView, IdeasQuery } from './ideas.contract.js';
import { IdeasError } from './ideas.errors.js';
import { BOARD_READERS, CONTRIBUTORS, IdeasLive } from './ideas-live.js';
import { IdeasRepository, type IdeaContent } from './ideas.repository.js';

const distinct = (values: readonly string[] | undefined): string[] => [...new Set(values ?? [])];

/**
 * Ideas on a lab's board: participants and mentors post them and, as champions, revise
 * them; every revision is kept. An edit names the revision it was made on and is refused
 * (409, with the idea as it is now) when someone else revised it meanwhile.
 */
@Injectable()
export class IdeasService {
  constructor(
    private readonly ideas: IdeasRepository,
    private readonly revisions: IdeaRevisionsRepository,
    private readonly boards: IdeaBoardsRepository,
    private readonly access: LabAccessService,
    private readonly tx: TransactionRunner,
    private readonly live: IdeasLive,
  ) {}

  async list(actor: Actor, labId: string, query: IdeasQuery): Promise<IdeaView[]> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    return this.ideas.viewsOfLab(labId, actor.userId, {
      status: query.status ?? 'active',
      themeId: query.theme,
      tag: query.tag,
      discipline: query.discipline,
      mineOf: query.mine === 'true' ? actor.userId : undefined,
    });
  }

  async get(actor: Actor, labId: string, ideaId: string): Promise<IdeaView> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    return this.requireView(labId, ideaId, actor.userId);
  }

  async create(actor: Actor, labId: string, dto: CreateIdea): Promise<IdeaView> {
    await this.access.requireRole(actor, labId, CONTRIBUTORS);
    const content: IdeaContent = {
      title: dto.title,
      summary: dto.summary,
      challengeArea: dto.challengeArea,
      tags: distinct(dto.tags),
      disciplinesNeeded: distinct(dto.disciplinesNeeded),
    };
    const coChampions = distinct(dto.coChampions).filter((id) => id !== actor.userId);
    return this.tx.run(async () => {
      await this.checkContent(labId, content);
      const known = await this.ideas.contributorsAmong(labId, coChampions);
      const unknown = coChampions.filter((id) => !known.includes(id));
      if (unknown.length > 0) {
        throw new IdeasError(
          'IDEA_CHAMPION_INVALID',
          'Champions must be participants or mentors of this lab.',
          unknown.map((id) => ({
            field: 'coChampions',
            message: `${id} is not a participant or mentor of this lab`,
          })),
        );
      }
      const ideaId = await this.ideas.insert(labId, content, actor.userId);
      await this.ideas.addChampions(ideaId, [actor.userId, ...coChampions]);
      await this.revisions.insert(ideaId, 1, content, actor.userId);
      this.live.ideaChanged(labId, ideaId, 'posted', 1);
      return this.requireView(labId, ideaId, actor.userId);
    });
  }

  /** A champion's edit: the next revision, kept with what it replaced. */
  async edit(actor: Actor, labId: string, ideaId: string, dto: EditIdea): Promise<IdeaView> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    return this.tx.run(async () => {
      const idea = await this.ideas.findOfLabForUpdate(labId, ideaId);
      if (!idea) throw IdeasError.ideaNotFound();
      if (!actor.isAdmin && !(await this.ideas.isChampion(ideaId, actor.userId))) {
        throw new IdeasError('IDEA_NOT_CHAMPION', 'Only the champions of an idea edit it.');
      }
      if (idea.status !== 'active') throw IdeasError.notActive(idea.status);
      if (idea.version !== dto.version) {
        throw new IdeasError(
          'IDEA_VERSION_CONFLICT',
          `Someone revised this idea since you opened it (you edited revision ${dto.version}, it is now at revision ${idea.version}). Your changes were not saved: compare them with the current text and apply them again.`,
          {
            current: await this.requireView(labId, ideaId, actor.userId),
            yourVersion: dto.version,
          },
        );
      }
      const content: IdeaContent = {
        title: dto.title ?? idea.title,
        summary: dto.summary ?? idea.summary,
        challengeArea: dto.challengeArea ?? idea.challengeArea,
        tags: dto.tags ? distinct(dto.tags) : idea.tags,
        disciplinesNeeded: dto.disciplinesNeeded
          ? distinct(dto.disciplinesNeeded)
          : idea.disciplinesNeeded,
      };
      await this.checkContent(labId, content, dto);
      await this.ideas.updateContentIfVersion(ideaId, idea.version, content);
      await this.revisions.insert(ideaId, idea.version + 1, content, actor.userId, dto.note ?? '');
      this.live.ideaChanged(labId, ideaId, 'revised', idea.version + 1);
      return this.requireView(labId, ideaId, actor.userId);
    });
  }

  async requireView(labId: string, ideaId: string, viewerId: string): Promise<IdeaView> {
    const view = await this.ideas.viewOf(labId, ideaId, viewerId);
    if (!view) throw IdeasError.ideaNotFound();
    return view;
  }

  /**
   * The board's rules for what an idea says: the summary within the word limit, a challenge
   * area of the board's list (when it has one), disciplines of the lab's taxonomy. Only the
   * fields being written are judged (`written`), so an old idea stays editable after a rule change.
   */
  private async checkContent(
    labId: string,
    content: IdeaContent,
    written: Partial<Record<keyof IdeaContent, unknown>> = content,
  ): Promise<void> {
    const board = await this.boards.findOrCreate(labId);
    if (written.summary !== undefined) {
      const words = countWords(content.summary);
      if (words > board.summaryWordLimit) {
        throw new IdeasError(
          'IDEA_SUMMARY_TOO_LONG',
          `The summary has ${words} words; this board allows at most ${board.summaryWordLimit}.`,
          { words, limit: board.summaryWordLimit },
        );
      }
    }
    const problems: FieldProblem[] = [];
    if (
      written.challengeArea !== undefined &&
      board.challengeAreas.length > 0 &&
      !board.challengeAreas.includes(content.challengeArea)
    ) {
      problems.push({
        field: 'challengeArea',
        message: `challengeArea must be one of the board's challenge areas: ${board.challengeAreas.join(', ')}`,
      });
    }
    if (written.disciplinesNeeded !== undefined) {
      const disciplines = await this.ideas.disciplinesOfLab(labId);
      for (const d of content.disciplinesNeeded) {
        if (disciplines.length > 0 && !disciplines.includes(d)) {
          problems.push({
            field: 'disciplinesNeeded',
            message: `"${d}" is not a discipline of this lab (${disciplines.join(', ')})`,
          });
        }
      }
    }
    if (problems.length > 0) {
      throw new IdeasError('IDEA_INVALID', problems.map((p) => p.message).join('; '), problems);
    }
  }
}
