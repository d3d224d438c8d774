import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readRows, statement, TransactionRunner } from '@ideas-lab/platform';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Tick {
  n: number;
  at: Date;
  label: string;
  tags: string[];
}

/** A live reconnect reads its snapshot's parts this way; each part must read as if run alone. */
describe('reads batched into one round trip (against PostgreSQL)', () => {
  let app: TestApp;
  let tx: TransactionRunner;

  beforeAll(async () => {
    app = await startTestApp();
    tx = app.app.get(TransactionRunner);
  });
  afterAll(async () => {
    await app?.close();
  });

  const ticks = (count: number, label: string) =>
    statement<Tick>(
      `SELECT n, timestamptz '2026-07-14 15:00:00.123456+00' + n * interval '1 minute' AS at,
              $2::text || n AS label, ARRAY[$2::text, 'x'] AS tags
         FROM generate_series(1, $1::int) n ORDER BY n DESC`,
      [count, label],
      ['at'],
    );

  it('gives every read the same rows, in the same order and types, as running it alone, in one query', async () => {
    const alone = [await tx.query(ticks(3, 'a')), await tx.query(ticks(12, 'b'))];
    const query = vi.spyOn(app.app.get(DataSource).manager, 'query');
    const batched = await tx.readAll({
      first: readRows(ticks(3, 'a'), (rows) => rows),
      both: {
        statements: [ticks(12, 'b'), ticks(0, 'none')],
        read: ([twelve, none]) => ({ twelve: twelve as Tick[], none }),
      },
    });
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    expect(batched.first).toEqual(alone[0]);
    expect(batched.both.twelve).toEqual(alone[1]);
    expect(batched.both.none).toEqual([]);
    expect(batched.first[0].at).toBeInstanceOf(Date);
    expect(batched.both.twelve.map((t) => t.n)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('runs a lone statement as itself, and nothing at all for reads that need no rows', async () => {
    const query = vi.spyOn(app.app.get(DataSource).manager, 'query');
    const none = await tx.readAll({ empty: { statements: [], read: () => 'nothing' } });
    expect(none.empty).toBe('nothing');
    expect(query).not.toHaveBeenCalled();
    const one = await tx.readAll({ only: readRows(ticks(2, 'c'), (rows) => rows.length) });
    expect(one.only).toBe(2);
    expect(query).toHaveBeenCalledTimes(1);
    expect(String(query.mock.calls[0][0])).not.toContain('json_agg');
    query.mockRestore();
  });
});
