/**
 * How formTeams searches: by satisfaction levels, each solved with HiGHS, its incumbent improved
 * by solving neighbourhoods exactly.
 *
 * Levels. The least satisfaction is a whole number 0–3, so the optimum is the best over levels k
 * of  w_F·k + (the best interest and wanted pairs with everyone the optimiser places on an idea
 * they rated ≥ k). Each level is its own model, much smaller than the one before (columns only
 * for ideas rated ≥ k) and without a max–min row, whose LP bound is weak. Levels are tried from
 * the highest any placement allows down to 0; a level whose bound cannot beat the best teams so
 * far (by more than the gap asked for) is closed, and the best teams so far are the next level's
 * start (or its cutoff, when they do not reach the level).
 *
 * Relaxation first. Each level starts from its linear relaxation, which gives the level's bound;
 * with "nobody alone in their group" written member by member (see the model) it is nearly whole
 * (within 0.02 % of the optimum on the 1000-person bench). Everyone it places wholly on a team it
 * opens wholly is fixed there and HiGHS solves the rest, which yields teams close to the bound far
 * sooner than the whole model does.
 *
 * Neighbourhoods. When that leaves a gap, a short solve of the whole level follows, then the
 * incumbent is improved by large-neighbourhood search: a handful of ideas around one team are
 * freed (their members may move among them, closed ones may open), everything else is fixed
 * through column bounds of the same model, and HiGHS solves that small problem exactly. Every
 * rule, including the formation-wide ones, stays in the model, so every neighbour is valid.
 *
 * Time. The limit is shared: a level may spend until a quarter of what is left remains while
 * other levels are open (lower levels lose a whole point of fairness, so they rarely need it),
 * all of it otherwise; inside a level, the relaxation and its rounding, a short solve, then the
 * neighbourhoods, then the rest. Solver seconds are the solver's own clock. The neighbourhoods
 * are drawn from the seed, and each is small enough to finish well inside its own limit, so runs
 * repeat unless a limit cuts a solve.
 */
import { compareText } from '../shared/compare-text.js';
import { solveMilp } from '../shared/highs-solver.js';
import type { MilpModel } from '../shared/milp-model.js';
import { createSeededRandom } from '../shared/seeded-random.js';
import { baselineAssignment, climbFrom } from './team-formation-baseline.js';
import type { FormationData } from './team-formation-data.js';
import {
  assignmentFromSolution,
  buildFormationModel,
  solutionFromAssignment,
} from './team-formation-model.js';
import type { FormationLayout } from './team-formation-model.js';
import { findViolations, membersByIdea } from './team-rules.js';
import { interestOf, scoreAssignment } from './team-score.js';
import { MAX_IDEA_INTEREST } from './team-formation.types.js';
import type { TeamFormationScore, TeamFormationSolve } from './team-formation.types.js';

/**
 * What is left of the time limit. With a clock, everything counts (models, climbs, solves);
 * without, the solvers' own seconds do.
 */
export interface SearchBudget {
  /** Seconds left (≤ 0 when spent). */
  remaining: () => number;
  /** Records solver seconds (ignored when a clock measures everything). */
  spend: (seconds: number) => void;
}

export function searchBudget({
  seconds,
  clock,
}: {
  seconds: number;
  clock?: () => number;
}): SearchBudget {
  if (clock) {
    const startedAt = clock();
    return { remaining: () => seconds - (clock() - startedAt) / 1000, spend: () => undefined };
  }
  let spent = 0;
  return { remaining: () => seconds - spent, spend: (used) => void (spent += used) };
}

export interface LevelSearch {
  /** The best teams found by the search, better than the start; null if none. */
  assignment: Int32Array | null;
  /** Upper bound on the objective over every level; null when no level has teams. */
  bound: number | null;
  /** Every level solved, proved infeasible or closed by its bound (within the gap asked for). */
  proved: boolean;
  /** No level admits teams. */
  infeasible: boolean;
  timedOut: boolean;
  solverStatus: string;
  solves: TeamFormationSolve[];
}

interface Incumbent {
  assignment: Int32Array;
  score: TeamFormationScore;
}

/** Ideas freed around one team in a neighbourhood. */
const NEIGHBOURHOOD_IDEAS = 8;
/** A neighbourhood's own solve stops here (it normally finishes far sooner). */
const NEIGHBOURHOOD_SECONDS = 2;
/** Share of a level's time for its first, short solve, and for the neighbourhoods. */
const FIRST_SOLVE_SHARE = 0.25;
const NEIGHBOURHOOD_SHARE = 0.5;
/** Share of a level's time for its relaxation and the teams rounded from it. */
const RELAXATION_SHARE = 0.8;

export async function searchLevels({
  data,
  start,
  budget,
  mipRelGap,
  randomSeed,
}: {
  data: FormationData;
  start: Int32Array | null;
  budget: SearchBudget;
  mipRelGap: number;
  randomSeed: number;
}): Promise<LevelSearch> {
  const { people, weights, rules } = data;
  const n = people.length;
  const m = data.ideaIds.length;
  const unlocked = people.map((_, p) => p).filter((p) => data.lockedIdea[p] === -1);
  const favourite = (p: number, level: number) => {
    let best = -1;
    for (let i = 0; i < m; i++) {
      const value = interestOf(data, p, i);
      if (!data.closed[i] && value >= level) best = Math.max(best, value);
    }
    return best;
  };
  let top = 0;
  if (weights.fairness > 0 && unlocked.length > 0) {
    top = Math.max(0, Math.min(...unlocked.map((p) => favourite(p, 0))));
  }
  let fixed = 0;
  for (let p = 0; p < n; p++) {
    const i = data.lockedIdea[p];
    if (i !== -1) fixed += weights.interest * interestOf(data, p, i);
  }
  let requests = 0;
  if (rules.rewardWantedPairs) for (const pair of data.wanted) requests += pair.requests;
  // Everyone on their favourite idea of the level, every wanted pair honoured.
  const simpleBound = (level: number) => {
    let sum = fixed + weights.wantedPair * requests + weights.fairness * level;
    for (const p of unlocked) sum += weights.interest * Math.max(0, favourite(p, level));
    return sum;
  };

  let best: Incumbent | null =
    start === null
      ? null
      : { assignment: start, score: scoreAssignment({ data, assignment: start }) };
  let found: Int32Array | null = null;
  const offer = (assignment: Int32Array): boolean => {
    if (findViolations({ data, assignment }).length > 0) return false;
    const score = scoreAssignment({ data, assignment });
    if (best !== null && score.objective <= best.score.objective + 1e-9) return false;
    best = { assignment, score };
    found = assignment;
    return true;
  };
  const beats = (bound: number) =>
    best === null ||
    bound > best.score.objective + Math.max(1e-9, mipRelGap * Math.abs(best.score.objective));

  let timedOut = false;
  let solverStatus = 'Not solved';
  const solves: TeamFormationSolve[] = [];
  const levels: { level: number; bound: number; open: boolean; tries: number }[] = [];
  for (let level = top; level >= 0; level--) {
    levels.push({ level, bound: simpleBound(level), open: true, tries: 0 });
  }
  for (;;) {
    for (const entry of levels) {
      if (!entry.open || beats(entry.bound)) continue;
      entry.open = false;
      if (entry.tries === 0) {
        solves.push({
          level: entry.level,
          solverStatus: 'Skipped: cannot beat the teams found',
          objective: null,
          bound: entry.bound,
          seconds: 0,
        });
      }
    }
    const open = levels.filter((entry) => entry.open);
    if (open.length === 0 || budget.remaining() <= 0.01) break;
    // Untried levels first, from the highest (smallest models); then the loosest bound again.
    const entry =
      open.find((candidate) => candidate.tries === 0) ??
      open.reduce((x, y) => (y.bound > x.bound ? y : x));
    // This level may spend until only `keep` seconds are left.
    const keep = open.length > 1 ? budget.remaining() / 4 : 0;
    const levelLeft = () => budget.remaining() - keep;
    const { level } = entry;
    entry.tries++;

    const reaches = (incumbent: Incumbent | null) =>
      incumbent !== null && (incumbent.score.minSatisfaction ?? MAX_IDEA_INTEREST) >= level;
    const { model, layout } = buildFormationModel({ data, elastic: false, level });

    if (entry.tries === 1) {
      const rounded = await solveAroundRelaxation({
        data,
        model,
        layout,
        budget,
        seconds: levelLeft() * RELAXATION_SHARE,
        mipRelGap,
        randomSeed,
      });
      if (rounded.solverStatus.endsWith('Time limit reached')) timedOut = true;
      if (rounded.infeasible) {
        entry.bound = Number.NEGATIVE_INFINITY;
        entry.open = false;
      } else if (rounded.bound !== null) {
        entry.bound = Math.min(entry.bound, rounded.bound);
      }
      if (rounded.assignment !== null) {
        offer(rounded.assignment);
        offer(climbFrom({ data, assignment: rounded.assignment, level, seed: randomSeed }));
      }
      solves.push({
        level,
        solverStatus: rounded.solverStatus,
        objective: rounded.objective,
        bound: Number.isFinite(entry.bound) ? entry.bound : null,
        seconds: rounded.seconds,
      });
      if (!entry.open || !beats(entry.bound)) continue;
    }

    // A start for this level: the best teams so far, climbed until everyone placed by the
    // optimiser is on an idea they rated at least `level` (when the climb gets there).
    let levelStart: Incumbent | null = null;
    if (entry.tries === 1) {
      const candidates = [baselineAssignment({ data, seed: randomSeed, level })];
      if (best !== null) {
        candidates.push(climbFrom({ data, assignment: best.assignment, level, seed: randomSeed }));
      }
      for (const candidate of candidates) {
        offer(candidate);
        const score = scoreAssignment({ data, assignment: candidate });
        if (
          (score.minSatisfaction ?? MAX_IDEA_INTEREST) >= level &&
          findViolations({ data, assignment: candidate }).length === 0 &&
          (levelStart === null || score.objective > levelStart.score.objective)
        ) {
          levelStart = { assignment: candidate, score };
        }
      }
    }

    const solveLevel = async (seconds: number) => {
      const current = reaches(best) ? best : levelStart;
      const useStart = current !== null && current.score.objective >= best!.score.objective - 1e-9;
      const cutoff = best !== null && !useStart ? best.score.objective : undefined;
      const solution = await solveMilp({
        model,
        options: { timeLimitSeconds: Math.max(0.01, seconds), mipRelGap },
        start: useStart
          ? solutionFromAssignment({ data, layout, assignment: current.assignment })
          : undefined,
        cutoff,
        randomSeed,
      });
      budget.spend(solution.seconds);
      solverStatus = solution.solverStatus;
      if (solution.solverStatus === 'Time limit reached') timedOut = true;
      if (solution.status === 'infeasible') {
        entry.bound = cutoff ?? Number.NEGATIVE_INFINITY;
        entry.open = false;
      } else if (solution.optimal) {
        entry.bound = Math.min(entry.bound, solution.objective ?? entry.bound);
        entry.open = false;
      } else if (solution.bound !== null) {
        entry.bound = Math.min(entry.bound, solution.bound);
      }
      solves.push({
        level,
        solverStatus: solution.solverStatus,
        objective: solution.objective,
        bound: Number.isFinite(entry.bound) ? entry.bound : null,
        seconds: solution.seconds,
      });
      if (solution.values !== null) {
        const solved = assignmentFromSolution({ data, layout, values: solution.values });
        offer(solved);
        // A few moves and swaps often take the solver's teams a little further.
        offer(climbFrom({ data, assignment: solved, level, seed: randomSeed }));
      }
    };

    await solveLevel(entry.tries === 1 ? levelLeft() * FIRST_SOLVE_SHARE : levelLeft());
    if (entry.open && entry.tries === 1 && reaches(best) && beats(entry.bound)) {
      const { spent, solved, improved } = await improveByNeighbourhoods({
        data,
        model,
        layout,
        incumbent: () => best!,
        offer,
        stop: () => !beats(entry.bound),
        budget,
        stopAt: keep + levelLeft() * (1 - NEIGHBOURHOOD_SHARE / (1 - FIRST_SOLVE_SHARE)),
        randomSeed,
      });
      solves.push({
        level,
        solverStatus: `Neighbourhoods: ${improved} of ${solved} improved the teams`,
        objective: best!.score.objective,
        bound: Number.isFinite(entry.bound) ? entry.bound : null,
        seconds: spent,
      });
      if (beats(entry.bound) && levelLeft() > 0.01) await solveLevel(levelLeft());
    }
  }
  const proved = levels.every((entry) => !entry.open);
  const bounds = levels.map((entry) => entry.bound).filter(Number.isFinite);
  const bound = bounds.length === 0 ? null : Math.max(...bounds);
  const incumbent = best as Incumbent | null;
  return {
    assignment: found,
    bound:
      incumbent === null || bound === null ? bound : Math.max(bound, incumbent.score.objective),
    proved: proved && incumbent !== null,
    infeasible: proved && incumbent === null,
    timedOut,
    solverStatus: proved && incumbent !== null ? 'Optimal' : solverStatus,
    solves,
  };
}

/**
 * The level's linear relaxation, then its teams rounded by the solver. The relaxation gives the
 * level's bound (these models' relaxations are nearly whole: on the 1000-person bench the bound
 * is within 0.02 % of the optimum). Everyone whom it places wholly on a team it opens wholly is
 * then fixed there, and HiGHS solves the rest: a far smaller problem whose teams are close to
 * the bound. When the fixing leaves no teams (it can, since fractions elsewhere may have been
 * what made room), only the bound is kept.
 */
async function solveAroundRelaxation({
  data,
  model,
  layout,
  budget,
  seconds,
  mipRelGap,
  randomSeed,
}: {
  data: FormationData;
  model: MilpModel;
  layout: FormationLayout;
  budget: SearchBudget;
  seconds: number;
  mipRelGap: number;
  randomSeed: number;
}): Promise<{
  bound: number | null;
  infeasible: boolean;
  assignment: Int32Array | null;
  objective: number | null;
  solverStatus: string;
  seconds: number;
}> {
  const relaxation = await solveMilp({
    model: { ...model, columns: model.columns.map((column) => ({ ...column, integer: false })) },
    options: { timeLimitSeconds: Math.max(0.01, seconds), mipRelGap },
    randomSeed,
  });
  budget.spend(relaxation.seconds);
  const none = { assignment: null, objective: null };
  if (relaxation.status === 'infeasible') {
    return {
      ...none,
      bound: null,
      infeasible: true,
      solverStatus: 'Relaxation infeasible',
      seconds: relaxation.seconds,
    };
  }
  if (!relaxation.optimal || relaxation.values === null || relaxation.objective === null) {
    return {
      ...none,
      bound: null,
      infeasible: false,
      solverStatus: `Relaxation: ${relaxation.solverStatus}`,
      seconds: relaxation.seconds,
    };
  }
  const values = relaxation.values;
  const whole = (column: number) => column >= 0 && values[column] > 1 - WHOLE_TOLERANCE;
  const columns = model.columns.slice();
  const m = data.ideaIds.length;
  data.people.forEach((_, p) => {
    for (let i = 0; i < m; i++) {
      const column = layout.x[p * m + i];
      if (whole(column) && whole(layout.y[i])) columns[column] = { ...columns[column], lower: 1 };
    }
  });
  const left = seconds - relaxation.seconds;
  const rounded =
    left > 0.01
      ? await solveMilp({
          model: { ...model, columns },
          options: { timeLimitSeconds: left, mipRelGap },
          randomSeed,
        })
      : null;
  if (rounded) budget.spend(rounded.seconds);
  return {
    bound: relaxation.objective,
    infeasible: false,
    assignment:
      rounded?.values != null
        ? assignmentFromSolution({ data, layout, values: rounded.values })
        : null,
    objective: rounded?.objective ?? null,
    solverStatus: `Relaxation optimal; rounded: ${rounded?.solverStatus ?? 'no time left'}`,
    seconds: relaxation.seconds + (rounded?.seconds ?? 0),
  };
}

/** An LP value this close to 1 counts as whole. */
const WHOLE_TOLERANCE = 1e-3;

/**
 * Large-neighbourhood search on one level's model: visits the teams in a seeded order; around
 * each, frees it and the ideas its members (and the people they want to work with) like best,
 * fixes everyone and everything else, and solves that exactly from the incumbent. Returns the
 * solver seconds spent. Stops at the time given, when `stop()` says the gap is closed, or after
 * a full round of teams without improvement. Returns the solver seconds spent, the
 * neighbourhoods solved and how many improved the teams.
 */
async function improveByNeighbourhoods({
  data,
  model,
  layout,
  incumbent,
  offer,
  stop,
  budget,
  stopAt,
  randomSeed,
}: {
  data: FormationData;
  model: MilpModel;
  layout: FormationLayout;
  incumbent: () => Incumbent;
  offer: (assignment: Int32Array) => boolean;
  stop: () => boolean;
  budget: SearchBudget;
  /** Stop when the budget has this many seconds left. */
  stopAt: number;
  randomSeed: number;
}): Promise<{ spent: number; solved: number; improved: number }> {
  const m = data.ideaIds.length;
  const random = createSeededRandom({ seed: `${randomSeed}:neighbourhoods` });
  const wantsOf = data.people.map(() => [] as number[]);
  for (const pair of data.wanted) {
    wantsOf[pair.a].push(pair.b);
    wantsOf[pair.b].push(pair.a);
  }
  let spent = 0;
  let solved = 0;
  let improvements = 0;
  let sinceImprovement = 0;
  let order: number[] = [];
  while (budget.remaining() - stopAt > 0.01 && !stop()) {
    const { assignment } = incumbent();
    const members = membersByIdea(data, assignment);
    const openTeams = data.ideaIds.map((_, i) => i).filter((i) => members[i].length > 0);
    if (sinceImprovement >= openTeams.length) break;
    if (order.length === 0) {
      order = [...openTeams];
      for (let k = order.length - 1; k > 0; k--) {
        const r = Math.floor(random() * (k + 1));
        [order[k], order[r]] = [order[r], order[k]];
      }
    }
    const pivot = order.pop()!;
    if (members[pivot].length === 0) continue;
    // Ideas the pivot's members like, and where the people they want to work with are.
    const pull = new Float64Array(m);
    for (const p of members[pivot]) {
      for (let i = 0; i < m; i++) pull[i] += interestOf(data, p, i);
      for (const q of wantsOf[p]) if (assignment[q] >= 0) pull[assignment[q]] += 2;
    }
    const freed = data.ideaIds
      .map((ideaId, i) => ({ i, ideaId, score: pull[i] + random() * 0.5 }))
      .filter((entry) => entry.i !== pivot && !data.closed[entry.i])
      .sort((a, b) => b.score - a.score || compareText(a.ideaId, b.ideaId))
      .slice(0, NEIGHBOURHOOD_IDEAS - 1)
      .map((entry) => entry.i);
    freed.push(pivot);
    const inside = new Uint8Array(m);
    for (const i of freed) inside[i] = 1;

    const columns = model.columns.slice();
    const restrict = (column: number, lower: number, upper: number) => {
      if (column >= 0) columns[column] = { ...columns[column], lower, upper };
    };
    assignment.forEach((i, p) => {
      const free = i >= 0 && inside[i] === 1 && data.lockedIdea[p] === -1;
      for (let j = 0; j < m; j++) {
        const column = layout.x[p * m + j];
        if (column < 0) continue;
        if (free) {
          if (!inside[j]) restrict(column, 0, 0);
        } else if (j === i) restrict(column, 1, 1);
        else restrict(column, 0, 0);
      }
    });
    data.ideaIds.forEach((_, i) => {
      if (!inside[i]) {
        const open = members[i].length > 0 ? 1 : 0;
        restrict(layout.y[i], open, open);
      }
    });
    const solution = await solveMilp({
      model: { ...model, columns },
      options: {
        timeLimitSeconds: Math.min(NEIGHBOURHOOD_SECONDS, budget.remaining() - stopAt),
        mipRelGap: 1e-6,
      },
      start: solutionFromAssignment({ data, layout, assignment }),
      randomSeed,
    });
    spent += solution.seconds;
    budget.spend(solution.seconds);
    solved++;
    const improved =
      solution.values !== null &&
      offer(assignmentFromSolution({ data, layout, values: solution.values }));
    if (improved) improvements++;
    sinceImprovement = improved ? 0 : sinceImprovement + 1;
  }
  return { spent, solved, improved: improvements };
}
