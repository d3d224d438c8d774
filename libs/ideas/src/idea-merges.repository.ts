import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { IdeaMergeEntity, type IdeaMergeState } from './entities/idea-merge.entity.js';

export interface MergeAnswerRow {
  userId: string;
  displayName: string;
  answer: 'accept' | 'decline';
}

@Injectable()
export class IdeaMergesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(IdeaMergeEntity);
  }

  async insert(merge: {
    labId: string;
    targetIdeaId: string;
    sourceIdeaIds: string[];
    proposedBy: string;
    state: IdeaMergeState;
  }): Promise<string> {
    const saved = await this.repo.save({
      ...merge,
      decidedAt: merge.state === 'open' ? null : new Date(),
    });
    return saved.id;
  }

  findOfLab(labId: string, mergeId: string): Promise<IdeaMergeEntity | null> {
    return this.repo.findOneBy({ id: mergeId, labId });
  }

  findOfLabForUpdate(labId: string, mergeId: string): Promise<IdeaMergeEntity | null> {
    return this.repo
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :mergeId AND m.lab_id = :labId', { mergeId, labId })
      .getOne();
  }

  /** The lab's merges, open ones first, newest first. */
  listOfLab(labId: string): Promise<IdeaMergeEntity[]> {
    return this.repo
      .createQueryBuilder('m')
      .where('m.lab_id = :labId', { labId })
      .orderBy(`CASE WHEN m.state = 'open' THEN 0 ELSE 1 END`)
      .addOrderBy('m.created_at', 'DESC')
      .getMany();
  }

  /** Open proposals that involve any of these ideas. */
  openInvolving(labId: string, ideaIds: readonly string[]): Promise<IdeaMergeEntity[]> {
    return this.repo
      .createQueryBuilder('m')
      .where(`m.lab_id = :labId AND m.state = 'open'`, { labId })
      .andWhere(`(m.target_idea_id = ANY(:ids::uuid[]) OR m.source_idea_ids ?| :ids::text[])`, {
        ids: [...ideaIds],
      })
      .getMany();
  }

  async answer(mergeId: string, userId: string, answer: 'accept' | 'decline'): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO idea_merge_answers (merge_id, user_id, answer) VALUES ($1, $2, $3)
       ON CONFLICT (merge_id, user_id) DO UPDATE SET answer = EXCLUDED.answer, answered_at = now()`,
      [mergeId, userId, answer],
    );
  }

  answersOf(mergeId: string): Promise<MergeAnswerRow[]> {
    return this.tx.manager().query(
      `SELECT a.user_id AS "userId", u.display_name AS "displayName", a.answer
         FROM idea_merge_answers a JOIN users u ON u.id = a.user_id
        WHERE a.merge_id = $1 ORDER BY a.answered_at, u.id`,
      [mergeId],
    );
  }

  async decide(mergeId: string, state: Exclude<IdeaMergeState, 'open'>): Promise<void> {
    await this.repo.update({ id: mergeId }, { state, decidedAt: new Date() });
  }

  /** Display names of people, for a merge's view. */
  people(userIds: readonly string[]): Promise<{ userId: string; displayName: string }[]> {
    return this.tx
      .manager()
      .query(
        `SELECT id AS "userId", display_name AS "displayName" FROM users WHERE id = ANY($1::uuid[]) ORDER BY display_name, id`,
        [[...userIds]],
      );
  }
}
