import { describe, expect, it } from 'vitest';
import { combinedStatement, rowsFromJson, statement } from './batched-reads.js';

describe('combinedStatement', () => {
  it('numbers each statement’s parameters after the ones before it, two-digit ones included', () => {
    const first = statement('SELECT $1::int AS a, $2::text AS b', [1, 'x']);
    const many = statement(
      `SELECT ${Array.from({ length: 10 }, (_, i) => `$${i + 1}::int AS c${i}`).join(', ')}`,
      Array.from({ length: 10 }, (_, i) => i),
    );
    const last = statement('SELECT $1::uuid AS id WHERE $1 IS NOT NULL', ['u']);
    const { sql, params } = combinedStatement([first, many, last]);
    expect(params).toEqual([1, 'x', ...Array.from({ length: 10 }, (_, i) => i), 'u']);
    expect(sql).toContain('SELECT $1::int AS a, $2::text AS b');
    expect(sql).toContain('$3::int AS c0');
    expect(sql).toContain('$12::int AS c9');
    expect(sql).toContain('SELECT $13::uuid AS id WHERE $13 IS NOT NULL');
    expect(sql).not.toMatch(/\$14\b/);
    expect(sql.match(/AS r\d/g)).toEqual(['AS r0', 'AS r1', 'AS r2']);
  });
});

describe('rowsFromJson', () => {
  it('makes the named timestamp columns Dates again and leaves the others as JSON gave them', () => {
    const s = statement<{ at: Date; until: Date | null; name: string }>(
      'SELECT 1',
      [],
      ['at', 'until'],
    );
    const rows = rowsFromJson(s, [
      { at: '2026-07-14T15:00:00.123+00:00', until: null, name: '2026-07-14T15:00:00Z' },
    ]);
    expect(rows[0].at).toEqual(new Date('2026-07-14T15:00:00.123Z'));
    expect(rows[0].until).toBeNull();
    expect(rows[0].name).toBe('2026-07-14T15:00:00Z');
  });

  it('reads no rows as an empty list', () => {
    expect(rowsFromJson(statement('SELECT 1', []), null)).toEqual([]);
  });
});
