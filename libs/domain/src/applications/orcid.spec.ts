import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orcidCheckCharacter, readOrcid } from './orcid.js';

describe('readOrcid', () => {
  it.each([
    ['0000-0002-1825-0097', '0000-0002-1825-0097'],
    ['0000-0001-5109-3700', '0000-0001-5109-3700'],
    ['0000-0002-1694-233X', '0000-0002-1694-233X'],
    ['0000-0002-1694-233x', '0000-0002-1694-233X'],
    ['0000000218250097', '0000-0002-1825-0097'],
    ['https://orcid.org/0000-0002-1825-0097', '0000-0002-1825-0097'],
    [' orcid.org/0000-0002-1825-0097 ', '0000-0002-1825-0097'],
  ])('reads %j as %s', (input, orcid) => {
    expect(readOrcid(input)).toEqual({ ok: true, orcid });
  });

  it.each([
    ['0000-0002-1825-0098', /check digit/],
    ['0000-0002-1825-009', /has the form/],
    ['0000-0002-1825-00977', /has the form/],
    ['ABCD-0002-1825-0097', /has the form/],
    ['0000-0002-1825-X097', /has the form/],
    ['https://example.org/0000-0002-1825-0097', /has the form/],
  ])('refuses %j', (input, message) => {
    const reading = readOrcid(input);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.message).toMatch(message);
  });

  it('accepts every iD whose last character is the MOD 11-2 check of the others, and catches any single-digit typo', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{15}$/),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 1, max: 9 }),
        (base, position, shift) => {
          const id = base + orcidCheckCharacter(base);
          const grouped = id.match(/.{4}/g)!.join('-');
          expect(readOrcid(grouped)).toEqual({ ok: true, orcid: grouped });
          const typo =
            base.slice(0, position) +
            String((Number(base[position]) + shift) % 10) +
            base.slice(position + 1);
          expect(readOrcid(typo + orcidCheckCharacter(base)).ok).toBe(false);
        },
      ),
    );
  });
});
