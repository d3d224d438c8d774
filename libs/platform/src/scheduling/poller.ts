import type { Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from '../errors/database-unavailable.js';

/** The longest a failing poller waits between tries. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Runs `work` every `intervalMs` and whenever woken, never twice at once: a wake during a run
 * runs it once more afterwards. `stop()` waits for the run in flight, so shutdown never cuts
 * a run in half (a letter sent, an offer swept, a round closed).
 *
 * A failing run backs off: after n failures in a row the next tick waits intervalMs · 2^n (at
 * most 30 s; wakes wait too), the first failure of a streak is logged and the recovery said
 * once, so a database outage is two log lines, not two a second.
 */
export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failures = 0;
  private pausedUntil = 0;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.intervalMs);
    this.timer.unref();
  }

  wake(): void {
    if (this.stopped || Date.now() < this.pausedUntil) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.work();
        if (this.failures > 0)
          this.logger.log({ msg: `${this.name} works again after ${this.failures} failed runs` });
        this.failures = 0;
        this.pausedUntil = 0;
      } catch (error) {
        this.failures += 1;
        const backoffMs = Math.min(this.intervalMs * 2 ** this.failures, MAX_BACKOFF_MS);
        this.pausedUntil = Date.now() + backoffMs;
        if (this.failures === 1) {
          const msg = isDatabaseUnavailable(error)
            ? `${this.name} paused: the database is unavailable; trying again with growing pauses (up to ${MAX_BACKOFF_MS / 1000} s)`
            : `${this.name} failed; trying again with growing pauses`;
          this.logger.error({ msg, err: error });
        }
        return;
      }
    } while (this.again && !this.stopped);
  }
}
