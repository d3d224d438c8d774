import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { LoginThrottleEntity } from './entities/login-throttle.entity.js';

export interface ThrottleWindow {
  failures: number;
  windowStartedAt: Date;
}

@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async findCurrentWindows(
    keys: string[],
    windowSeconds: number,
  ): Promise<Map<string, ThrottleWindow>> {
    const rows: { key: string; failures: number; window_started_at: Date }[] = await this.tx
      .manager()
      .query(
        `SELECT key, failures, window_started_at FROM login_throttle
          WHERE key = ANY($1) AND window_started_at > now() - make_interval(secs => $2)`,
        [keys, windowSeconds],
      );
    return new Map(
      rows.map((r) => [r.key, { failures: r.failures, windowStartedAt: r.window_started_at }]),
    );
  }

  /** Count one failure for each key, starting a new window where the old one has passed. */
  async recordFailure(keys: string[], windowSeconds: number): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at)
         SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN now() ELSE t.window_started_at END`,
      [keys, windowSeconds],
    );
  }

  async clear(key: string): Promise<void> {
    await this.tx.manager().getRepository(LoginThrottleEntity).delete({ key });
  }
}
