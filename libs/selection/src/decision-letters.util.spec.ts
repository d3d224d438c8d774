import { describe, expect, it } from 'vitest';
import { composeDecisionLetter } from './decision-letters.util.js';

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
