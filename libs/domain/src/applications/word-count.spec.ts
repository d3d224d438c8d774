import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords } from './word-count.js';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['one', 1],
    ['two  words', 2],
    [' leading and trailing ', 3],
    ['line\nbreaks\r\nand\ttabs', 4],
    ['state-of-the-art models', 2],
    ['a dash — alone is no word', 6],
    ['… ! ?', 0],
    ["l'équipe a gagné 3 prix", 5],
    ['数字孪生 digital twin', 3],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('adds up across texts joined by a space, whatever they hold', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(countWords(`${a} ${b}`)).toBe(countWords(a) + countWords(b));
      }),
    );
  });

  it('is unchanged by extra whitespace between words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/)),
        fc.stringMatching(/^[ \t\n]{1,4}$/),
        (words, gap) => {
          expect(countWords(words.join(gap))).toBe(words.length);
        },
      ),
    );
  });
});
