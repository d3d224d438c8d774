/**
 * A baseline of the kind classroom team-formation tools use (CATME, gruepr): pick the most
 * popular ideas, place people greedily in a seeded order, then hill-climb with single moves
 * and pairwise swaps on "rules first, then the objective". It is what the integer program is
 * measured against (bench:teams) and the start the solver is handed, so the optimiser's teams
 * are never worse than it.
 *
 * Deterministic for a given seed: the work is bounded by a count of evaluated moves, not by
 * the clock.
 */
import { compareText } from '../shared/compare-text.js';
import { createSeededRandom, seededUniform } from '../shared/seeded-random.js';
import type { Seed } from '../shared/seeded-random.js';
import { prepareFormationInput, sizeBounds, teamsFromAssignment } from './team-formation-data.js';
import type { FormationData } from './team-formation-data.js';
import { findViolations } from './team-rules.js';
import { interestOf, scoreAssignment, wantedPairCounts } from './team-score.js';
import { MAX_IDEA_INTEREST } from './team-formation.types.js';
import type {
  TeamAssignment,
  TeamFormationInput,
  TeamFormationScore,
  TeamRuleViolation,
} from './team-formation.types.js';

export interface TeamFormationBaseline {
  /** Ordered by idea id, members by id. */
  teams: TeamAssignment[];
  score: TeamFormationScore;
  /** Rules its teams break (the baseline does not guarantee any). */
  violations: TeamRuleViolation[];
}

/** Default bound on evaluated moves and swaps, over every team count tried. */
const EVALUATION_BUDGET = 2_000_000;

/** The greedy-plus-local-search baseline on the same input as `formTeams`. */
export function formTeamsBaseline(input: TeamFormationInput): TeamFormationBaseline {
  const data = prepareFormationInput(input);
  const assignment = baselineAssignment({ data, seed: input.seed ?? 0 });
  return {
    teams: teamsFromAssignment({ data, assignment }),
    score: scoreAssignment({ data, assignment }),
    violations: findViolations({ data, assignment }),
  };
}

/**
 * The baseline's assignment: tries the fewest, a middle and the most teams the rules allow,
 * and keeps the one breaking the fewest rules, then with the best objective.
 */
export function baselineAssignment({
  data,
  seed,
  level = 0,
  evaluationBudget = EVALUATION_BUDGET,
}: {
  data: FormationData;
  seed: Seed;
  /** Also aim for everyone not locked on an idea they rated at least this (0 for the baseline). */
  level?: number;
  evaluationBudget?: number;
}): Int32Array {
  const n = data.people.length;
  const m = data.ideaIds.length;
  const { rules } = data;
  const size = sizeBounds(rules, n);
  let lockedTeams = 0;
  for (const open of data.lockedOpen) lockedTeams += open;
  const fewest = Math.max(
    rules.teamCount.min,
    lockedTeams,
    rules.teamSize ? Math.ceil(n / Math.max(1, size.max)) : 1,
  );
  const most = Math.min(
    rules.teamCount.max,
    m,
    rules.teamSize ? Math.floor(n / Math.max(1, size.min)) : n,
  );
  if (n === 0 || m === 0) return new Int32Array(n).fill(-1);
  const lo = Math.min(Math.max(fewest, 1), m);
  const hi = Math.min(Math.max(most, lo), m);
  const counts = [...new Set([lo, Math.round((lo + hi) / 2), hi])];

  // Ideas by popularity (Σ interest), locked ones first; near-ties broken by the seed.
  const popularity = data.ideaIds.map((ideaId, i) => {
    let sum = 0;
    for (let p = 0; p < n; p++) sum += interestOf(data, p, i);
    return { i, score: sum + 1e-3 * seededUniform({ seed, key: `idea:${ideaId}` }) };
  });
  const ranked = popularity
    .sort(
      (a, b) =>
        data.lockedOpen[b.i] - data.lockedOpen[a.i] ||
        b.score - a.score ||
        compareText(data.ideaIds[a.i], data.ideaIds[b.i]),
    )
    .map((entry) => entry.i);

  let best: { assignment: Int32Array; penalty: number; objective: number } | null = null;
  const budget = Math.floor(evaluationBudget / counts.length);
  for (const count of counts) {
    const climb = new BaselineClimb(data, ranked.slice(0, count), level);
    climb.placeGreedily(seed);
    climb.improve(seed, budget);
    const result = {
      assignment: climb.assignment,
      penalty: climb.penalty(),
      objective: climb.objective(),
    };
    if (
      best === null ||
      result.penalty < best.penalty ||
      (result.penalty === best.penalty && result.objective > best.objective + 1e-9)
    ) {
      best = result;
    }
  }
  return best!.assignment;
}

/**
 * Hill-climbs from a given assignment on its own teams (moves and swaps only), towards every
 * rule and everyone not locked on an idea they rated at least `level`, then the objective.
 * Used to polish the solver's teams and to give each satisfaction level a start.
 */
export function climbFrom({
  data,
  assignment,
  level,
  seed,
  evaluationBudget = EVALUATION_BUDGET,
}: {
  data: FormationData;
  assignment: Int32Array;
  level: number;
  seed: Seed;
  evaluationBudget?: number;
}): Int32Array {
  const chosen = data.ideaIds.map((_, i) => i).filter((i) => assignment.includes(i));
  const climb = new BaselineClimb(data, chosen, level);
  climb.placeAs(assignment);
  climb.placeGreedily(seed);
  climb.improve(seed, evaluationBudget);
  return climb.assignment;
}

/** Incremental state of one hill climb: counts per team so a move is evaluated in O(1)-ish. */
class BaselineClimb {
  readonly assignment: Int32Array;
  private readonly n: number;
  private readonly m: number;
  private readonly chosen: number[];
  private readonly isChosen: Uint8Array;
  private readonly members: number[][];
  private readonly size: Int32Array;
  private readonly disciplineCount: Int32Array;
  private readonly distinctDisciplines: Int32Array;
  private readonly stageCount: Int32Array;
  private readonly distinctStages: Int32Array;
  private readonly loneCount: Int32Array;
  private readonly everyCount: Int32Array;
  private readonly covered: Int32Array;
  private readonly avoidInside: Int32Array;
  private readonly avoidsOf: number[][];
  private readonly wantsOf: { q: number; requests: number }[][];
  private readonly satisfaction = [0, 0, 0, 0];
  private interestSum = 0;
  private honoured = 0;
  private readonly weightPenalty: number;
  private readonly sizeMin: number;
  private readonly sizeMax: number;

  private belowLevel = 0;
  /** Σ teamPenalty over the chosen teams, kept up to date by change(). */
  private teamPenaltySum = 0;
  private teamsWithMembers = 0;

  /**
   * `chosen`: the ideas that are teams (fixed during the climb). `level`: everyone not locked
   * should be on an idea they rated at least this (a rule of the climb like the others).
   */
  constructor(
    private readonly data: FormationData,
    chosen: number[],
    private readonly level = 0,
  ) {
    const n = data.people.length;
    const m = data.ideaIds.length;
    this.n = n;
    this.m = m;
    this.chosen = [...chosen].sort((a, b) => a - b);
    this.isChosen = new Uint8Array(m);
    for (const i of chosen) this.isChosen[i] = 1;
    this.assignment = new Int32Array(n).fill(-1);
    this.members = data.ideaIds.map(() => []);
    this.size = new Int32Array(m);
    this.disciplineCount = new Int32Array(m * data.disciplines.length);
    this.distinctDisciplines = new Int32Array(m);
    this.stageCount = new Int32Array(m * data.careerStages.length);
    this.distinctStages = new Int32Array(m);
    this.loneCount = new Int32Array(m * data.rules.notIsolated.length);
    this.everyCount = new Int32Array(m * data.rules.inEveryTeam.length);
    this.covered = new Int32Array(data.rules.inEveryTeam.length);
    this.avoidInside = new Int32Array(m);
    this.avoidsOf = data.people.map(() => []);
    if (data.rules.separateAvoidedPairs) {
      for (const [a, b] of data.avoided) {
        this.avoidsOf[a].push(b);
        this.avoidsOf[b].push(a);
      }
    }
    this.wantsOf = data.people.map(() => []);
    if (data.rules.rewardWantedPairs) {
      for (const pair of data.wanted) {
        this.wantsOf[pair.a].push({ q: pair.b, requests: pair.requests });
        this.wantsOf[pair.b].push({ q: pair.a, requests: pair.requests });
      }
    }
    const { weights } = data;
    let requests = 0;
    for (const pair of data.wanted) requests += pair.requests;
    // Any rule mended outweighs the whole objective: rules first, then the objective.
    this.weightPenalty =
      1 +
      weights.interest * MAX_IDEA_INTEREST * n +
      weights.wantedPair * requests +
      weights.fairness * MAX_IDEA_INTEREST;
    const size = sizeBounds(data.rules, n);
    this.sizeMin = data.rules.teamSize ? size.min : 1;
    this.sizeMax = data.rules.teamSize ? size.max : Number.POSITIVE_INFINITY;
    for (const i of this.chosen) this.teamPenaltySum += this.teamPenalty(i);
  }

  placeGreedily(seed: Seed): void {
    const { data, n } = this;
    for (let p = 0; p < n; p++) {
      const locked = data.lockedIdea[p];
      if (locked >= 0 && this.isChosen[locked] && this.assignment[p] === -1) this.add(p, locked);
    }
    const order = this.seededOrder(seed, 'greedy');
    for (const p of order) {
      if (this.assignment[p] !== -1) continue;
      let bestTeam = -1;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (const j of this.chosen) {
        if (data.closed[j] || this.size[j] >= this.sizeMax) continue;
        const value = this.evaluateMove(p, j) - 1e-6 * this.size[j];
        if (value > bestValue) {
          bestValue = value;
          bestTeam = j;
        }
      }
      if (bestTeam === -1) {
        // Every team is full: the least full open one takes them (a size rule will be broken).
        for (const j of this.chosen) {
          if (data.closed[j]) continue;
          if (bestTeam === -1 || this.size[j] < this.size[bestTeam]) bestTeam = j;
        }
      }
      if (bestTeam !== -1) this.add(p, bestTeam);
    }
  }

  improve(seed: Seed, budget: number): void {
    const { data } = this;
    const order = this.seededOrder(seed, 'climb').filter(
      (p) => data.lockedIdea[p] === -1 && this.assignment[p] >= 0,
    );
    let evaluations = 0;
    let improved = true;
    while (improved && evaluations < budget) {
      improved = false;
      for (const p of order) {
        if (evaluations >= budget) break;
        const from = this.assignment[p];
        const fromTroubled = this.teamPenalty(from) > 0 || interestOf(data, p, from) < this.level;
        for (const j of this.chosen) {
          if (j === from || data.closed[j]) continue;
          if (
            !fromTroubled &&
            this.teamPenalty(j) === 0 &&
            interestOf(data, p, j) <= interestOf(data, p, from) &&
            !this.wantsOf[p].some((entry) => this.assignment[entry.q] === j)
          ) {
            continue;
          }
          evaluations++;
          if (this.evaluateMove(p, j) > 1e-9) {
            this.move(p, j);
            improved = true;
            break;
          }
          let swapped = false;
          for (const q of [...this.members[j]]) {
            if (data.lockedIdea[q] !== -1) continue;
            evaluations++;
            if (this.evaluateSwap(p, q) > 1e-9) {
              this.move(p, j);
              this.move(q, from);
              swapped = true;
              break;
            }
          }
          if (swapped) {
            improved = true;
            break;
          }
        }
      }
    }
  }

  /** Penalised value: rules broken (heavily weighted) against the objective. */
  private value(): number {
    return this.objective() - this.weightPenalty * this.penalty();
  }

  objective(): number {
    const { weights, rules } = this.data;
    let least = 0;
    for (let v = 0; v <= MAX_IDEA_INTEREST; v++) {
      if (this.satisfaction[v] > 0) {
        least = v;
        break;
      }
    }
    return (
      weights.interest * this.interestSum +
      (rules.rewardWantedPairs ? weights.wantedPair * this.honoured : 0) +
      weights.fairness * least
    );
  }

  penalty(): number {
    return this.belowLevel + this.teamPenaltySum + this.coveragePenalty();
  }

  /** Places everyone as in `assignment` (on chosen teams only). */
  placeAs(assignment: Int32Array): void {
    assignment.forEach((i, p) => {
      if (i >= 0 && this.isChosen[i]) this.add(p, i);
    });
  }

  private teamPenalty(i: number): number {
    const { rules } = this.data;
    const size = this.size[i];
    let penalty = Math.max(0, this.sizeMin - size) + Math.max(0, size - this.sizeMax);
    if (size === 0) return penalty;
    if (rules.minDisciplines > 0) {
      penalty += Math.max(0, rules.minDisciplines - this.distinctDisciplines[i]);
    }
    if (rules.mixedCareerStages && this.distinctStages[i] < 2) penalty++;
    const groups = rules.notIsolated.length;
    for (let g = 0; g < groups; g++) if (this.loneCount[g * this.m + i] === 1) penalty++;
    return penalty + this.avoidInside[i];
  }

  private coveragePenalty(): number {
    const { inEveryTeam } = this.data.rules;
    if (inEveryTeam.length === 0) return 0;
    const teams = this.teamsWithMembers;
    let penalty = 0;
    inEveryTeam.forEach((group, g) => {
      penalty += Math.max(0, Math.min(teams, group.size) - this.covered[g]);
    });
    return penalty;
  }

  private evaluateMove(p: number, j: number): number {
    const from = this.assignment[p];
    const before = this.value();
    this.move(p, j);
    const after = this.value();
    if (from >= 0) this.move(p, from);
    else this.remove(p);
    return after - before;
  }

  private evaluateSwap(p: number, q: number): number {
    const i = this.assignment[p];
    const j = this.assignment[q];
    const before = this.value();
    this.move(p, j);
    this.move(q, i);
    const after = this.value();
    this.move(q, j);
    this.move(p, i);
    return after - before;
  }

  private move(p: number, j: number): void {
    if (this.assignment[p] >= 0) this.remove(p);
    this.add(p, j);
  }

  private add(p: number, i: number): void {
    this.change(p, i, 1);
    this.assignment[p] = i;
    this.members[i].push(p);
  }

  private remove(p: number): void {
    const i = this.assignment[p];
    const list = this.members[i];
    list.splice(list.indexOf(p), 1);
    this.assignment[p] = -1;
    this.change(p, i, -1);
  }

  /** Updates every count for p joining (+1) or leaving (−1) team i (p not listed on i). */
  private change(p: number, i: number, sign: 1 | -1): void {
    const { data, m } = this;
    const { rules } = data;
    const chosen = this.isChosen[i] === 1;
    if (chosen) this.teamPenaltySum -= this.teamPenalty(i);
    if (this.size[i] === 0) this.teamsWithMembers++;
    this.size[i] += sign;
    if (this.size[i] === 0) this.teamsWithMembers--;
    const disciplines = data.disciplines.length;
    const d = i * disciplines + data.disciplineOf[p];
    if (sign === 1 && this.disciplineCount[d]++ === 0) this.distinctDisciplines[i]++;
    if (sign === -1 && --this.disciplineCount[d] === 0) this.distinctDisciplines[i]--;
    const stages = data.careerStages.length;
    const s = i * stages + data.careerStageOf[p];
    if (sign === 1 && this.stageCount[s]++ === 0) this.distinctStages[i]++;
    if (sign === -1 && --this.stageCount[s] === 0) this.distinctStages[i]--;
    rules.notIsolated.forEach((group, g) => {
      if (group.members[p]) this.loneCount[g * m + i] += sign;
    });
    rules.inEveryTeam.forEach((group, g) => {
      if (!group.members[p]) return;
      const k = g * m + i;
      if (sign === 1 && this.everyCount[k]++ === 0) this.covered[g]++;
      if (sign === -1 && --this.everyCount[k] === 0) this.covered[g]--;
    });
    for (const q of this.avoidsOf[p])
      if (this.assignment[q] === i && q !== p) this.avoidInside[i] += sign;
    for (const { q, requests } of this.wantsOf[p]) {
      if (this.assignment[q] === i && q !== p && wantedPairCounts(data, p, q, i)) {
        this.honoured += sign * requests;
      }
    }
    if (chosen) this.teamPenaltySum += this.teamPenalty(i);
    const interest = interestOf(data, p, i);
    this.interestSum += sign * interest;
    if (data.lockedIdea[p] === -1) {
      this.satisfaction[interest] += sign;
      if (interest < this.level) this.belowLevel += sign;
    }
  }

  private seededOrder(seed: Seed, purpose: string): number[] {
    const random = createSeededRandom({ seed: `${String(seed)}:${purpose}` });
    const order = Array.from({ length: this.n }, (_, p) => p);
    for (let k = order.length - 1; k > 0; k--) {
      const r = Math.floor(random() * (k + 1));
      [order[k], order[r]] = [order[r], order[k]];
    }
    return order;
  }
}
