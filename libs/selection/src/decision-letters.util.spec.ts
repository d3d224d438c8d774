import { describe, expect, it } from 'vitest';
import {
  composeDecisionLetter,
  LETTER_MAX_ATTEMPTS,
  letterRetryDelayMs,
} from './decision-letters.util.js';

const base = {
  applicantName: 'Ada',
  labTitle: 'Digital Twins',
  confirmBy: '15 May 2027, 17:00 EDT',
  waitlistRank: 2,
  statusUrl: 'https://lab.example/status',
};

describe('composeDecisionLetter', () => {
  it.each([
    ['accepted', /you have a place/, /confirm or decline your place by 15 May 2027, 17:00 EDT/],
    ['waitlisted', /waiting list/, /number 2 on the waiting list/],
    ['declined', /your application/, /cannot offer you a place this time/],
  ] as const)('writes the %s letter', (outcome, subject, body) => {
    const letter = composeDecisionLetter({ ...base, outcome });
    expect(letter.subject).toMatch(subject);
    expect(letter.body).toMatch(body);
    expect(letter.body).toMatch(/^Dear Ada,/);
    expect(letter.body).not.toMatch(/score|review|merit/i);
  });
});

describe('letterRetryDelayMs', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
    [LETTER_MAX_ATTEMPTS, null],
    [LETTER_MAX_ATTEMPTS + 3, null],
  ])('after %i failed attempts waits %s ms', (failed, delay) => {
    expect(letterRetryDelayMs(failed)).toBe(delay);
  });

  it('never waits longer than an hour', () => {
    for (let n = 1; n < LETTER_MAX_ATTEMPTS; n++)
      expect(letterRetryDelayMs(n)).toBeLessThanOrEqual(3_600_000);
  });
});
