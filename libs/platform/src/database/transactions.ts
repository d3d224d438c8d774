import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  type BatchedRead,
  combinedStatement,
  needsBatch,
  rowsFromJson,
  type Statement,
} from './batched-reads.js';

/**
 * Distinct statement texts prepared by name on each pooled connection (PostgreSQL keeps a
 * plan per name and connection); texts past this many run unnamed. The batched snapshot
 * statements vary only with how many teams and rooms a person has, so a few dozen are usual.
 */
const PREPARED_STATEMENTS_MAX = 500;

/** The part of pg's Pool the runner uses outside transactions. */
interface PgPool {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Something to do once the transaction it was asked in has committed. */
export type AfterCommitHook = () => unknown;

interface TransactionScope {
  manager: EntityManager;
  afterCommit: AfterCommitHook[];
}

/**
 * Runs a unit of work in one database transaction. Repositories pick up the transaction's
 * manager through `manager()`, so services can group writes (a change and its audit event)
 * without touching TypeORM.
 *
 * Side effects that must follow a commit — live pushes, waking a background sender — go
 * through `afterCommit(fn)`: inside a transaction `fn` runs once the outermost transaction
 * has committed (never if it rolls back); outside one, at once.
 *
 * On Node 20 an active AsyncLocalStorage installs promise hooks that tax every promise in
 * the process, including reads that never open a transaction. So the storage is enabled
 * only while at least one transaction runs, and disabled again when the last one ends.
 */
@Injectable()
export class TransactionRunner {
  private readonly storage = new AsyncLocalStorage<TransactionScope>();
  private readonly logger = new Logger('Transactions');
  private running = 0;
  /** Statement texts run outside transactions and the names they are prepared under. */
  private readonly prepared = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  /** The manager of the current transaction, or the default one outside a transaction. */
  manager(): EntityManager {
    return this.scope()?.manager ?? this.dataSource.manager;
  }

  inTransaction(): boolean {
    return this.scope() !== undefined;
  }

  /** Run one statement (in the current transaction, if any). */
  query<Row>(one: Statement<Row>): Promise<Row[]> {
    if (needsBatch(one))
      throw new RangeError('a statement with derived values or conditions runs only in readAll');
    return this.rowsOf(one.sql, [...one.params]) as Promise<Row[]>;
  }

  /**
   * Run several reads in one round trip (see batched-reads.ts): every statement of every read
   * goes out as one SELECT, and each read gets its own statements' rows back. A lone statement
   * runs as itself.
   */
  async readAll<R extends Record<string, BatchedRead<unknown>>>(
    reads: R,
  ): Promise<{ [K in keyof R]: R[K] extends BatchedRead<infer T> ? T : never }> {
    const entries = Object.entries(reads);
    const statements = entries.flatMap(([, r]) => r.statements);
    let rows: unknown[][];
    if (statements.length === 0) rows = [];
    else if (statements.length === 1 && !needsBatch(statements[0]))
      rows = [await this.query(statements[0])];
    else {
      const { sql, params } = combinedStatement(statements);
      const [row] = (await this.rowsOf(sql, params)) as Record<string, unknown>[];
      rows = statements.map((s, i) => rowsFromJson(s, row[`r${i}`]));
    }
    const result: Record<string, unknown> = {};
    let at = 0;
    for (const [key, read] of entries) {
      result[key] = read.read(rows.slice(at, at + read.statements.length));
      at += read.statements.length;
    }
    return result as { [K in keyof R]: R[K] extends BatchedRead<infer T> ? T : never };
  }

  /**
   * Run `work` in a transaction (joining the current one if there is one). Once it commits,
   * the hooks it registered run in order, each awaited, before this resolves; a failing hook
   * is logged (the change is committed all the same) and the next one still runs.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return work();
    this.running += 1;
    const hooks: AfterCommitHook[] = [];
    let result: T;
    try {
      result = await this.dataSource.transaction((manager) =>
        this.storage.run({ manager, afterCommit: hooks }, work),
      );
    } finally {
      this.running -= 1;
      if (this.running === 0) this.storage.disable();
    }
    await this.runHooks(hooks);
    return result;
  }

  /**
   * Do `fn` once the current transaction commits; outside a transaction, now (its first
   * synchronous step before this returns). Nothing runs for a transaction that rolls back.
   * The promise settles when `fn` has run (outside a transaction) or at once (inside one).
   */
  afterCommit(fn: AfterCommitHook): Promise<void> {
    const scope = this.scope();
    if (scope) {
      scope.afterCommit.push(fn);
      return Promise.resolve();
    }
    return this.runHooks([fn]);
  }

  /**
   * A statement's rows. In a transaction through its manager; outside one straight through the
   * driver's pool as a named (prepared) statement: PostgreSQL parses and plans it once per
   * connection, and none of TypeORM's per-query machinery runs (a query runner, its logger
   * and event broadcaster, a result object). A live connect runs its few statements this way;
   * per statement that was about a third of TypeORM's CPU.
   */
  private async rowsOf(sql: string, params: unknown[]): Promise<unknown[]> {
    const scope = this.scope();
    if (scope) return scope.manager.query(sql, params);
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    try {
      return (await pool.query({ name: this.statementName(sql), text: sql, values: params })).rows;
    } catch (error) {
      throw new QueryFailedError(sql, params, error as Error);
    }
  }

  /** The name a statement is prepared under (one name per text); unnamed past the cap. */
  private statementName(sql: string): string | undefined {
    let name = this.prepared.get(sql);
    if (name === undefined && this.prepared.size < PREPARED_STATEMENTS_MAX) {
      name = `tx_${this.prepared.size + 1}`;
      this.prepared.set(sql, name);
    }
    return name;
  }

  private scope(): TransactionScope | undefined {
    return this.running > 0 ? this.storage.getStore() : undefined;
  }

  private async runHooks(hooks: readonly AfterCommitHook[]): Promise<void> {
    for (const hook of hooks) {
      try {
        await hook();
      } catch (error) {
        this.logger.error({ msg: 'after-commit hook failed', err: error });
      }
    }
  }
}
