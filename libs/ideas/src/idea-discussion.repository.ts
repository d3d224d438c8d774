import { Injectable } from '@nestjs/common';
import { rowsOf, TransactionRunner } from '@ideas-lab/platform';
import { IdeaCommentEntity } from './entities/idea-comment.entity.js';
import type { IdeaCommentView, IdeaPerson } from './ideas.contract.js';

type CommentRow = Omit<IdeaCommentView, 'createdAt' | 'addressedAt'> & {
  createdAt: Date;
  addressedAt: Date | null;
};

const COMMENT_SQL = `
SELECT c.id, c.parent_id AS "parentId", c.by_mentor AS "byMentor", c.body,
       c.addressed_at IS NOT NULL AS addressed, c.addressed_at AS "addressedAt", c.created_at AS "createdAt",
       json_build_object('userId', u.id, 'displayName', u.display_name) AS author,
       CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('userId', a.id, 'displayName', a.display_name) END AS "addressedBy",
       json_build_object('id', o.id, 'title', o.title) AS "writtenFor"
  FROM idea_comments c
  JOIN users u ON u.id = c.author_id
  JOIN ideas o ON o.id = c.origin_idea_id
  LEFT JOIN users a ON a.id = c.addressed_by`;

const toView = (row: CommentRow): IdeaCommentView => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  addressedAt: row.addressedAt ? row.addressedAt.toISOString() : null,
});

/** Comments, replies and supporters of ideas. */
@Injectable()
export class IdeaDiscussionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return rowsOf<T>(await this.tx.manager().query(sql, params));
  }

  /** The discussion of an idea, oldest first: its own and what merges brought in. */
  async commentsOf(ideaId: string): Promise<IdeaCommentView[]> {
    const rows = await this.query<CommentRow>(
      `${COMMENT_SQL} WHERE c.idea_id = $1 OR c.origin_idea_id = $1 ORDER BY c.created_at, c.id`,
      [ideaId],
    );
    return rows.map(toView);
  }

  async commentOf(ideaId: string, commentId: string): Promise<IdeaCommentView | null> {
    const rows = await this.query<CommentRow>(
      `${COMMENT_SQL} WHERE (c.idea_id = $1 OR c.origin_idea_id = $1) AND c.id = $2`,
      [ideaId, commentId],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async insertComment(comment: {
    ideaId: string;
    parentId: string | null;
    authorId: string;
    byMentor: boolean;
    body: string;
  }): Promise<string> {
    const saved = await this.tx
      .manager()
      .getRepository(IdeaCommentEntity)
      .save({ ...comment, originIdeaId: comment.ideaId });
    return saved.id;
  }

  async setAddressed(commentId: string, by: string | null): Promise<void> {
    await this.query(
      `UPDATE idea_comments SET addressed_by = $2, addressed_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END WHERE id = $1`,
      [commentId, by],
    );
  }

  /** Comments of merged ideas join the discussion of the idea they were merged into. */
  async carryOverComments(fromIdeaIds: readonly string[], toIdeaId: string): Promise<void> {
    await this.query(`UPDATE idea_comments SET idea_id = $2 WHERE idea_id = ANY($1::uuid[])`, [
      [...fromIdeaIds],
      toIdeaId,
    ]);
  }

  /** True when the person was not a supporter yet. */
  async addSupporter(ideaId: string, userId: string): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO idea_supporters (idea_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING idea_id`,
      [ideaId, userId],
    );
    return rows.length > 0;
  }

  async removeSupporter(ideaId: string, userId: string): Promise<boolean> {
    const rows = await this.query(
      `DELETE FROM idea_supporters WHERE idea_id = $1 AND user_id = $2 RETURNING idea_id`,
      [ideaId, userId],
    );
    return rows.length > 0;
  }

  supportersOf(ideaId: string): Promise<IdeaPerson[]> {
    return this.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName"
         FROM idea_supporters s JOIN users u ON u.id = s.user_id
        WHERE s.idea_id = $1 ORDER BY s.created_at, u.id`,
      [ideaId],
    );
  }

  /** The supporters of merged ideas support the idea they became part of (they keep theirs). */
  async carryOverSupporters(fromIdeaIds: readonly string[], toIdeaId: string): Promise<void> {
    await this.query(
      `INSERT INTO idea_supporters (idea_id, user_id, created_at)
       SELECT $2, user_id, min(created_at) FROM idea_supporters WHERE idea_id = ANY($1::uuid[]) GROUP BY user_id
       ON CONFLICT DO NOTHING`,
      [[...fromIdeaIds], toIdeaId],
    );
  }
}
