import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  derived,
  not,
  onlyIf,
  type Param,
  readRows,
  statement,
  TransactionRunner,
} from '@ideas-lab/platform';
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

  const ticks = (count: Param<number>, label: string) =>
    statement<Tick>(
      `SELECT n, timestamptz '2026-07-14 15:00:00.123456+00' + n * interval '1 minute' AS at,
              $2::text || n AS label, ARRAY[$2::text, 'x'] AS tags
         FROM generate_series(1, $1::int) n ORDER BY n DESC`,
      [count, label],
      ['at'],
    );

  it('gives every read the same rows, in the same order and types, as running it alone, in one query', async () => {
    const alone = [await tx.query(ticks(3, 'a')), await tx.query(ticks(12, 'b'))];
    const query = spyOnPool();
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
    const query = spyOnPool();
    const none = await tx.readAll({ empty: { statements: [], read: () => 'nothing' } });
    expect(none.empty).toBe('nothing');
    expect(query).not.toHaveBeenCalled();
    const one = await tx.readAll({ only: readRows(ticks(2, 'c'), (rows) => rows.length) });
    expect(one.only).toBe(2);
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0][0].text).not.toContain('json_agg');
    query.mockRestore();
  });

  it('lets a statement use what another one of the batch finds, and run only when conditions hold, still in one query', async () => {
    // A person and their roles, as a handshake reads them; the other reads depend on these.
    const person = statement<{ name: string; roles: string[] }>(
      `SELECT $1::text AS name, ARRAY['mentor', 'participant']::text[] AS roles`,
      ['Ada'],
    );
    const isRole = (role: string) => derived<boolean>(person, `$1 = ANY(roles)`, [role]);
    const tickCount = derived<number>(person, `cardinality(roles) + $1::int`, [1]);
    const query = spyOnPool();
    const read = await tx.readAll({
      person: readRows(person, (rows) => rows[0]),
      derivedParam: readRows(ticks(tickCount, 'd'), (rows) => rows),
      reads: {
        statements: [
          onlyIf(ticks(2, 'mentor'), isRole('mentor')),
          onlyIf(ticks(2, 'organiser'), isRole('organiser')),
          onlyIf(ticks(2, 'not-organiser'), not(isRole('organiser')), isRole('participant')),
          onlyIf(ticks(2, 'admin'), false),
          onlyIf(ticks(1, 'always'), true),
        ],
        read: (rows) => rows.map((r) => r.length),
      },
      alone: readRows(onlyIf(ticks(1, 'x'), isRole('participant')), (rows) => rows.length),
    });
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    expect(read.person).toEqual({ name: 'Ada', roles: ['mentor', 'participant'] });
    // Two roles, plus one: three ticks, with their labels and dates as if run alone.
    expect(read.derivedParam).toEqual(await tx.query(ticks(3, 'd')));
    expect(read.reads).toEqual([2, 0, 2, 0, 1]);
    expect(read.alone).toBe(1);
  });

  it('refuses to run a statement that needs a batch on its own', async () => {
    const person = statement<{ roles: string[] }>(`SELECT ARRAY['mentor']::text[] AS roles`, []);
    const conditional = onlyIf(ticks(1, 'x'), derived<boolean>(person, `'mentor' = ANY(roles)`));
    expect(() => tx.query(conditional)).toThrow(/only in readAll/);
  });

  it('prepares a statement by name outside a transaction, and runs it in the transaction inside one', async () => {
    const pool = spyOnPool();
    const [first] = await tx.query(ticks(1, 'p'));
    await tx.query(ticks(2, 'q'));
    expect(pool).toHaveBeenCalledTimes(2);
    // One text, one name: PostgreSQL parses and plans it once per connection.
    expect(pool.mock.calls[0][0].name).toMatch(/^tx_\d+$/);
    expect(pool.mock.calls[1][0].name).toBe(pool.mock.calls[0][0].name);
    expect(first).toEqual({
      n: 1,
      at: new Date('2026-07-14T15:01:00.123Z'),
      label: 'p1',
      tags: ['p', 'x'],
    });

    const manager = vi.spyOn(app.app.get(DataSource), 'transaction');
    const inside = await tx.run(async () => {
      // Sees the transaction's own uncommitted work.
      await tx.manager().query(`CREATE TEMP TABLE seen_here (n int) ON COMMIT DROP`);
      await tx.manager().query(`INSERT INTO seen_here VALUES (7)`);
      return tx.query(statement<{ n: number }>(`SELECT n FROM seen_here`, []));
    });
    expect(inside).toEqual([{ n: 7 }]);
    expect(manager).toHaveBeenCalledTimes(1);
    expect(pool).toHaveBeenCalledTimes(2);
    manager.mockRestore();
    pool.mockRestore();
  });

  /** The driver's pool, where statements outside transactions go. */
  function spyOnPool() {
    const pool = (
      app.app.get(DataSource).driver as unknown as {
        master: { query(config: { name?: string; text: string; values: unknown[] }): unknown };
      }
    ).master;
    return vi.spyOn(pool, 'query');
  }
});
