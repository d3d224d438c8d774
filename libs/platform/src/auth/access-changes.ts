import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../database/transactions.js';

/** A change to what someone may see or do, told after it is committed. */
export type AccessChange =
  /** The person's roles in the lab changed (a role granted or removed). */
  | { kind: 'lab-roles-changed'; labId: string; userId: string }
  /** Every session of the person ended (signed out everywhere, password changed). */
  | { kind: 'sessions-ended'; userId: string };

export type AccessChangeListener = (change: AccessChange) => Promise<void>;

/**
 * The port through which memberships and identity tell long-lived connections that access
 * changed, without knowing them: the live layer listens and drops or re-admits the person's
 * sockets on every instance. HTTP needs none of this (every request reads roles afresh, and
 * token epochs end access tokens). Delivered once the transaction commits, never on rollback.
 */
@Injectable()
export class AccessChanges {
  private readonly logger = new Logger('AccessChanges');
  private readonly listeners: AccessChangeListener[] = [];

  constructor(private readonly tx: TransactionRunner) {}

  listen(listener: AccessChangeListener): void {
    this.listeners.push(listener);
  }

  /** Deliver after the current transaction commits (at once outside one). */
  publish(change: AccessChange): Promise<void> {
    return this.tx.afterCommit(() => this.deliver(change));
  }

  private async deliver(change: AccessChange): Promise<void> {
    for (const listener of this.listeners) {
      await listener(change).catch((error: unknown) =>
        this.logger.error({ msg: 'access change listener failed', kind: change.kind, err: error }),
      );
    }
  }
}
