import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { solveMilp } from './highs-solver.js';
import { addMilpColumn, addMilpRow, createMilpModel } from './milp-model.js';
import type { MilpModel } from './milp-model.js';
import { solveMilpWithPricing } from './milp-pricing.js';
import type { MilpCandidateColumn } from './milp-pricing.js';

/**
 * A random assignment-like model: each item needs `need` of the candidates (or pays a dear
 * slack), each agent takes at most `cap`, and pairs have random costs and (sometimes) a second
 * row of coefficients so that the relaxation is not always integral.
 */
function instance(spec: {
  items: number;
  agents: number;
  need: number;
  cap: number;
  costs: number[];
  sense: 'minimise' | 'maximise';
}): { base: MilpModel; candidates: MilpCandidateColumn[] } {
  const base = createMilpModel({ sense: spec.sense });
  const penalty = spec.sense === 'minimise' ? 1000 : -1000;
  const itemRows = Array.from({ length: spec.items }, (_, i) => {
    const slack = addMilpColumn({
      model: base,
      column: { cost: penalty, lower: 0, upper: spec.need, integer: false },
    });
    return addMilpRow({
      model: base,
      row: { label: `item${i}`, lower: spec.need, upper: spec.need, indices: [slack], values: [1] },
    });
  });
  const agentRows = Array.from({ length: spec.agents }, (_, r) =>
    addMilpRow({
      model: base,
      row: {
        label: `agent${r}`,
        lower: Number.NEGATIVE_INFINITY,
        upper: spec.cap,
        indices: [],
        values: [],
      },
    }),
  );
  const weighted = addMilpRow({
    model: base,
    row: {
      label: 'weighted',
      lower: Number.NEGATIVE_INFINITY,
      upper: spec.items * 2.5,
      indices: [],
      values: [],
    },
  });
  const candidates: MilpCandidateColumn[] = [];
  for (let i = 0; i < spec.items; i++) {
    for (let r = 0; r < spec.agents; r++) {
      const cost = spec.costs[(i * spec.agents + r) % spec.costs.length];
      candidates.push({
        cost,
        lower: 0,
        upper: 1,
        integer: true,
        indices: [itemRows[i], agentRows[r], weighted],
        values: [1, 1, 1 + ((i + r) % 3) * 0.5],
      });
    }
  }
  return { base, candidates };
}

function fullModel(base: MilpModel, candidates: readonly MilpCandidateColumn[]): MilpModel {
  const model: MilpModel = {
    ...base,
    columns: [...base.columns],
    rows: base.rows.map((row) => ({ ...row, indices: [...row.indices], values: [...row.values] })),
  };
  for (const candidate of candidates) {
    const at = model.columns.length;
    model.columns.push({
      cost: candidate.cost,
      lower: candidate.lower,
      upper: candidate.upper,
      integer: candidate.integer,
    });
    candidate.indices.forEach((row, k) => {
      model.rows[row].indices.push(at);
      model.rows[row].values.push(candidate.values[k]);
    });
  }
  return model;
}

describe('solveMilpWithPricing', () => {
  it('property: from any starting columns, reaches the optimum of the full model and says so', async () => {
    const spec = fc.record({
      items: fc.integer({ min: 1, max: 7 }),
      agents: fc.integer({ min: 1, max: 6 }),
      need: fc.integer({ min: 1, max: 2 }),
      cap: fc.integer({ min: 1, max: 4 }),
      costs: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 12 }),
      sense: fc.constantFrom<'minimise' | 'maximise'>('minimise', 'maximise'),
      initialMask: fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }),
    });
    await fc.assert(
      fc.asyncProperty(spec, async (s) => {
        const { base, candidates } = instance(s);
        const initial = candidates
          .map((_, j) => j)
          .filter((j) => s.initialMask[j % s.initialMask.length]);
        const priced = await solveMilpWithPricing({
          model: base,
          candidates: {
            count: candidates.length,
            column: (j) => candidates[j],
            initial,
            group: (j) => Math.floor(j / s.agents),
          },
        });
        const full = await solveMilp({ model: fullModel(base, candidates) });
        expect(priced.optimal).toBe(true);
        expect(priced.objective).toBeCloseTo(full.objective as number, 6);
        // The values describe a solution with that objective.
        let objective = 0;
        base.columns.forEach((column, j) => (objective += column.cost * (priced.values?.[j] ?? 0)));
        candidates.forEach((c, j) => (objective += c.cost * (priced.candidateValues?.[j] ?? 0)));
        expect(objective).toBeCloseTo(priced.objective as number, 6);
      }),
      {
        numRuns: 40,
        examples: [
          [
            {
              items: 2,
              agents: 6,
              need: 2,
              cap: 1,
              costs: [0, 0, -1, 0],
              sense: 'minimise',
              initialMask: [false],
            },
          ],
          [
            {
              items: 3,
              agents: 6,
              need: 2,
              cap: 2,
              costs: [0, 0, 0, -1],
              sense: 'minimise',
              initialMask: [true, false],
            },
          ],
        ],
      },
    );
  });

  it('sees fewer columns than the full model when few can pay', async () => {
    // 30 items × 40 agents; only agent (i mod 40) is cheap for item i.
    const base = createMilpModel({ sense: 'minimise' });
    const rows = Array.from({ length: 30 }, (_, i) => {
      const slack = addMilpColumn({
        model: base,
        column: { cost: 100, lower: 0, upper: 1, integer: false },
      });
      return addMilpRow({
        model: base,
        row: { label: `item${i}`, lower: 1, upper: 1, indices: [slack], values: [1] },
      });
    });
    const candidates: MilpCandidateColumn[] = [];
    for (let i = 0; i < 30; i++)
      for (let r = 0; r < 40; r++)
        candidates.push({
          cost: r === i ? 1 : 5,
          lower: 0,
          upper: 1,
          integer: true,
          indices: [rows[i]],
          values: [1],
        });
    const priced = await solveMilpWithPricing({
      model: base,
      candidates: {
        count: candidates.length,
        column: (j) => candidates[j],
        initial: [1, 2, 3],
        group: (j) => Math.floor(j / 40),
      },
    });
    expect(priced).toMatchObject({ optimal: true, objective: 30 });
    expect(priced.candidatesUsed).toBeLessThan(candidates.length / 4);
  });
});
