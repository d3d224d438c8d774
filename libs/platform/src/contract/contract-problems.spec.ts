import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkContract } from './contract-problems.js';

const profile = z.strictObject({
  name: z.string().trim().min(1).max(10),
  motto: z.string().min(3),
  tags: z.array(z.string()).min(1),
});

const problemsOf = (value: unknown) => {
  const checked = checkContract(profile, value);
  return checked.ok ? [] : checked.problems;
};

describe('checkContract wording', () => {
  it('calls an empty required text missing, not "at least 1 characters long"', () => {
    const problems = problemsOf({ name: '', motto: 'abc', tags: ['x'] });
    expect(problems).toEqual([{ field: 'name', message: 'name is required' }]);
  });

  it('treats spaces alone as empty once the schema trims', () => {
    expect(problemsOf({ name: '   ', motto: 'abc', tags: ['x'] })).toEqual([
      { field: 'name', message: 'name is required' },
    ]);
  });

  it('words a missing field the same way as an empty one', () => {
    expect(problemsOf({ motto: 'abc', tags: ['x'] })).toEqual([
      { field: 'name', message: 'name is required' },
    ]);
  });

  it('keeps real length limits as lengths', () => {
    expect(problemsOf({ name: 'a', motto: 'ab', tags: [] })).toEqual([
      { field: 'motto', message: 'motto must be at least 3 characters long' },
      { field: 'tags', message: 'tags must have at least 1 items' },
    ]);
    expect(problemsOf({ name: 'abcdefghijk', motto: 'abc', tags: ['x'] })).toEqual([
      { field: 'name', message: 'name must be at most 10 characters long' },
    ]);
  });
});
