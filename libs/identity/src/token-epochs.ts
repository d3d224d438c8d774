import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository.js';

/**
 * How long an instance trusts a user's token epoch it has read: after a "sign out everywhere"
 * or a password change on any instance, the user's older access tokens stop working on every
 * instance within this time (on the instance that made the change, at once).
 */
export const TOKEN_EPOCH_TRUST_MS = 3_000;
/** Entries are swept when the cache grows past this many users. */
const SWEEP_ABOVE = 10_000;

interface CachedEpoch {
  /** null: the account no longer exists. */
  epoch: Promise<number | null>;
  readAt: number;
}

/**
 * Each user's token epoch: access tokens carry the epoch they were issued in, and only tokens
 * of the current one are accepted. Ending every session bumps it. Reads are cached briefly per
 * instance (one query per active user every few seconds, none per request), and concurrent
 * misses for one user share one query.
 */
@Injectable()
export class TokenEpochs {
  private readonly cache = new Map<string, CachedEpoch>();

  constructor(private readonly users: UsersRepository) {}

  /** The current epoch as this instance knows it (at most TOKEN_EPOCH_TRUST_MS old). */
  current(userId: string, now = Date.now()): Promise<number | null> {
    const cached = this.cache.get(userId);
    if (cached && now - cached.readAt < TOKEN_EPOCH_TRUST_MS) return cached.epoch;
    return this.read(userId, now);
  }

  /** The epoch straight from the database, to issue tokens in (never a stale one). */
  fresh(userId: string): Promise<number | null> {
    return this.read(userId, Date.now());
  }

  /** End every access token of the user: they were all issued in an older epoch. */
  async bump(userId: string): Promise<void> {
    const epoch = await this.users.bumpTokenEpoch(userId);
    this.cache.set(userId, { epoch: Promise.resolve(epoch), readAt: Date.now() });
  }

  private read(userId: string, now: number): Promise<number | null> {
    if (this.cache.size > SWEEP_ABOVE) this.sweep(now);
    const epoch = this.users.findTokenEpoch(userId);
    const entry = { epoch, readAt: now };
    this.cache.set(userId, entry);
    // A failed read is not remembered: the next request asks the database again.
    epoch.catch(() => {
      if (this.cache.get(userId) === entry) this.cache.delete(userId);
    });
    return epoch;
  }

  private sweep(now: number): void {
    for (const [userId, entry] of this.cache)
      if (now - entry.readAt >= TOKEN_EPOCH_TRUST_MS) this.cache.delete(userId);
  }
}
