import { describe, expect, it } from 'vitest';
import {
  applicationReviewOpen,
  decideLabPhaseTransition,
  labPhaseOptions,
  LAB_PHASES,
  nextLabPhase,
  type LabPhaseFacts,
} from './lab-phase.js';

const complete: LabPhaseFacts = {
  title: 'Toward Building a Cancer Patient Digital Twin',
  capacity: 30,
  disciplines: ['AI'],
  applicationsOpenAt: new Date('2026-01-01T00:00:00Z'),
  applicationsCloseAt: new Date('2026-02-01T00:00:00Z'),
  workshopStartAt: new Date('2026-03-01T00:00:00Z'),
  workshopEndAt: new Date('2026-03-06T00:00:00Z'),
  proposalsDueAt: new Date('2026-04-01T00:00:00Z'),
  confirmedParticipants: 30,
  applicationFormPublished: true,
  openBreakoutRounds: 0,
  selectionAdopted: false,
  now: new Date('2026-01-15T00:00:00Z'),
};

describe('decideLabPhaseTransition', () => {
  it('walks the whole lifecycle one phase at a time', () => {
    for (const from of LAB_PHASES.slice(0, -1)) {
      const to = nextLabPhase(from)!;
      expect(decideLabPhaseTransition({ from, to, facts: complete })).toMatchObject({
        allowed: true,
        from,
        to,
      });
    }
  });

  it.each([
    ['draft', 'selection', 'LAB_PHASE_SKIP'],
    ['draft', 'draft', 'LAB_PHASE_UNCHANGED'],
    ['draft', 'launched', 'LAB_PHASE_UNKNOWN'],
    ['workshop', 'selection', 'LAB_PHASE_BACKWARD_NOT_ALLOWED'],
    ['selection', 'draft', 'LAB_PHASE_BACKWARD_NOT_ALLOWED'],
    ['follow_up', 'draft', 'LAB_PHASE_BACKWARD_NOT_ALLOWED'],
  ] as const)('refuses %s → %s with %s', (from, to, code) => {
    expect(decideLabPhaseTransition({ from, to, facts: complete })).toMatchObject({
      allowed: false,
      code,
    });
  });

  it('lets an organiser step back one phase while applications or selection are open', () => {
    expect(
      decideLabPhaseTransition({ from: 'applications_open', to: 'draft', facts: complete }),
    ).toMatchObject({
      allowed: true,
      direction: 'backward',
    });
    expect(
      decideLabPhaseTransition({ from: 'selection', to: 'applications_open', facts: complete }),
    ).toMatchObject({
      allowed: true,
    });
  });

  it('lists every missing setting before applications open', () => {
    const decision = decideLabPhaseTransition({
      from: 'draft',
      to: 'applications_open',
      facts: { ...complete, capacity: 0, disciplines: [], applicationsCloseAt: null },
    });
    expect(decision).toMatchObject({
      allowed: false,
      code: 'LAB_PHASE_INCOMPLETE_SETTINGS',
      missing: ['capacity', 'taxonomy.disciplines', 'dates.applicationsCloseAt'],
    });
  });

  it('will not close selection under capacity unless the organiser accepts it', () => {
    const facts = { ...complete, confirmedParticipants: 27 };
    expect(decideLabPhaseTransition({ from: 'selection', to: 'workshop', facts })).toMatchObject({
      allowed: false,
      code: 'LAB_PHASE_UNDER_CAPACITY',
    });
    expect(
      decideLabPhaseTransition({
        from: 'selection',
        to: 'workshop',
        facts: { ...facts, acceptUnderCapacity: true },
      }),
    ).toMatchObject({ allowed: true });
  });

  it('requires a proposals deadline before proposals open', () => {
    expect(
      decideLabPhaseTransition({
        from: 'workshop',
        to: 'proposals',
        facts: { ...complete, proposalsDueAt: null },
      }),
    ).toMatchObject({
      allowed: false,
      code: 'LAB_PHASE_INCOMPLETE_SETTINGS',
      missing: ['dates.proposalsDueAt'],
    });
  });
});

describe('the rules for the second half of a lab', () => {
  it('opens applications only with a published form, named among the missing settings', () => {
    const decision = decideLabPhaseTransition({
      from: 'draft',
      to: 'applications_open',
      facts: { ...complete, applicationFormPublished: false },
    });
    expect(decision).toMatchObject({
      allowed: false,
      code: 'LAB_PHASE_INCOMPLETE_SETTINGS',
      missing: ['applicationForm'],
    });
    expect(decision.allowed ? '' : decision.message).toContain('a published application form');
  });

  it('keeps the lab in the workshop while a breakout round is open', () => {
    expect(
      decideLabPhaseTransition({
        from: 'workshop',
        to: 'proposals',
        facts: { ...complete, openBreakoutRounds: 1 },
      }),
    ).toMatchObject({ allowed: false, code: 'LAB_PHASE_ROUND_OPEN' });
  });

  it('refuses to step back from Selection once a run is adopted', () => {
    expect(
      decideLabPhaseTransition({
        from: 'selection',
        to: 'applications_open',
        facts: { ...complete, selectionAdopted: true },
      }),
    ).toMatchObject({ allowed: false, code: 'LAB_PHASE_SELECTION_ADOPTED' });
  });
});

describe('labPhaseOptions', () => {
  it('never offers a step back the rules refuse from that phase', () => {
    for (const from of ['workshop', 'proposals', 'review', 'decided', 'follow_up'] as const)
      expect(
        labPhaseOptions({ from, facts: complete }).filter((o) => o.direction === 'backward'),
      ).toEqual([]);
  });

  it('agrees with decideLabPhaseTransition on every offered step', () => {
    for (const from of LAB_PHASES)
      for (const facts of [
        complete,
        { ...complete, selectionAdopted: true, openBreakoutRounds: 2, confirmedParticipants: 3 },
      ])
        for (const option of labPhaseOptions({ from, facts }))
          expect(decideLabPhaseTransition({ from, to: option.to, facts }).allowed).toBe(
            option.allowed,
          );
  });

  it('marks the steps that cannot be taken back', () => {
    const fromSelection = labPhaseOptions({ from: 'selection', facts: complete });
    expect(fromSelection).toEqual([
      { to: 'workshop', direction: 'forward', allowed: true, irreversible: true },
      { to: 'applications_open', direction: 'backward', allowed: true, irreversible: false },
    ]);
    expect(labPhaseOptions({ from: 'draft', facts: complete })).toEqual([
      { to: 'applications_open', direction: 'forward', allowed: true, irreversible: false },
    ]);
  });

  it('says why the next step is refused, with what is missing', () => {
    const [next] = labPhaseOptions({
      from: 'workshop',
      facts: { ...complete, openBreakoutRounds: 1 },
    });
    expect(next).toMatchObject({ to: 'proposals', allowed: false, code: 'LAB_PHASE_ROUND_OPEN' });
  });
});

describe('applicationReviewOpen', () => {
  it('is open while applications are open and during selection, in no other phase', () => {
    expect(LAB_PHASES.filter(applicationReviewOpen)).toEqual(['applications_open', 'selection']);
    expect(applicationReviewOpen('not a phase')).toBe(false);
  });
});
