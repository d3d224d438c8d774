import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { TransactionRunner } from '@ideas-lab/platform';
import { SelectionDecisionEntity } from './entities/selection-decision.entity.js';

export type NewDecision = Pick<
  SelectionDecisionEntity,
  | 'labId'
  | 'runId'
  | 'applicationId'
  | 'applicantId'
  | 'outcome'
  | 'waitlistRank'
  | 'response'
  | 'confirmBy'
>;

/** The decisions of each lab's adopted selection run. */
@Injectable()
export class SelectionDecisionsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(SelectionDecisionEntity);
  }

  findOfLab(labId: string): Promise<SelectionDecisionEntity[]> {
    return this.repo.find({
      where: { labId },
      order: { outcome: 'ASC', waitlistRank: 'ASC', applicationId: 'ASC' },
    });
  }

  findOfApplicant(applicantId: string): Promise<SelectionDecisionEntity[]> {
    return this.repo.find({ where: { applicantId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  findById(decisionId: string): Promise<SelectionDecisionEntity | null> {
    return this.repo.findOneBy({ id: decisionId });
  }

  countAnsweredOfLab(labId: string): Promise<number> {
    return this.repo
      .createQueryBuilder('d')
      .where('d.lab_id = :labId AND d.response IS NOT NULL AND d.response <> :pending', {
        labId,
        pending: 'pending',
      })
      .getCount();
  }

  /** Offers still unanswered whose confirm-by date has passed. */
  findOverdueOfLab(labId: string, now: Date): Promise<SelectionDecisionEntity[]> {
    return this.repo.find({
      where: { labId, outcome: 'accepted', response: 'pending', confirmBy: LessThan(now) },
      order: { applicationId: 'ASC' },
    });
  }

  /**
   * Labs in the Selection phase with offers still unanswered after their confirm-by date,
   * with the workshop start (a promoted applicant must answer before it).
   */
  findLabsWithOverdueOffers(now: Date): Promise<{ labId: string; workshopStartAt: Date | null }[]> {
    return this.tx.manager().query(
      `SELECT l.id AS "labId", l.workshop_start_at AS "workshopStartAt"
         FROM labs l
        WHERE l.phase = 'selection'
          AND EXISTS (SELECT 1 FROM selection_decisions d
                       WHERE d.lab_id = l.id AND d.outcome = 'accepted'
                         AND d.response = 'pending' AND d.confirm_by < $1)
        ORDER BY l.id`,
      [now],
    );
  }

  async replaceOfLab(labId: string, decisions: NewDecision[]): Promise<void> {
    await this.repo.delete({ labId });
    if (decisions.length > 0)
      await this.repo.insert(decisions.map((d) => ({ ...d, respondedAt: null, promotion: null })));
  }

  async save(decision: SelectionDecisionEntity): Promise<SelectionDecisionEntity> {
    return this.repo.save(decision);
  }
}
