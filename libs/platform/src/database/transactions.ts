import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one database transaction. Repositories pick up the transaction's
 * manager through `manager()`, so services can group writes (a change and its audit event)
 * without touching TypeORM.
 *
 * On Node 20 an active AsyncLocalStorage installs promise hooks that tax every promise in
 * the process, including reads that never open a transaction. So the storage is enabled
 * only while at least one transaction runs, and disabled again when the last one ends.
 */
@Injectable()
export class TransactionRunner {
  private readonly storage = new AsyncLocalStorage<EntityManager>();
  private running = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** The manager of the current transaction, or the default one outside a transaction. */
  manager(): EntityManager {
    return (this.running > 0 ? this.storage.getStore() : undefined) ?? this.dataSource.manager;
  }

  inTransaction(): boolean {
    return this.running > 0 && this.storage.getStore() !== undefined;
  }

  /** Run `work` in a transaction (joining the current one if there is one). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return work();
    this.running += 1;
    try {
      return await this.dataSource.transaction((manager) => this.storage.run(manager, work));
    } finally {
      this.running -= 1;
      if (this.running === 0) this.storage.disable();
    }
  }
}
