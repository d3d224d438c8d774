import { describe, expect, it } from 'vitest';
import {
  decideLabPhaseTransition,
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
