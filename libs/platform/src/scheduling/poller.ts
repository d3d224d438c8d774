import type { Logger } from '@nestjs/common';

/**
 * Runs `work` every `intervalMs` and whenever woken, never twice at once: a wake during a run
 * runs it once more afterwards. `stop()` waits for the run in flight, so shutdown never cuts
 * a run in half (a letter sent, an offer swept, a round closed).
 */
export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

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
    if (this.stopped) return;
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
      } catch (error) {
        this.logger.error({ msg: `${this.name} failed`, err: error });
      }
    } while (this.again && !this.stopped);
  }
}
