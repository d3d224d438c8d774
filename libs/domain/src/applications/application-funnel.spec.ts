import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFunnel, FUNNEL_STAGES, type FunnelApplication } from './application-funnel.js';

const taxonomy = {
  disciplines: ['AI', 'biology'],
  careerStages: ['early', 'senior'],
  organisationTypes: ['university', 'industry'],
};
const app = (over: Partial<FunnelApplication>): FunnelApplication => ({
  status: 'submitted',
  reviewed: false,
  selected: false,
  confirmed: false,
  primaryDiscipline: 'AI',
  careerStage: 'early',
  organisationType: 'university',
  ...over,
});

describe('computeFunnel', () => {
  it('counts how far applications got, overall and per taxonomy value in the lab order', () => {
    const funnel = computeFunnel({
      taxonomy,
      applications: [
        app({
          status: 'draft',
          primaryDiscipline: null,
          careerStage: null,
          organisationType: null,
        }),
        app({}),
        app({
          primaryDiscipline: 'biology',
          careerStage: 'senior',
          reviewed: true,
          selected: true,
          confirmed: true,
        }),
        app({ status: 'withdrawn', primaryDiscipline: 'biology' }),
      ],
    });
    expect(funnel.totals).toEqual({
      started: 4,
      submitted: 2,
      reviewed: 1,
      selected: 1,
      confirmed: 1,
      withdrawn: 1,
    });
    expect(funnel.byDiscipline).toEqual([
      {
        value: 'AI',
        started: 1,
        submitted: 1,
        reviewed: 0,
        selected: 0,
        confirmed: 0,
        withdrawn: 0,
      },
      {
        value: 'biology',
        started: 2,
        submitted: 1,
        reviewed: 1,
        selected: 1,
        confirmed: 1,
        withdrawn: 1,
      },
      {
        value: null,
        started: 1,
        submitted: 0,
        reviewed: 0,
        selected: 0,
        confirmed: 0,
        withdrawn: 0,
      },
    ]);
    expect(funnel.byOrganisationType.map((r) => [r.value, r.started])).toEqual([
      ['university', 3],
      ['industry', 0],
      [null, 1],
    ]);
  });

  it('keeps a value that left the taxonomy, after the current values', () => {
    const funnel = computeFunnel({ taxonomy, applications: [app({ careerStage: 'postdoc' })] });
    expect(funnel.byCareerStage.map((r) => r.value)).toEqual(['early', 'senior', 'postdoc']);
  });

  it('narrows from stage to stage and every breakdown adds up to the totals', () => {
    const value = (values: string[]) => fc.option(fc.constantFrom(...values), { nil: null });
    const application = fc.record({
      status: fc.constantFrom('draft' as const, 'submitted' as const, 'withdrawn' as const),
      reviewed: fc.boolean(),
      selected: fc.boolean(),
      confirmed: fc.boolean(),
      primaryDiscipline: value([...taxonomy.disciplines, 'retired']),
      careerStage: value(taxonomy.careerStages),
      organisationType: value(taxonomy.organisationTypes),
    });
    fc.assert(
      fc.property(fc.array(application, { maxLength: 60 }), (applications) => {
        const funnel = computeFunnel({ applications, taxonomy });
        expect(funnel.totals.started).toBe(applications.length);
        for (let i = 1; i < FUNNEL_STAGES.length; i++)
          expect(funnel.totals[FUNNEL_STAGES[i]]).toBeLessThanOrEqual(
            funnel.totals[FUNNEL_STAGES[i - 1]],
          );
        for (const rows of [funnel.byDiscipline, funnel.byCareerStage, funnel.byOrganisationType]) {
          for (const stage of [...FUNNEL_STAGES, 'withdrawn' as const]) {
            expect(rows.reduce((sum, r) => sum + r[stage], 0)).toBe(funnel.totals[stage]);
          }
        }
      }),
    );
  });
});
