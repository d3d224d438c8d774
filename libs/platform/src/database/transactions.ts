import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one database transaction. Repositories pick up the transaction's
 * manager through `manager()`, so services can group writes (a change and its audit event)
 * without touching TypeORM.
 */
@Injectable()
export class TransactionRunner {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  /** The manager of the current transaction, or the default one outside a transaction. */
  manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /** Run `work` in a transaction (joining the current one if there is one). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return work();
    return this.dataSource.transaction((manager) => this.storage.run(manager, work));
  }
}
