import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { TransactionRunner } from '@ideas-lab/platform';
import { SelectionRunEntity } from './entities/selection-run.entity.js';

/** The stored selection runs of each lab. */
@Injectable()
export class SelectionRunsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(SelectionRunEntity);
  }

  /** One adoption or decision change per lab at a time: held until the transaction ends. */
  async lockLab(labId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`SELECT pg_advisory_xact_lock(hashtextextended('selection:' || $1, 0))`, [labId]);
  }

  insert(
    run: Pick<
      SelectionRunEntity,
      'labId' | 'inputs' | 'seed' | 'status' | 'solverStatus' | 'result' | 'createdBy'
    >,
  ): Promise<SelectionRunEntity> {
    return this.repo.save(this.repo.create({ ...run, adoptedAt: null, promotedConfirmDays: null }));
  }

  findNewestFirstOfLab(labId: string): Promise<SelectionRunEntity[]> {
    return this.repo.find({ where: { labId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  findOfLab(labId: string, runId: string): Promise<SelectionRunEntity | null> {
    return this.repo.findOneBy({ id: runId, labId });
  }

  findAdoptedOfLab(labId: string): Promise<SelectionRunEntity | null> {
    return this.repo.findOneBy({ labId, adoptedAt: Not(IsNull()) });
  }

  async markAdopted(
    labId: string,
    runId: string,
    at: Date,
    promotedConfirmDays: number,
  ): Promise<void> {
    await this.repo.update(
      { labId, adoptedAt: Not(IsNull()) },
      { adoptedAt: null, promotedConfirmDays: null },
    );
    await this.repo.update({ id: runId, labId }, { adoptedAt: at, promotedConfirmDays });
  }
}
