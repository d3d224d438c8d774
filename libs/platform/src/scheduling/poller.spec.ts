import type { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Poller } from './poller.js';

describe('Poller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('backs off while its work fails, says so once, and resumes its pace when it works again', async () => {
    const logger = { error: vi.fn(), log: vi.fn() } as unknown as Logger;
    let runs = 0;
    let databaseDown = true;
    const poller = new Poller(
      'round timer',
      100,
      async () => {
        runs += 1;
        if (databaseDown)
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      logger,
    );
    poller.start();
    await vi.advanceTimersByTimeAsync(60_000);
    // Every 100 ms for a minute would be 600 runs (and 600 log lines).
    expect(runs).toBeLessThan(12);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(vi.mocked(logger.error).mock.calls[0][0]).toMatchObject({
      msg: expect.stringContaining('the database is unavailable'),
    });

    databaseDown = false;
    await vi.advanceTimersByTimeAsync(31_000);
    expect(logger.log).toHaveBeenCalledTimes(1);
    const before = runs;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs - before).toBeGreaterThanOrEqual(9);
    await poller.stop();
  });
});
