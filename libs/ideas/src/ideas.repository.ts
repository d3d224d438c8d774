import { Injectable } from '@nestjs/common';
import { rowsOf, TransactionRunner } from '@ideas-lab/platform';
import { IdeaEntity, type IdeaStatus } from './entities/idea.entity.js';
import type { IdeaView } from './ideas.contract.js';

/** The fields a revision carries (and the idea shows as its latest). */
export interface IdeaContent {
  title: string;
  summary: string;
  challengeArea: string;
  tags: string[];
  disciplinesNeeded: string[];
}

export interface IdeaFilters {
  status: IdeaStatus | 'all';
  themeId?: string;
  tag?: string;
  discipline?: string;
  /** Only ideas this person champions or supports. */
  mineOf?: string;
}

type IdeaViewRow = Omit<IdeaView, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

/** The card of an idea as everyone on the board sees it; `$1` is the viewer. */
const IDEA_VIEW_SQL = `
SELECT i.id, i.lab_id AS "labId", i.title, i.summary, i.challenge_area AS "challengeArea",
       i.tags, i.disciplines_needed AS "disciplinesNeeded", i.status, i.version,
       i.created_at AS "createdAt", i.updated_at AS "updatedAt",
       CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object('id', m.id, 'title', m.title) END AS "mergedInto",
       COALESCE((SELECT json_agg(json_build_object('id', s.id, 'title', s.title) ORDER BY s.created_at, s.id)
                   FROM ideas s WHERE s.merged_into = i.id), '[]') AS "mergedFrom",
       CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id, 'name', t.name) END AS theme,
       COALESCE((SELECT json_agg(json_build_object('userId', u.id, 'displayName', u.display_name) ORDER BY c.added_at, u.id)
                   FROM idea_champions c JOIN users u ON u.id = c.user_id WHERE c.idea_id = i.id), '[]') AS champions,
       json_build_object('userId', cu.id, 'displayName', cu.display_name) AS "createdBy",
       (SELECT count(*)::int FROM idea_supporters sp WHERE sp.idea_id = i.id) AS supporters,
       EXISTS (SELECT 1 FROM idea_supporters sp WHERE sp.idea_id = i.id AND sp.user_id = $1) AS "iSupport",
       EXISTS (SELECT 1 FROM idea_champions c WHERE c.idea_id = i.id AND c.user_id = $1) AS "iChampion",
       (SELECT count(*)::int FROM idea_comments cm WHERE cm.idea_id = i.id OR cm.origin_idea_id = i.id) AS comments,
       sl.position AS "shortlistPosition"
  FROM ideas i
  JOIN users cu ON cu.id = i.created_by
  LEFT JOIN ideas m ON m.id = i.merged_into
  LEFT JOIN idea_themes t ON t.id = i.theme_id
  LEFT JOIN idea_shortlist sl ON sl.idea_id = i.id AND sl.lab_id = i.lab_id`;

const toView = (row: IdeaViewRow): IdeaView => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

@Injectable()
export class IdeasRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(IdeaEntity);
  }

  private async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return rowsOf<T>(await this.tx.manager().query(sql, params));
  }

  /** The idea, if it is on this lab's board. */
  findOfLab(labId: string, ideaId: string): Promise<IdeaEntity | null> {
    return this.repo.findOneBy({ id: ideaId, labId });
  }

  /** The idea, locked until the transaction ends (changes of one idea queue up). */
  findOfLabForUpdate(labId: string, ideaId: string): Promise<IdeaEntity | null> {
    return this.repo
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :ideaId AND i.lab_id = :labId', { ideaId, labId })
      .getOne();
  }

  /** Several ideas of a lab (the ones that exist), locked in id order so that lockers never deadlock. */
  async findManyOfLabForUpdate(labId: string, ideaIds: readonly string[]): Promise<IdeaEntity[]> {
    if (ideaIds.length === 0) return [];
    return this.repo
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id IN (:...ideaIds) AND i.lab_id = :labId', { ideaIds: [...ideaIds], labId })
      .orderBy('i.id')
      .getMany();
  }

  findManyOfLab(labId: string, ideaIds: readonly string[]): Promise<IdeaEntity[]> {
    if (ideaIds.length === 0) return Promise.resolve([]);
    return this.repo
      .createQueryBuilder('i')
      .where('i.id IN (:...ideaIds) AND i.lab_id = :labId', { ideaIds: [...ideaIds], labId })
      .getMany();
  }

  async insert(labId: string, content: IdeaContent, createdBy: string): Promise<string> {
    const saved = await this.repo.save(
      this.repo.create({ labId, ...content, status: 'active', version: 1, createdBy }),
    );
    return saved.id;
  }

  /** Write the next version of an idea's content; false when it is no longer `version`. */
  async updateContentIfVersion(
    ideaId: string,
    version: number,
    content: IdeaContent,
  ): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(IdeaEntity)
      .set({ ...content, version: () => 'version + 1' })
      .where('id = :ideaId AND version = :version', { ideaId, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async setStatus(ideaId: string, status: IdeaStatus, mergedInto: string | null): Promise<void> {
    await this.repo.update({ id: ideaId }, { status, mergedInto });
  }

  async setTheme(ideaId: string, themeId: string | null): Promise<void> {
    await this.repo.update({ id: ideaId }, { themeId });
  }

  async addChampions(ideaId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.query(
      `INSERT INTO idea_champions (idea_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [ideaId, [...userIds]],
    );
  }

  async isChampion(ideaId: string, userId: string): Promise<boolean> {
    const rows = await this.query(
      `SELECT 1 FROM idea_champions WHERE idea_id = $1 AND user_id = $2`,
      [ideaId, userId],
    );
    return rows.length > 0;
  }

  async championsOf(ideaIds: readonly string[]): Promise<{ ideaId: string; userId: string }[]> {
    return this.query(
      `SELECT idea_id AS "ideaId", user_id AS "userId" FROM idea_champions WHERE idea_id = ANY($1::uuid[])`,
      [[...ideaIds]],
    );
  }

  /** Of these people, those who may hold an idea in the lab (participants and mentors). */
  async contributorsAmong(labId: string, userIds: readonly string[]): Promise<string[]> {
    const rows = await this.query<{ userId: string }>(
      `SELECT DISTINCT user_id AS "userId" FROM lab_memberships
        WHERE lab_id = $1 AND user_id = ANY($2::uuid[]) AND role IN ('participant', 'mentor')`,
      [labId, [...userIds]],
    );
    return rows.map((r) => r.userId);
  }

  /** The lab's disciplines (its taxonomy), which an idea's needs are chosen from. */
  async disciplinesOfLab(labId: string): Promise<string[]> {
    const rows = await this.query<{ disciplines: string[] | null }>(
      `SELECT taxonomy -> 'disciplines' AS disciplines FROM labs WHERE id = $1`,
      [labId],
    );
    return rows[0]?.disciplines ?? [];
  }

  async viewOf(labId: string, ideaId: string, viewerId: string): Promise<IdeaView | null> {
    const rows = await this.query<IdeaViewRow>(
      `${IDEA_VIEW_SQL} WHERE i.lab_id = $2 AND i.id = $3`,
      [viewerId, labId, ideaId],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async viewsOfLab(labId: string, viewerId: string, filters: IdeaFilters): Promise<IdeaView[]> {
    const params: unknown[] = [viewerId, labId];
    const where = ['i.lab_id = $2'];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filters.status !== 'all') where.push(`i.status = ${param(filters.status)}`);
    if (filters.themeId) where.push(`i.theme_id = ${param(filters.themeId)}`);
    if (filters.tag) where.push(`i.tags ? ${param(filters.tag)}`);
    if (filters.discipline) where.push(`i.disciplines_needed ? ${param(filters.discipline)}`);
    if (filters.mineOf) {
      const me = param(filters.mineOf);
      where.push(
        `(EXISTS (SELECT 1 FROM idea_champions c WHERE c.idea_id = i.id AND c.user_id = ${me})
          OR EXISTS (SELECT 1 FROM idea_supporters sp WHERE sp.idea_id = i.id AND sp.user_id = ${me}))`,
      );
    }
    const rows = await this.query<IdeaViewRow>(
      `${IDEA_VIEW_SQL} WHERE ${where.join(' AND ')} ORDER BY i.created_at DESC, i.id`,
      params,
    );
    return rows.map(toView);
  }
}
