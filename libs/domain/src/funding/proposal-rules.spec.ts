import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  budgetTotalMinor,
  compareProposalContents,
  decideProposalDeadline,
  emptyProposalContent,
  proposalSubmissionProblems,
  type ProposalContent,
  type ProposalSectionSetting,
} from './proposal-rules.js';

const sections: ProposalSectionSetting[] = [
  { key: 'abstract', label: 'Abstract', guidance: '', wordLimit: 5 },
  { key: 'milestones', label: 'Milestones', guidance: '', wordLimit: null },
];

const complete = (over: Partial<ProposalContent> = {}): ProposalContent => ({
  ...emptyProposalContent(),
  title: 'Digital twin of tumour growth',
  abstract: 'A model per patient.',
  milestones: [{ title: 'Prototype', due: '2021-03', description: '' }],
  budget: [
    { category: 'personnel', description: 'Postdoc', amount: 30_000.1 },
    { category: 'compute', description: 'GPU hours', amount: 19_999.9 },
  ],
  ...over,
});

describe('proposalSubmissionProblems', () => {
  it('accepts a complete proposal whose budget is exactly the cap', () => {
    expect(
      proposalSubmissionProblems({
        content: complete(),
        sections,
        awardCapMinor: 5_000_000,
        currency: 'USD',
      }),
    ).toEqual([]);
  });

  it('names the budget over the cap in money a person reads, one cent over', () => {
    const problems = proposalSubmissionProblems({
      content: complete(),
      sections,
      awardCapMinor: 4_999_999,
      currency: 'USD',
    });
    expect(problems).toEqual([
      {
        field: 'budget',
        message: 'the budget totals 50,000 USD, over the cap of 49,999.99 USD',
      },
    ]);
  });

  it('names empty sections the round asks for, words over a limit, no title, no budget', () => {
    const problems = proposalSubmissionProblems({
      content: complete({
        title: ' ',
        abstract: 'one two three four five six',
        milestones: [],
        budget: [],
      }),
      sections,
      awardCapMinor: 100,
      currency: 'USD',
    });
    expect(problems.map((p) => p.field)).toEqual(['title', 'abstract', 'milestones', 'budget']);
    expect(problems[1].message).toBe('Abstract has 6 words; the limit is 5');
  });

  it('does not ask for a section the round leaves out', () => {
    expect(
      proposalSubmissionProblems({
        content: complete({ aims: '' }),
        sections,
        awardCapMinor: 10_000_000,
        currency: 'USD',
      }),
    ).toEqual([]);
  });
});

describe('budgetTotalMinor', () => {
  it('adds amounts with cents exactly, whatever their order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 30 }), (cents) => {
        const lines = cents.map((c) => ({
          category: 'other' as const,
          description: '',
          amount: c / 100,
        }));
        const expected = cents.reduce((a, b) => a + b, 0);
        expect(budgetTotalMinor(lines)).toBe(expected);
        expect(budgetTotalMinor([...lines].reverse())).toBe(expected);
      }),
    );
  });
});

describe('decideProposalDeadline', () => {
  const dueAt = new Date('2020-08-15T21:00:00Z');

  it('is open until the deadline and closed from it, naming it in the lab time zone', () => {
    expect(
      decideProposalDeadline({
        dueAt,
        extensionUntil: null,
        now: new Date('2020-08-15T20:59:59Z'),
        timezone: 'America/New_York',
      }).open,
    ).toBe(true);
    const closed = decideProposalDeadline({
      dueAt,
      extensionUntil: null,
      now: dueAt,
      timezone: 'America/New_York',
    });
    expect(closed).toMatchObject({ open: false, extended: false });
    expect(closed.open ? '' : closed.message).toBe(
      'Proposals for this round were due on 15 August 2020 at 17:00 EDT (America/New_York). Ask the organisers if your team needs an extension.',
    );
  });

  it('keeps a team with a later extension open, and ignores an earlier one', () => {
    const now = new Date('2020-08-16T12:00:00Z');
    expect(
      decideProposalDeadline({
        dueAt,
        extensionUntil: new Date('2020-08-17T00:00:00Z'),
        now,
        timezone: 'UTC',
      }),
    ).toMatchObject({ open: true, extended: true });
    expect(
      decideProposalDeadline({
        dueAt,
        extensionUntil: new Date('2020-08-10T00:00:00Z'),
        now,
        timezone: 'UTC',
      }),
    ).toMatchObject({ open: false, extended: false });
  });
});

describe('compareProposalContents', () => {
  it('marks only the sections that changed, budgets with their total', () => {
    const before = complete();
    const after = complete({
      aims: 'Predict response to therapy.',
      budget: [...before.budget, { category: 'travel', description: 'Site visit', amount: 500 }],
    });
    const sectionsCompared = compareProposalContents(before, after);
    expect(sectionsCompared.filter((s) => s.changed).map((s) => s.key)).toEqual(['aims', 'budget']);
    const budget = sectionsCompared.find((s) => s.key === 'budget')!;
    expect(budget.before.split('\n').at(-1)).toBe('total: 50000.00');
    expect(budget.after.split('\n').at(-1)).toBe('total: 50500.00');
  });
});
