import { Injectable } from '@nestjs/common';
import { compareRevisions, type Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { IdeaRevisionsRepository, type RevisionRow } from './idea-revisions.repository.js';
import type { IdeaRevisionView, RevisionComparison } from './ideas.contract.js';
import { IdeasError } from './ideas.errors.js';
import { BOARD_READERS } from './ideas-live.js';
import { IdeasRepository } from './ideas.repository.js';

const toView = (row: RevisionRow): IdeaRevisionView => ({
  id: row.id,
  number: row.number,
  writtenFor: { id: row.originIdeaId, title: row.originTitle },
  title: row.title,
  summary: row.summary,
  challengeArea: row.challengeArea,
  tags: row.tags,
  disciplinesNeeded: row.disciplinesNeeded,
  note: row.note,
  author: row.author,
  createdAt: row.createdAt.toISOString(),
});

/** Every revision of an idea (with those its merges brought in) and any two compared. */
@Injectable()
export class IdeaHistoryService {
  constructor(
    private readonly ideas: IdeasRepository,
    private readonly revisions: IdeaRevisionsRepository,
    private readonly access: LabAccessService,
  ) {}

  async list(actor: Actor, labId: string, ideaId: string): Promise<IdeaRevisionView[]> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    if (!(await this.ideas.findOfLab(labId, ideaId))) throw IdeasError.ideaNotFound();
    return (await this.revisions.historyOf(ideaId)).map(toView);
  }

  async compare(
    actor: Actor,
    labId: string,
    ideaId: string,
    query: { from: string; to: string },
  ): Promise<RevisionComparison> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    if (!(await this.ideas.findOfLab(labId, ideaId))) throw IdeasError.ideaNotFound();
    const rows = await this.revisions.pairOf(ideaId, [query.from, query.to]);
    const from = rows.find((r) => r.id === query.from);
    const to = rows.find((r) => r.id === query.to);
    if (!from || !to) {
      throw new IdeasError(
        'IDEA_REVISION_NOT_FOUND',
        'This idea has no such revision (compare two revisions of its own history).',
        { missing: [!from && query.from, !to && query.to].filter(Boolean) },
      );
    }
    return { from: toView(from), to: toView(to), fields: compareRevisions({ from, to }) };
  }
}
