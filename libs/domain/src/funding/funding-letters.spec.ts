import { describe, expect, it } from 'vitest';
import { composeFundingLetter, composeProgressReminder } from './funding-letters.js';
import { reviewerPseudonym } from './reviewer-pseudonym.js';

const facts = {
  recipientName: 'Ada',
  teamName: 'Tumour twins',
  proposalTitle: 'Twins of tumours',
  roundName: 'Seed funding 2020',
  labTitle: 'Digital twin lab',
  amount: 'USD 48,000.00',
  rationale: 'Strong and feasible.',
  invitedTo: null,
  teamComments: [],
};

describe('composeFundingLetter', () => {
  it('tells a funded team its award, the rationale and the released comments', () => {
    const { subject, body } = composeFundingLetter({
      ...facts,
      outcome: 'funded',
      invitedTo: 'Second round 2021',
      teamComments: ['Clear aims.', 'Budget is tight.'],
    });
    expect(subject).toContain('funded');
    expect(body).toContain('USD 48,000.00');
    expect(body).toContain('Strong and feasible.');
    expect(body).toContain('invited to apply to Second round 2021');
    expect(body).toContain('Clear aims.');
    expect(body).toContain('Budget is tight.');
  });

  it('tells a team it is not funded, without an amount or invitation', () => {
    const { body } = composeFundingLetter({ ...facts, outcome: 'not-funded', amount: null });
    expect(body).toContain('not funded');
    expect(body).not.toContain('USD');
    expect(body).not.toContain('invited');
  });
});

describe('composeProgressReminder', () => {
  it('names the report, its date and where to file it', () => {
    const { body } = composeProgressReminder({
      recipientName: 'Ada',
      teamName: 'Tumour twins',
      reportTitle: '6-month report',
      due: '1 March 2021',
      labTitle: 'Lab',
      reportUrl: 'https://lab.example/x',
    });
    expect(body).toContain('6-month report');
    expect(body).toContain('1 March 2021');
    expect(body).toContain('https://lab.example/x');
  });
});

describe('reviewerPseudonym', () => {
  it('is stable for a reviewer and round, and differs between reviewers and rounds', () => {
    const a = reviewerPseudonym({ scope: 'round-1', reviewerId: 'r1' });
    expect(reviewerPseudonym({ scope: 'round-1', reviewerId: 'r1' })).toBe(a);
    expect(reviewerPseudonym({ scope: 'round-1', reviewerId: 'r2' })).not.toBe(a);
    expect(reviewerPseudonym({ scope: 'round-2', reviewerId: 'r1' })).not.toBe(a);
    expect(a).not.toContain('r1');
  });
});
