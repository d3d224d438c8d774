import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import type { LoginThrottleCounter } from '@ideas-lab/domain';

@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * The counters under the given keys, locked until the transaction ends: concurrent attempts
   * on the same account or address queue here, so each sees the ones before it. Keys are
   * locked in one order (sorted), so two attempts sharing keys cannot deadlock.
   */
  async lockCounters(keys: string[]): Promise<Map<string, LoginThrottleCounter>> {
    const sorted = [...keys].sort();
    const manager = this.tx.manager();
    // Rows that do not exist yet cannot be locked: create them empty first (in key order).
    await manager.query(
      `INSERT INTO login_throttle (key, failures, window_started_at, last_failure_at)
         SELECT k, 0, now(), now() FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i
       ON CONFLICT (key) DO NOTHING`,
      [sorted],
    );
    const rows: {
      key: string;
      failures: number;
      window_started_at: Date;
      last_failure_at: Date;
    }[] = await manager.query(
      `SELECT key, failures, window_started_at, last_failure_at FROM login_throttle
        WHERE key = ANY($1) ORDER BY key FOR UPDATE`,
      [sorted],
    );
    return new Map(
      rows
        .filter((r) => r.failures > 0)
        .map((r) => [
          r.key,
          {
            failures: r.failures,
            windowStartedAt: r.window_started_at,
            lastFailureAt: r.last_failure_at,
          },
        ]),
    );
  }

  async saveCounters(counters: Map<string, LoginThrottleCounter>): Promise<void> {
    const entries = [...counters];
    await this.tx.manager().query(
      `UPDATE login_throttle AS t
          SET failures = c.failures, window_started_at = c.window_started_at, last_failure_at = c.last_failure_at
         FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::timestamptz[])
              AS c(key, failures, window_started_at, last_failure_at)
        WHERE t.key = c.key`,
      [
        entries.map(([key]) => key),
        entries.map(([, c]) => c.failures),
        entries.map(([, c]) => c.windowStartedAt),
        entries.map(([, c]) => c.lastFailureAt),
      ],
    );
  }

  /** The attempt was right after all: take its reservation back and forget `forget`. */
  async release(input: { uncount: string[]; forget: string }): Promise<void> {
    await this.tx.manager().query(
      `WITH forgotten AS (DELETE FROM login_throttle WHERE key = $2)
       UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ANY($1)`,
      [input.uncount, input.forget],
    );
  }
}
