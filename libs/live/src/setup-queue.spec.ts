import { describe, expect, it } from 'vitest';
import { SetupQueue } from './setup-queue.js';

describe('SetupQueue', () => {
  it('runs at most `limit` at once and lets the others in first come, first served', async () => {
    const queue = new SetupQueue(2);
    const order: number[] = [];
    const leaves = await Promise.all([queue.enter(), queue.enter()]);
    const waiting = [3, 4, 5].map((n) => queue.enter().then((leave) => (order.push(n), leave)));
    await Promise.resolve();
    expect(queue.size).toEqual({ active: 2, waiting: 3 });
    leaves[0]!();
    leaves[0]!(); // leaving twice gives back one place only
    const third = await waiting[0]!;
    expect(queue.size).toEqual({ active: 2, waiting: 2 });
    leaves[1]!();
    third();
    const [fourth, fifth] = await Promise.all([waiting[1]!, waiting[2]!]);
    expect(order).toEqual([3, 4, 5]);
    fourth();
    fifth();
    expect(queue.size).toEqual({ active: 0, waiting: 0 });
  });
});
