import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionRunner } from '@ideas-lab/platform';
import { BreakoutPlanEntity } from './entities/breakout-plan.entity.js';

@Injectable()
export class BreakoutPlansRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(BreakoutPlanEntity);
  }

  insert(
    plan: Pick<
      BreakoutPlanEntity,
      'sessionId' | 'inputs' | 'seed' | 'result' | 'pairsMet' | 'repeats' | 'createdBy'
    >,
  ): Promise<BreakoutPlanEntity> {
    return this.repo.save(this.repo.create(plan));
  }

  findAllOfSession(sessionId: string): Promise<BreakoutPlanEntity[]> {
    return this.repo.find({ where: { sessionId }, order: { createdAt: 'DESC' } });
  }

  findOfSession(sessionId: string, planId: string): Promise<BreakoutPlanEntity | null> {
    return this.repo.findOneBy({ id: planId, sessionId });
  }

  /** Mark one plan adopted and the others of the session not. */
  async markAdopted(sessionId: string, planId: string, at: Date): Promise<void> {
    await this.repo.update({ sessionId }, { adoptedAt: null });
    await this.repo.update({ id: planId, sessionId, adoptedAt: IsNull() }, { adoptedAt: at });
  }
}
