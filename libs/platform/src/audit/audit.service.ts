import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transactions.js';
import { auditEventHash, GENESIS_HASH } from './audit-chain.js';
import { AuditRepository } from './audit.repository.js';

export interface AuditEntry {
  actorId: string | null;
  labId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data?: Record<string, unknown>;
}

import type { AuditEventView, AuditPage, AuditVerification } from './audit.contract.js';

/** A page of the chain as stored; the reader's words and names are added by the lab's audit view. */
export interface AuditRecordPage extends Omit<AuditPage, 'items'> {
  items: Omit<AuditEventView, 'actorName' | 'summary'>[];
}

const PLATFORM_CHAIN = 'platform';

/**
 * The append-only, hash-chained log of every state change. Each lab has its own chain;
 * events outside any lab form the platform chain. Appends join the caller's transaction,
 * so a change and its event commit together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    const chain = entry.labId ?? PLATFORM_CHAIN;
    await this.tx.run(async () => {
      await this.events.lockChain(chain);
      const prevHash = (await this.events.findLastHashOfChain(chain)) ?? GENESIS_HASH;
      const at = new Date();
      const fields = {
        chain,
        labId: entry.labId,
        actorId: entry.actorId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        data: entry.data ?? {},
        at,
        prevHash,
      };
      await this.events.insert({ ...fields, hash: auditEventHash(fields) });
    });
  }

  async pageOfLab(labId: string, limit: number, before: number | null): Promise<AuditRecordPage> {
    const rows = await this.events.findPageOfChain(
      labId,
      limit + 1,
      before === null ? null : String(before),
    );
    const items = rows.slice(0, limit).map((e) => ({
      seq: Number(e.seq),
      at: e.at.toISOString(),
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      data: e.data,
      hash: e.hash,
    }));
    return { items, nextBefore: rows.length > limit ? items[items.length - 1].seq : null };
  }

  verifyLab(labId: string): Promise<AuditVerification> {
    return this.verifyChain(labId);
  }

  /** Recompute every hash of a chain, oldest first, and report the first broken link. */
  async verifyChain(chain: string): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let after = '0';
    let checked = 0;
    for (;;) {
      const batch = await this.events.findBatchOfChainAfter(chain, after, 1000);
      for (const event of batch) {
        const expected = auditEventHash({ ...event, prevHash });
        if (event.prevHash !== prevHash || event.hash !== expected) {
          return { valid: false, checked, firstBrokenSeq: Number(event.seq) };
        }
        prevHash = event.hash;
        checked += 1;
      }
      if (batch.length < 1000) return { valid: true, checked };
      after = batch[batch.length - 1].seq;
    }
  }
}
