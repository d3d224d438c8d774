import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './applications-csv.js';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1 555', "'+1 555"],
    ['-', "'-"],
    ['@home', "'@home"],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('toCsv', () => {
  it('joins cells with commas and rows with CRLF, ending with one', () => {
    expect(
      toCsv([
        ['id', 'name'],
        ['1', 'Lovelace, Ada'],
      ]),
    ).toBe('id,name\r\n1,"Lovelace, Ada"\r\n');
  });
});
