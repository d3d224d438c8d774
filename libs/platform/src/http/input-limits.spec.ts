import { describe, expect, it } from 'vitest';
import { inspectInputValue, scanJsonText } from './input-limits.js';

describe('scanJsonText', () => {
  it.each([
    ['{}', 32, false],
    ['[[[]]]', 3, false],
    ['[[[[]]]]', 3, true],
    ['{"a":{"b":[1]}}', 3, false],
    ['{"a":{"b":[[1]]}}', 3, true],
    ['{"text":"[[[[[[[["}', 2, false],
    ['{"text":"\\"[[[[["}', 2, false],
  ])('%s nests deeper than %i: %s', (text, maxDepth, tooDeep) => {
    expect(scanJsonText(text, maxDepth).tooDeep).toBe(tooDeep);
  });

  it.each([
    ['{"a":"x\\u0000y"}', true],
    ['{"a":"x\\\\u0000y"}', false],
    ['{"a\\u0000":1}', true],
    ['{"a":"\\u00001"}', true],
    ['{"a":"u0000"}', false],
  ])('%s carries U+0000: %s', (text, hasNul) => {
    expect(scanJsonText(text).hasNul).toBe(hasNul);
  });
});

describe('inspectInputValue', () => {
  it('names the field of the first string holding U+0000', () => {
    expect(inspectInputValue({ a: { b: ['ok', 'no\u0000'] } })).toEqual({
      problem: 'nul',
      field: 'a.b.1',
    });
    expect(inspectInputValue({ ['k\u0000']: 1 })).toEqual({ problem: 'nul', field: 'k\u0000' });
    expect(inspectInputValue('top\u0000')).toEqual({ problem: 'nul', field: '' });
  });

  it('refuses deep nesting without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectInputValue(deep)).toEqual({ problem: 'too-deep' });
    expect(inspectInputValue([[[1]]], 3)).toBeNull();
    expect(inspectInputValue([[[[1]]]], 3)).toEqual({ problem: 'too-deep' });
  });
});
