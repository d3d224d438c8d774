import { Injectable } from '@nestjs/common';
import { affectedCount, TransactionRunner } from '@ideas-lab/platform';
import { ReviewRubricEntity } from './entities/review-rubric.entity.js';

@Injectable()
export class ReviewRubricsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(ReviewRubricEntity);
  }

  findOfLab(labId: string): Promise<ReviewRubricEntity | null> {
    return this.repo.findOneBy({ labId });
  }

  /** The rubric, locked until the transaction ends (changes of one rubric queue up). */
  findOfLabForUpdate(labId: string): Promise<ReviewRubricEntity | null> {
    return this.repo
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.lab_id = :labId', { labId })
      .getOne();
  }

  /** Close review once: false when it was already closed. */
  async close(labId: string, by: string, at: Date): Promise<boolean> {
    // Raw, so the rubric's own "saved" time stays the time its criteria were saved.
    const result: unknown = await this.tx.manager().query(
      `UPDATE review_rubrics SET closed_at = $2, closed_by = $3
        WHERE lab_id = $1 AND closed_at IS NULL`,
      [labId, at, by],
    );
    return affectedCount(result) === 1;
  }

  /** Write the rubric as its next version (1 for the first); null when another first version won a race. */
  async saveNextVersion(
    rubric: Pick<
      ReviewRubricEntity,
      'labId' | 'criteria' | 'commentPrompt' | 'blind' | 'updatedBy'
    >,
    currentVersion: number | null,
  ): Promise<boolean> {
    const values = [
      rubric.labId,
      JSON.stringify(rubric.criteria),
      rubric.commentPrompt,
      rubric.blind,
      rubric.updatedBy,
    ];
    if (currentVersion === null) {
      const rows: unknown[] = await this.tx.manager().query(
        `INSERT INTO review_rubrics (lab_id, version, criteria, comment_prompt, blind, updated_by) VALUES ($1, 1, $2::jsonb, $3, $4, $5)
         ON CONFLICT (lab_id) DO NOTHING RETURNING lab_id`,
        values,
      );
      return rows.length === 1;
    }
    const result = await this.repo
      .createQueryBuilder()
      .update(ReviewRubricEntity)
      .set({
        criteria: rubric.criteria,
        commentPrompt: rubric.commentPrompt,
        blind: rubric.blind,
        updatedBy: rubric.updatedBy,
        version: () => 'version + 1',
      })
      .where('lab_id = :labId AND version = :currentVersion', {
        labId: rubric.labId,
        currentVersion,
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
