import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { IdeaBoardEntity } from './entities/idea-board.entity.js';
import { IdeaThemeEntity } from './entities/idea-theme.entity.js';
import type { IdeaTheme, ShortlistedIdea } from './ideas.contract.js';

/** A lab's board settings, themes and shortlist. */
@Injectable()
export class IdeaBoardsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get boards() {
    return this.tx.manager().getRepository(IdeaBoardEntity);
  }

  private get themes() {
    return this.tx.manager().getRepository(IdeaThemeEntity);
  }

  /** The lab's board, created with the default settings the first time it is asked for. */
  async findOrCreate(labId: string): Promise<IdeaBoardEntity> {
    await this.tx
      .manager()
      .query(`INSERT INTO idea_boards (lab_id) VALUES ($1) ON CONFLICT (lab_id) DO NOTHING`, [
        labId,
      ]);
    return (await this.boards.findOneBy({ labId })) as IdeaBoardEntity;
  }

  /** The lab's board locked until the transaction ends: board and shortlist changes queue up. */
  async lock(labId: string): Promise<IdeaBoardEntity> {
    await this.findOrCreate(labId);
    return (await this.boards
      .createQueryBuilder('b')
      .setLock('pessimistic_write')
      .where('b.lab_id = :labId', { labId })
      .getOne()) as IdeaBoardEntity;
  }

  async saveSettings(
    labId: string,
    settings: Pick<IdeaBoardEntity, 'challengeAreas' | 'summaryWordLimit'>,
  ): Promise<void> {
    await this.boards
      .createQueryBuilder()
      .update(IdeaBoardEntity)
      .set({ ...settings, version: () => 'version + 1' })
      .where('lab_id = :labId', { labId })
      .execute();
  }

  themesOf(labId: string): Promise<IdeaTheme[]> {
    return this.tx.manager().query(
      `SELECT t.id, t.name,
              (SELECT count(*)::int FROM ideas i WHERE i.theme_id = t.id AND i.status = 'active') AS ideas
         FROM idea_themes t WHERE t.lab_id = $1 ORDER BY t.name, t.id`,
      [labId],
    );
  }

  findTheme(labId: string, themeId: string): Promise<IdeaThemeEntity | null> {
    return this.themes.findOneBy({ id: themeId, labId });
  }

  /** A new theme's id; null when the lab already has a theme of that name. */
  async insertTheme(labId: string, name: string): Promise<string | null> {
    const rows: { id: string }[] = await this.tx
      .manager()
      .query(
        `INSERT INTO idea_themes (lab_id, name) VALUES ($1, $2) ON CONFLICT (lab_id, name) DO NOTHING RETURNING id`,
        [labId, name],
      );
    return rows[0]?.id ?? null;
  }

  async deleteTheme(themeId: string): Promise<void> {
    await this.themes.delete({ id: themeId });
  }

  shortlistOf(labId: string): Promise<ShortlistedIdea[]> {
    return this.tx.manager().query(
      `SELECT s.position, i.id, i.title, i.challenge_area AS "challengeArea",
              i.disciplines_needed AS "disciplinesNeeded"
         FROM idea_shortlist s JOIN ideas i ON i.id = s.idea_id
        WHERE s.lab_id = $1 ORDER BY s.position`,
      [labId],
    );
  }

  /** Replace the lab's shortlist by these ideas in this order; its version goes up by one. */
  async replaceShortlist(labId: string, ideaIds: readonly string[], by: string): Promise<void> {
    await this.tx.manager().query(`DELETE FROM idea_shortlist WHERE lab_id = $1`, [labId]);
    if (ideaIds.length > 0) {
      await this.tx.manager().query(
        `INSERT INTO idea_shortlist (lab_id, idea_id, position, added_by)
         SELECT $1, id, ord, $3 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
        [labId, [...ideaIds], by],
      );
    }
    await this.tx
      .manager()
      .query(`UPDATE idea_boards SET shortlist_version = shortlist_version + 1 WHERE lab_id = $1`, [
        labId,
      ]);
  }

  /** Drop ideas from the lab's shortlist (they were merged away), closing the gaps. */
  async dropFromShortlist(labId: string, ideaIds: readonly string[]): Promise<boolean> {
    const current = await this.shortlistOf(labId);
    const kept = current.filter((s) => !ideaIds.includes(s.id));
    if (kept.length === current.length) return false;
    await this.tx.manager().query(`DELETE FROM idea_shortlist WHERE lab_id = $1`, [labId]);
    await this.tx.manager().query(
      `INSERT INTO idea_shortlist (lab_id, idea_id, position, added_by)
       SELECT $1, id, ord, NULL FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
      [labId, kept.map((s) => s.id)],
    );
    await this.tx
      .manager()
      .query(`UPDATE idea_boards SET shortlist_version = shortlist_version + 1 WHERE lab_id = $1`, [
        labId,
      ]);
    return true;
  }
}
