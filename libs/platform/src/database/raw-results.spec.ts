import { describe, expect, it } from 'vitest';
import { affectedCount, rowsOf } from './raw-results.js';

describe('raw query results', () => {
  it('reads the rows and count of an UPDATE … RETURNING', () => {
    const result = [[{ id: 'a' }, { id: 'b' }], 2];
    expect(rowsOf(result)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(affectedCount(result)).toBe(2);
  });

  it('reads an UPDATE that touched nothing', () => {
    expect(rowsOf([[], 0])).toEqual([]);
    expect(affectedCount([[], 0])).toBe(0);
  });

  it('reads the rows of a SELECT, even one of two rows', () => {
    const select = [{ id: 'a' }, { id: 'b' }];
    expect(rowsOf(select)).toBe(select);
    expect(affectedCount(select)).toBe(2);
  });
});
