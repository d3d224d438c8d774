import { Injectable } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { LabAccessService, MembershipsService } from '@ideas-lab/labs';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { IdeaBoardsRepository } from './idea-boards.repository.js';
import type {
  CreateIdeaTheme,
  IdeaBoardView,
  IdeaPerson,
  IdeaTheme,
  PutIdeaBoard,
} from './ideas.contract.js';
import { IdeasError } from './ideas.errors.js';
import { IdeasRepository } from './ideas.repository.js';
import { BOARD_READERS, IdeasLive } from './ideas-live.js';

const MAX_PEOPLE_FOUND = 20;

/** A lab's ideas board settings and themes: organisers set them, the workshop reads them. */
@Injectable()
export class IdeaBoardService {
  constructor(
    private readonly boards: IdeaBoardsRepository,
    private readonly ideas: IdeasRepository,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly live: IdeasLive,
    private readonly memberships: MembershipsService,
  ) {}

  /** Participants and mentors of the lab found by name: who may be named a co-champion. */
  async people(actor: Actor, labId: string, q: string | undefined): Promise<IdeaPerson[]> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    const search = q || undefined;
    const found = [
      ...(await this.memberships.members(labId, { role: 'participant', search })),
      ...(await this.memberships.members(labId, { role: 'mentor', search })),
    ];
    const people = new Map<string, IdeaPerson>();
    for (const m of found) {
      if (m.userId !== actor.userId) {
        people.set(m.userId, { userId: m.userId, displayName: m.displayName });
      }
    }
    return [...people.values()]
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .slice(0, MAX_PEOPLE_FOUND);
  }

  async get(actor: Actor, labId: string): Promise<IdeaBoardView> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    return this.tx.run(() => this.view(labId));
  }

  async put(actor: Actor, labId: string, dto: PutIdeaBoard): Promise<IdeaBoardView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const board = await this.boards.lock(labId);
      if (board.version !== dto.version) {
        throw new IdeasError(
          'IDEA_BOARD_VERSION_CONFLICT',
          `The board settings changed since you opened them (you edited version ${dto.version}, they are now version ${board.version}). Reload them and apply your changes again.`,
          { current: await this.view(labId) },
        );
      }
      const challengeAreas = dto.challengeAreas
        ? [...new Set(dto.challengeAreas)]
        : board.challengeAreas;
      const summaryWordLimit = dto.summaryWordLimit ?? board.summaryWordLimit;
      await this.boards.saveSettings(labId, { challengeAreas, summaryWordLimit });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'ideas.board_set',
        entityType: 'idea_board',
        entityId: labId,
        data: { challengeAreas, summaryWordLimit },
      });
      this.live.boardChanged(labId);
      return this.view(labId);
    });
  }

  async createTheme(actor: Actor, labId: string, dto: CreateIdeaTheme): Promise<IdeaTheme> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const id = await this.boards.insertTheme(labId, dto.name);
      if (!id) {
        throw new IdeasError(
          'IDEA_THEME_NAME_TAKEN',
          `This board already has a theme called "${dto.name}".`,
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'ideas.theme_created',
        entityType: 'idea_theme',
        entityId: id,
        data: { name: dto.name },
      });
      this.live.boardChanged(labId);
      return { id, name: dto.name, ideas: 0 };
    });
  }

  /** Remove a theme; its ideas stay, under no theme. */
  async deleteTheme(actor: Actor, labId: string, themeId: string): Promise<void> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.tx.run(async () => {
      const theme = await this.boards.findTheme(labId, themeId);
      if (!theme) throw IdeasError.themeNotFound();
      await this.boards.deleteTheme(themeId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'ideas.theme_deleted',
        entityType: 'idea_theme',
        entityId: themeId,
        data: { name: theme.name },
      });
      this.live.boardChanged(labId);
    });
  }

  /** The board's settings, created with the defaults when none were set. */
  settingsOf(labId: string) {
    return this.boards.findOrCreate(labId);
  }

  private async view(labId: string): Promise<IdeaBoardView> {
    const board = await this.boards.findOrCreate(labId);
    return {
      labId,
      challengeAreas: board.challengeAreas,
      summaryWordLimit: board.summaryWordLimit,
      version: board.version,
      themes: await this.boards.themesOf(labId),
      disciplines: await this.ideas.disciplinesOfLab(labId),
    };
  }
}
