import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { IdeaRevisionEntity } from './entities/idea-revision.entity.js';
import type { IdeaContent } from './ideas.repository.js';

export interface RevisionRow extends IdeaContent {
  id: string;
  ideaId: string;
  originIdeaId: string;
  originTitle: string;
  number: number;
  note: string;
  author: { userId: string; displayName: string };
  createdAt: Date;
}

const REVISION_SQL = `
SELECT r.id, r.idea_id AS "ideaId", r.origin_idea_id AS "originIdeaId", o.title AS "originTitle",
       r.number, r.title, r.summary, r.challenge_area AS "challengeArea", r.tags,
       r.disciplines_needed AS "disciplinesNeeded", r.note, r.created_at AS "createdAt",
       json_build_object('userId', u.id, 'displayName', u.display_name) AS author
  FROM idea_revisions r JOIN users u ON u.id = r.author_id JOIN ideas o ON o.id = r.origin_idea_id`;

@Injectable()
export class IdeaRevisionsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(
    ideaId: string,
    number: number,
    content: IdeaContent,
    authorId: string,
    note = '',
  ): Promise<void> {
    await this.tx
      .manager()
      .getRepository(IdeaRevisionEntity)
      .insert({ ideaId, originIdeaId: ideaId, number, ...content, note, authorId });
  }

  /**
   * The history of an idea, oldest first: the revisions written for it, and those of the
   * ideas merged into it.
   */
  historyOf(ideaId: string): Promise<RevisionRow[]> {
    return this.tx
      .manager()
      .query(
        `${REVISION_SQL} WHERE r.idea_id = $1 OR r.origin_idea_id = $1 ORDER BY r.created_at, r.number, r.id`,
        [ideaId],
      );
  }

  /** Two revisions of an idea's history (either order), by id. */
  pairOf(ideaId: string, ids: [string, string]): Promise<RevisionRow[]> {
    return this.tx
      .manager()
      .query(
        `${REVISION_SQL} WHERE (r.idea_id = $1 OR r.origin_idea_id = $1) AND r.id = ANY($2::uuid[])`,
        [ideaId, ids],
      );
  }

  /** Revisions of merged ideas join the history of the idea they were merged into. */
  async carryOver(fromIdeaIds: readonly string[], toIdeaId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`UPDATE idea_revisions SET idea_id = $2 WHERE idea_id = ANY($1::uuid[])`, [
        [...fromIdeaIds],
        toIdeaId,
      ]);
  }
}
