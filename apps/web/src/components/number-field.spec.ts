import { describe, expect, it } from 'vitest';
import { wholeNumberOf } from './number-field';

describe('wholeNumberOf', () => {
  it('reads a whole number, leaves an empty field out and marks anything else', () => {
    expect(wholeNumberOf(' 12 ')).toBe(12);
    expect(wholeNumberOf('0')).toBe(0);
    // Out of bounds is the server's to say, in its words.
    expect(wholeNumberOf('-3')).toBe(-3);
    expect(wholeNumberOf('')).toBeUndefined();
    expect(wholeNumberOf('   ')).toBeUndefined();
    for (const text of ['2.5', 'three', '1e3', '0x10', '4 5'])
      expect(wholeNumberOf(text), text).toBeNaN();
  });
  it('is sent as null when it is not a number, so the server refuses it', () => {
    expect(JSON.stringify({ k: wholeNumberOf('three') })).toBe('{"k":null}');
    expect(JSON.stringify({ k: wholeNumberOf('') })).toBe('{}');
  });
});
