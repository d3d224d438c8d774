import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transactions.js';
import { AuditEventEntity } from './entities/audit-event.entity.js';

@Injectable()
export class AuditRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(AuditEventEntity);
  }

  /** Serialise appends to one chain until the current transaction ends. */
  async lockChain(chain: string): Promise<void> {
    await this.tx.manager().query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit:${chain}`]);
  }

  async findLastHashOfChain(chain: string): Promise<string | null> {
    const rows: { hash: string }[] = await this.tx
      .manager()
      .query('SELECT hash FROM audit_events WHERE chain = $1 ORDER BY seq DESC LIMIT 1', [chain]);
    return rows[0]?.hash ?? null;
  }

  async insert(event: Omit<AuditEventEntity, 'seq'>): Promise<AuditEventEntity> {
    return this.repo.save(this.repo.create(event));
  }

  /** Newest first, `limit` events with seq below `before`. */
  async findPageOfChain(
    chain: string,
    limit: number,
    before: string | null,
  ): Promise<AuditEventEntity[]> {
    const query = this.repo
      .createQueryBuilder('e')
      .where('e.chain = :chain', { chain })
      .orderBy('e.seq', 'DESC')
      .limit(limit);
    if (before !== null) query.andWhere('e.seq < :before', { before });
    return query.getMany();
  }

  /** Oldest first, in batches, for verification. */
  async findBatchOfChainAfter(
    chain: string,
    afterSeq: string,
    limit: number,
  ): Promise<AuditEventEntity[]> {
    return this.repo
      .createQueryBuilder('e')
      .where('e.chain = :chain AND e.seq > :after', { chain, after: afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
  }
}
