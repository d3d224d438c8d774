import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { PinoNestLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: new PinoNestLogger(pino({ level: 'trace' }, stream)), lines };
}

describe('Nest messages through pino', () => {
  it('keeps the message and stack of an error Nest hands over at start', async () => {
    const { logger, lines } = capture();
    logger.error(
      new Error('Nest cannot resolve dependencies of the TeamsService'),
      'ExceptionHandler',
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'ExceptionHandler',
      msg: 'Nest cannot resolve dependencies of the TeamsService',
    });
    expect((lines[0].err as { stack: string }).stack).toContain('logger.spec.ts');
  });

  it('writes text messages with their context', async () => {
    const { logger, lines } = capture();
    logger.warn('slow query', 'Database');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({ level: 40, context: 'Database', msg: 'slow query' });
  });
});
