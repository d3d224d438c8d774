/**
 * At most `limit` tasks at once; the others wait, first come first served. The live gateway
 * sets connections up through one: a thousand handshakes arriving together (a reconnect storm)
 * are otherwise all in flight at once, interleaved over the database pool, so nearly all of
 * them finish near the end; queued, they finish one after another, as fresh connects do.
 */
export class SetupQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Resolves when a place is free; call the returned function (once) to give it back. */
  async enter(): Promise<() => void> {
    if (this.active < this.limit) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }

  /** Tasks running now and waiting. */
  get size(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }
}
