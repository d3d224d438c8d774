/**
 * Team formation as an integer program (HiGHS through shared/highs-solver.ts).
 *
 *   x[p,i] ∈ {0,1}  person p joins idea i (only ideas p may join: a locked person has one column,
 *                    fixed at 1; nobody else has a column for a closed team)
 *   y[i]   ∈ {0,1}  idea i becomes a team (fixed at 1 for locked teams)
 *
 *   Σ_i x[p,i] = 1                                   everyone on exactly one team
 *   a ≤ Σ_i y[i] ≤ b                                 number of teams
 *   min·y[i] ≤ Σ_p x[p,i] ≤ max·y[i]                 team size (at least 1, at most everyone, when off)
 *   z[i,d] ≤ Σ_{p∈d} x[p,i],  Σ_d z[i,d] ≥ D·y[i]     at least D disciplines (z continuous in [0,1])
 *   u[i,s] ≤ Σ_{p∈s} x[p,i],  Σ_s u[i,s] ≥ 2·y[i]     career stages mixed (the same, with D = 2)
 *   2·v[g,i] ≤ Σ_{p∈g} x[p,i] ≤ M·v[g,i]             nobody alone in group g (v binary)
 *   x[p,i] ≤ Σ_{q∈g, q≠p} x[q,i]                      the same, member by member (tight in the LP)
 *   in every team, group g of n_g people:  n_g ≥ b: Σ_{p∈g} x[p,i] ≥ y[i];  n_g ≤ a: Σ_{p∈g} x[p,i] ≤ 1;
 *     otherwise c[g,i] ≤ Σ_{p∈g} x[p,i], c[g,i] ≤ y[i], Σ_i c[g,i] ≥ min(Σ_i y[i], n_g) through
 *     one binary δ[g]:  Σc ≥ Σy − b·δ,  Σc ≥ n_g·δ
 *   x[p,i] + x[q,i] ≤ y[i]                            "rather not" pairs apart, on every idea
 *   w[pq,i] ≤ x[p,i], w[pq,i] ≤ x[q,i]               wanted pairs, only on ideas both rated ≥ 1
 *   t ≤ Σ_i r[p,i]·x[p,i]                            for every person placed by the optimiser
 *
 *   maximise  w_I·Σ r[p,i]·x[p,i] + w_W·Σ requests·w[pq,i] + w_F·t
 *
 * The model grows with people × ideas (the x columns) plus named pairs × ideas; every other
 * family is per idea (or per idea and discipline, stage or group). Continuous z, u, c, w and t
 * keep the binaries to x, y, v and δ.
 *
 * The elastic version (for infeasible rules) lets every rule give at a cost of 1 per unit: the
 * team count, the size bounds and the discipline count each through one slack shared by all
 * teams (so its value is the change to the rule), the other rules per team, pair or lock. The
 * objective then only breaks ties between equally small relaxations.
 */
import {
  addRowWithSlack,
  addMilpColumn,
  addMilpRow,
  addSlackColumn,
  createMilpModel,
  tieBreakWeight,
} from '../shared/milp-model.js';
import type { MilpModel } from '../shared/milp-model.js';
import { sizeBounds } from './team-formation-data.js';
import type { FormationData, FormationGroup } from './team-formation-data.js';
import { interestOf, wantedPairCounts } from './team-score.js';
import { MAX_IDEA_INTEREST } from './team-formation.types.js';

/** Where each family of columns sits, to read a solution and to write a starting one. */
export interface FormationLayout {
  /** x[p * ideas + i]: column, or −1 when p may not join i. */
  x: Int32Array;
  y: Int32Array;
  /** Continuous coverage columns: set to 1 when the team has a member counted by `members`. */
  coverage: { column: number; i: number; members: Uint8Array | null; d?: number; s?: number }[];
  /** notIsolated binaries: 1 when the group is on the team. */
  isolation: { column: number; i: number; group: FormationGroup }[];
  /** inEveryTeam spreading: c columns and the δ binary per group. */
  spread: { group: FormationGroup; c: { column: number; i: number }[]; delta: number }[];
  wanted: { column: number; a: number; b: number; i: number }[];
  columns: number;
}

const SLACK_PENALTY = 1;

export function buildFormationModel({
  data,
  elastic,
  level = 0,
}: {
  data: FormationData;
  elastic: boolean;
  /**
   * Satisfaction level: everyone the optimiser places joins an idea they rated at least this
   * (their other ideas get no column), and the fairness term is the constant w_F · level.
   */
  level?: number;
}): { model: MilpModel; layout: FormationLayout } {
  const { rules, people, weights } = data;
  const n = people.length;
  const m = data.ideaIds.length;
  const model = createMilpModel({ sense: 'maximise' });
  model.offset = elastic ? 0 : weights.fairness * level;
  let requests = 0;
  for (const pair of data.wanted) requests += pair.requests;
  const scale = elastic
    ? tieBreakWeight({
        maxMagnitude: weights.interest * MAX_IDEA_INTEREST * n + weights.wantedPair * requests,
      })
    : 1;
  const slack = (upper = Number.POSITIVE_INFINITY) =>
    addSlackColumn({ model, penalty: SLACK_PENALTY, upper });

  // x[p,i]
  const x = new Int32Array(n * m).fill(-1);
  const ideaMembers: number[][] = data.ideaIds.map(() => []);
  for (let p = 0; p < n; p++) {
    const locked = data.lockedIdea[p];
    for (let i = 0; i < m; i++) {
      const allowed =
        elastic ||
        (locked === -1 ? data.closed[i] === 0 && interestOf(data, p, i) >= level : locked === i);
      if (!allowed) continue;
      x[p * m + i] = addMilpColumn({
        model,
        column: {
          cost: scale * weights.interest * interestOf(data, p, i),
          lower: !elastic && locked === i ? 1 : 0,
          upper: 1,
          integer: true,
        },
      });
      ideaMembers[i].push(p);
    }
  }
  const xs = (i: number, members: Uint8Array | null) => {
    const columns: number[] = [];
    for (const p of ideaMembers[i]) if (members === null || members[p]) columns.push(x[p * m + i]);
    return columns;
  };
  const ones = (length: number) => new Array<number>(length).fill(1);
  /** column ≤ Σ columns */
  const atMostSum = (label: string, column: number, columns: readonly number[]) =>
    addMilpRow({
      model,
      row: {
        label,
        lower: Number.NEGATIVE_INFINITY,
        upper: 0,
        indices: [column, ...columns],
        values: [1, ...columns.map(() => -1)],
      },
    });

  // y[i]
  const y = Int32Array.from(data.ideaIds, (_, i) =>
    addMilpColumn({
      model,
      column: { cost: 0, lower: !elastic && data.lockedOpen[i] ? 1 : 0, upper: 1, integer: true },
    }),
  );
  const allY = Array.from(y);

  for (let p = 0; p < n; p++) {
    const columns: number[] = [];
    for (let i = 0; i < m; i++) if (x[p * m + i] >= 0) columns.push(x[p * m + i]);
    addMilpRow({
      model,
      row: {
        label: `assign:${people[p].id}`,
        lower: 1,
        upper: 1,
        indices: columns,
        values: ones(columns.length),
      },
    });
  }

  addRowWithSlack({
    model,
    row: {
      label: 'teamCount',
      lower: rules.teamCount.min,
      upper: rules.teamCount.max,
      indices: allY,
      values: ones(m),
    },
    below: elastic ? slack() : undefined,
    above: elastic ? slack() : undefined,
  });

  // Team size; when elastic, two hard rows tie members to open teams and the rule gives.
  const size = sizeBounds(rules, n);
  const sizeBelow = elastic && rules.teamSize ? slack() : undefined;
  const sizeAbove = elastic && rules.teamSize ? slack() : undefined;
  for (let i = 0; i < m; i++) {
    const columns = xs(i, null);
    const label = `teamSize:${data.ideaIds[i]}`;
    if (elastic && rules.teamSize) {
      addMilpRow({
        model,
        row: {
          label: `open:${data.ideaIds[i]}:max`,
          lower: Number.NEGATIVE_INFINITY,
          upper: 0,
          indices: [...columns, y[i]],
          values: [...ones(columns.length), -Math.max(1, n)],
        },
      });
      addMilpRow({
        model,
        row: {
          label: `open:${data.ideaIds[i]}:min`,
          lower: 0,
          upper: Number.POSITIVE_INFINITY,
          indices: [...columns, y[i]],
          values: [...ones(columns.length), -1],
        },
      });
    }
    addRowWithSlack({
      model,
      row: {
        label,
        lower: 0,
        upper: Number.POSITIVE_INFINITY,
        indices: [...columns, y[i]],
        values: [...ones(columns.length), -size.min],
      },
      below: sizeBelow,
    });
    addRowWithSlack({
      model,
      row: {
        label,
        lower: Number.NEGATIVE_INFINITY,
        upper: 0,
        indices: [...columns, y[i]],
        values: [...ones(columns.length), -size.max],
      },
      above: sizeAbove,
    });
  }
  const coverage: FormationLayout['coverage'] = [];
  const coverageRows = ({
    label,
    groups,
    need,
    below,
    keyOf,
  }: {
    label: string;
    groups: { members: Uint8Array; key: { d?: number; s?: number } }[];
    need: number;
    below: (i: number) => number | undefined;
    keyOf: string;
  }) => {
    for (let i = 0; i < m; i++) {
      const covers: number[] = [];
      for (const { members, key } of groups) {
        const columns = xs(i, members);
        if (columns.length === 0) continue;
        const column = addMilpColumn({
          model,
          column: { cost: 0, lower: 0, upper: 1, integer: false },
        });
        coverage.push({ column, i, members, ...key });
        covers.push(column);
        atMostSum(`${keyOf}:${data.ideaIds[i]}`, column, columns);
      }
      addRowWithSlack({
        model,
        row: {
          label: `${label}:${data.ideaIds[i]}`,
          lower: 0,
          upper: Number.POSITIVE_INFINITY,
          indices: [...covers, y[i]],
          values: [...ones(covers.length), -need],
        },
        below: below(i),
      });
    }
  };
  const membersOf = (of: Int32Array, value: number) =>
    Uint8Array.from(of, (v) => (v === value ? 1 : 0));
  if (rules.minDisciplines > 0) {
    const shared = elastic ? slack() : undefined;
    coverageRows({
      label: 'minDisciplines',
      groups: data.disciplines.map((_, d) => ({
        members: membersOf(data.disciplineOf, d),
        key: { d },
      })),
      need: rules.minDisciplines,
      below: () => shared,
      keyOf: 'discipline',
    });
  }
  if (rules.mixedCareerStages) {
    coverageRows({
      label: 'mixedCareerStages',
      groups: data.careerStages.map((_, s) => ({
        members: membersOf(data.careerStageOf, s),
        key: { s },
      })),
      need: 2,
      below: () => (elastic ? slack(2) : undefined),
      keyOf: 'careerStage',
    });
  }

  const isolation: FormationLayout['isolation'] = [];
  for (const group of rules.notIsolated) {
    if (group.size === 0) continue;
    const most = Math.min(group.size, size.max);
    for (let i = 0; i < m; i++) {
      const columns = xs(i, group.members);
      if (columns.length === 0) continue;
      const v = addMilpColumn({ model, column: { cost: 0, lower: 0, upper: 1, integer: true } });
      isolation.push({ column: v, i, group });
      const label = `notIsolated:${group.group.category}:${group.group.value}:${data.ideaIds[i]}`;
      addRowWithSlack({
        model,
        row: {
          label,
          lower: 0,
          upper: Number.POSITIVE_INFINITY,
          indices: [...columns, v],
          values: [...ones(columns.length), -2],
        },
        below: elastic ? slack(1) : undefined,
      });
      addMilpRow({
        model,
        row: {
          label: `${label}:present`,
          lower: Number.NEGATIVE_INFINITY,
          upper: 0,
          indices: [...columns, v],
          values: [...ones(columns.length), -most],
        },
      });
      if (elastic) continue;
      // The same rule member by member: whoever of the group joins has company from it. Implied
      // by the rows above for whole numbers, but far tighter in the LP relaxation, where v may
      // sit between 1/most and 1/2 and leave someone alone.
      for (const own of columns) {
        addMilpRow({
          model,
          row: {
            label: `${label}:company`,
            lower: 0,
            upper: Number.POSITIVE_INFINITY,
            indices: columns,
            values: columns.map((column) => (column === own ? -1 : 1)),
          },
        });
      }
    }
  }

  const spread: FormationLayout['spread'] = [];
  for (const group of rules.inEveryTeam) {
    if (group.size === 0) continue;
    const label = `inEveryTeam:${group.group.category}:${group.group.value}`;
    if (group.size >= rules.teamCount.max) {
      for (let i = 0; i < m; i++) {
        const columns = xs(i, group.members);
        addRowWithSlack({
          model,
          row: {
            label: `${label}:${data.ideaIds[i]}`,
            lower: 0,
            upper: Number.POSITIVE_INFINITY,
            indices: [...columns, y[i]],
            values: [...ones(columns.length), -1],
          },
          below: elastic ? slack(1) : undefined,
        });
      }
    } else if (group.size <= rules.teamCount.min) {
      for (let i = 0; i < m; i++) {
        const columns = xs(i, group.members);
        if (columns.length < 2) continue;
        addRowWithSlack({
          model,
          row: {
            label: `${label}:${data.ideaIds[i]}`,
            lower: Number.NEGATIVE_INFINITY,
            upper: 1,
            indices: columns,
            values: ones(columns.length),
          },
          above: elastic ? slack() : undefined,
        });
      }
    } else {
      const c: { column: number; i: number }[] = [];
      for (let i = 0; i < m; i++) {
        const columns = xs(i, group.members);
        if (columns.length === 0) continue;
        const column = addMilpColumn({
          model,
          column: { cost: 0, lower: 0, upper: 1, integer: false },
        });
        c.push({ column, i });
        atMostSum(`${label}:${data.ideaIds[i]}:present`, column, columns);
        atMostSum(`${label}:${data.ideaIds[i]}:open`, column, [y[i]]);
      }
      const delta = addMilpColumn({
        model,
        column: { cost: 0, lower: 0, upper: 1, integer: true },
      });
      spread.push({ group, c, delta });
      const shortfall = elastic ? slack() : undefined;
      const cs = c.map((entry) => entry.column);
      addRowWithSlack({
        model,
        row: {
          label: `${label}:teams`,
          lower: 0,
          upper: Number.POSITIVE_INFINITY,
          indices: [...cs, ...allY, delta],
          values: [...ones(cs.length), ...allY.map(() => -1), rules.teamCount.max],
        },
        below: shortfall,
      });
      addRowWithSlack({
        model,
        row: {
          label: `${label}:people`,
          lower: 0,
          upper: Number.POSITIVE_INFINITY,
          indices: [...cs, delta],
          values: [...ones(cs.length), -group.size],
        },
        below: shortfall,
      });
    }
  }

  if (rules.separateAvoidedPairs) {
    for (const [a, b] of data.avoided) {
      const apart = elastic ? slack(1) : undefined;
      for (let i = 0; i < m; i++) {
        const xa = x[a * m + i];
        const xb = x[b * m + i];
        if (xa < 0 || xb < 0) continue;
        addRowWithSlack({
          model,
          row: {
            label: `apart:${people[a].id}:${people[b].id}:${data.ideaIds[i]}`,
            lower: Number.NEGATIVE_INFINITY,
            upper: 0,
            indices: [xa, xb, y[i]],
            values: [1, 1, -1],
          },
          above: apart,
        });
      }
    }
  }

  const wanted: FormationLayout['wanted'] = [];
  if (rules.rewardWantedPairs && weights.wantedPair > 0) {
    for (const pair of data.wanted) {
      for (let i = 0; i < m; i++) {
        const xa = x[pair.a * m + i];
        const xb = x[pair.b * m + i];
        if (xa < 0 || xb < 0 || !wantedPairCounts(data, pair.a, pair.b, i)) continue;
        const column = addMilpColumn({
          model,
          column: {
            cost: scale * weights.wantedPair * pair.requests,
            lower: 0,
            upper: 1,
            integer: false,
          },
        });
        wanted.push({ column, a: pair.a, b: pair.b, i });
        const label = `wanted:${people[pair.a].id}:${people[pair.b].id}:${data.ideaIds[i]}`;
        atMostSum(label, column, [xa]);
        atMostSum(label, column, [xb]);
      }
    }
  }

  if (elastic) {
    // Locks may give too: a locked person off their team, a newcomer on a closed one, a
    // locked idea not formed.
    for (let p = 0; p < n; p++) {
      const i = data.lockedIdea[p];
      if (i < 0) continue;
      addRowWithSlack({
        model,
        row: {
          label: `lock:${people[p].id}`,
          lower: 1,
          upper: Number.POSITIVE_INFINITY,
          indices: [x[p * m + i]],
          values: [1],
        },
        below: slack(1),
      });
    }
    for (let i = 0; i < m; i++) {
      if (data.lockedOpen[i]) {
        addRowWithSlack({
          model,
          row: {
            label: `lock:${data.ideaIds[i]}`,
            lower: 1,
            upper: Number.POSITIVE_INFINITY,
            indices: [y[i]],
            values: [1],
          },
          below: slack(1),
        });
      }
      if (data.closed[i]) {
        const newcomers = ideaMembers[i]
          .filter((p) => data.lockedIdea[p] !== i)
          .map((p) => x[p * m + i]);
        if (newcomers.length === 0) continue;
        addRowWithSlack({
          model,
          row: {
            label: `closed:${data.ideaIds[i]}`,
            lower: Number.NEGATIVE_INFINITY,
            upper: 0,
            indices: newcomers,
            values: ones(newcomers.length),
          },
          above: slack(),
        });
      }
    }
  }

  return {
    model,
    layout: {
      x,
      y,
      coverage,
      isolation,
      spread,
      wanted,
      columns: model.columns.length,
    },
  };
}

/** The idea of each person in a solution (−1 if none), reading x[p,i] > 0.5. */
export function assignmentFromSolution({
  data,
  layout,
  values,
}: {
  data: FormationData;
  layout: FormationLayout;
  values: ArrayLike<number>;
}): Int32Array {
  const n = data.people.length;
  const m = data.ideaIds.length;
  const assignment = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) {
    for (let i = 0; i < m; i++) {
      const column = layout.x[p * m + i];
      if (column >= 0 && values[column] > 0.5) {
        assignment[p] = i;
        break;
      }
    }
  }
  return assignment;
}

/**
 * A full column vector for a complete assignment that keeps every rule (e.g. the baseline's),
 * so the solver starts from it. Slack columns (elastic models only) stay 0.
 */
export function solutionFromAssignment({
  data,
  layout,
  assignment,
}: {
  data: FormationData;
  layout: FormationLayout;
  assignment: Int32Array;
}): Float64Array {
  const m = data.ideaIds.length;
  const values = new Float64Array(layout.columns);
  const members: number[][] = data.ideaIds.map(() => []);
  assignment.forEach((i, p) => {
    if (i < 0) return;
    members[i].push(p);
    const column = layout.x[p * m + i];
    if (column >= 0) values[column] = 1;
  });
  const open = members.map((team) => team.length > 0);
  layout.y.forEach((column, i) => (values[column] = open[i] ? 1 : 0));
  const present = (i: number, group: Uint8Array) => members[i].some((p) => group[p] === 1);
  for (const entry of layout.coverage) {
    if (entry.members && present(entry.i, entry.members)) values[entry.column] = 1;
  }
  for (const entry of layout.isolation) {
    if (present(entry.i, entry.group.members)) values[entry.column] = 1;
  }
  const teams = open.filter(Boolean).length;
  for (const entry of layout.spread) {
    let covered = 0;
    for (const c of entry.c) {
      if (open[c.i] && present(c.i, entry.group.members)) {
        values[c.column] = 1;
        covered++;
      }
    }
    values[entry.delta] = covered >= teams ? 0 : 1;
  }
  for (const entry of layout.wanted) {
    if (assignment[entry.a] === entry.i && assignment[entry.b] === entry.i)
      values[entry.column] = 1;
  }
  return values;
}
