import { describe, expect, it } from 'vitest';
import { groupDecisions } from './decision-groups';
import { explainInfeasibility, withNames } from './infeasibility';
import {
  letterMatches,
  letterState,
  lettersToRelease,
  outboxInFlight,
  releaseMessage,
  releaseSummary,
} from './outbox';
import { compareRuns } from './run-compare';
import { runNumbers } from './run-labels';
import type { Decision, DecisionLetter, SelectionRun } from './types';

const ID = '0a1b2c3d-1111-4222-8333-444455556666';
const names: Record<string, string> = { [ID]: 'Gia Grant' };
const nameOf = (id: string) => names[id] ?? id;

const run = (selectedIds: string[], objective: number | null, merits: Record<string, number>) =>
  ({
    inputs: { applicants: Object.entries(merits).map(([id, merit]) => ({ id, merit })) },
    result: { selectedIds, objective },
  }) as unknown as SelectionRun;

describe('compareRuns', () => {
  it('says who is in one cohort and not the other, best first, and the change in merit', () => {
    const merits = { a: 3, b: 2, c: 1, d: 0.5, e: 0.1 };
    const diff = compareRuns(run(['a', 'b', 'c'], 6, merits), run(['a', 'e', 'd'], 3.6, merits));
    expect(diff.onlyFirst).toEqual(['b', 'c']);
    expect(diff.onlySecond).toEqual(['d', 'e']);
    expect(diff.both).toBe(1);
    expect(diff.objectiveDelta).toBeCloseTo(-2.4);
  });

  it('has no merit difference when a run found no cohort', () => {
    expect(compareRuns(run([], null, {}), run(['a'], 1, { a: 1 })).objectiveDelta).toBeNull();
  });
});

describe('explainInfeasibility', () => {
  it('words the conflicts and the smallest relaxation, with names for applicant ids', () => {
    const words = explainInfeasibility(
      {
        conflicts: [
          {
            kind: 'too-few-eligible',
            quota: 'discipline',
            group: 'Cancer research',
            by: 1,
            message: 'discipline Cancer research needs at least 1 but only 0 eligible applicants',
          },
          {
            kind: 'must-include-unavailable',
            quota: 'mustInclude',
            group: ID,
            by: 1,
            message: `must-include applicant ${ID} is not available for the whole workshop (no override given)`,
          },
        ],
        relaxation: [
          {
            quota: 'discipline',
            group: 'Cancer research',
            bound: 'min',
            limit: 2,
            actual: 0,
            by: 2,
            message: '',
          },
          {
            quota: 'country',
            group: 'GB',
            bound: 'max',
            limit: 3,
            actual: 4,
            by: 1,
            message: '',
          },
          {
            quota: 'mustInclude',
            group: ID,
            bound: 'min',
            limit: 1,
            actual: 0,
            by: 1,
            message: '',
          },
        ],
        relaxedSelectedIds: [],
        messages: [],
      },
      nameOf,
    );
    expect(words.conflicts).toEqual([
      'Discipline Cancer research needs at least 1 but only 0 eligible applicants.',
      'Must-include applicant Gia Grant is not available for the whole workshop (no override given).',
    ]);
    expect(words.relaxation).toEqual([
      'Discipline “Cancer research”: lower the minimum from 2 to 0 (2 places short).',
      'Country “GB”: raise the maximum from 3 to 4 (1 place over).',
      'Drop Gia Grant from the must-include list.',
    ]);
  });

  it("falls back to the server's sentences when it gives nothing structured", () => {
    expect(
      explainInfeasibility(
        { conflicts: [], relaxation: [], relaxedSelectedIds: [], messages: ['no cohort fits'] },
        nameOf,
      ),
    ).toEqual({ conflicts: ['No cohort fits.'], relaxation: [] });
  });

  it('replaces ids in any sentence', () => {
    expect(withNames(`freed by ${ID.toUpperCase()}`, nameOf)).toBe('freed by Gia Grant');
  });
});

describe('groupDecisions', () => {
  const d = (id: string, outcome: Decision['outcome'], extra: Partial<Decision> = {}) =>
    ({ id, outcome, response: null, waitlistRank: null, ...extra }) as Decision;
  it('puts place holders first, the waitlist by rank, and the declined apart', () => {
    const groups = groupDecisions([
      d('gave-up', 'accepted', { response: 'declined' }),
      d('w2', 'waitlisted', { waitlistRank: 2 }),
      d('no', 'declined'),
      d('holds', 'accepted', { response: 'pending' }),
      d('w1', 'waitlisted', { waitlistRank: 1 }),
    ]);
    expect(groups.accepted.map((x) => x.id)).toEqual(['holds', 'gave-up']);
    expect(groups.waitlist.map((x) => x.id)).toEqual(['w1', 'w2']);
    expect(groups.declined.map((x) => x.id)).toEqual(['no']);
  });
});

describe('runNumbers', () => {
  it('numbers runs in the order they were made from a newest-first list', () => {
    expect([...runNumbers([{ id: 'c' }, { id: 'b' }, { id: 'a' }])]).toEqual([
      ['c', 3],
      ['b', 2],
      ['a', 1],
    ]);
  });
});

describe('outbox', () => {
  const letter = (status: string, attempts = 0) => ({ status, attempts }) as DecisionLetter;
  it('releases drafts and letters that gave up, and follows the ones on their way', () => {
    const letters = [letter('draft'), letter('failed', 5), letter('queued'), letter('logged', 1)];
    expect(lettersToRelease({ letters })).toBe(2);
    expect(outboxInFlight({ letters })).toBe(true);
    expect(outboxInFlight({ letters: [letter('sent', 1)] })).toBe(false);
  });
  it('sums up a release by kind of letter and by person', () => {
    const to = (outcome: string, recipient: string, status = 'draft') =>
      ({ outcome, recipient, status }) as DecisionLetter;
    const letters = [
      to('accepted', 'ada@example.org'),
      to('accepted', 'bo@example.org', 'failed'),
      to('waitlisted', 'cy@example.org'),
      to('declined', 'dee@example.org'),
      to('declined', 'Dee@example.org '),
      to('accepted', 'eve@example.org', 'sent'),
    ];
    expect(releaseSummary({ letters })).toEqual({
      letters: 5,
      people: 4,
      kinds: '2 offers of a place, 1 waitlist letter and 2 declines',
    });
    expect(releaseSummary({ letters: [to('declined', 'a@example.org')] }).kinds).toBe('1 decline');
  });
  it('calls a queued letter that has failed before "retrying"', () => {
    expect(letterState(letter('queued', 2))).toBe('retrying');
    expect(letterState(letter('queued', 0))).toBe('queued');
  });
  it.each([
    [{ queued: 8 }, '8 letters queued for sending.'],
    [{ queued: 0 }, 'Nothing to release: every letter is already on its way.'],
    [{ sent: 6, failed: 0 }, 'Released: 6 sent, 0 failed.'],
    [undefined, 'The letters are released.'],
  ])('a release answering %j reads "%s"', (released, text) => {
    expect(releaseMessage(released)).toBe(text);
  });
});

describe('letterMatches', () => {
  const l = (status: string, lastError: string | null = null) =>
    ({ status, attempts: lastError ? 1 : 0, lastError }) as DecisionLetter;
  it.each([
    ['unreleased', [l('draft')], [l('queued'), l('sent')]],
    ['on-its-way', [l('queued'), l('sending')], [l('draft'), l('logged')]],
    ['problems', [l('failed', 'refused'), l('queued', 'timeout')], [l('queued'), l('sent')]],
    ['delivered', [l('sent'), l('logged')], [l('failed', 'x'), l('draft')]],
  ] as const)('"%s" keeps the first letters and leaves out the others', (filter, kept, left) => {
    for (const letter of kept) expect(letterMatches(letter, filter)).toBe(true);
    for (const letter of left) expect(letterMatches(letter, filter)).toBe(false);
  });
});
