/**
 * Team formation (issue 10): which shortlisted ideas become teams and who joins which, as an
 * integer program solved with HiGHS (the model: team-formation-model.ts).
 *
 * The greedy-plus-local-search baseline runs first on the same data; when its teams keep every
 * rule they are handed to the solver as its start, and if the solver (stopped by its time limit)
 * still does worse, the baseline's teams are returned: the optimiser is never worse than it.
 *
 * When the rules cannot all hold, nothing is thrown: the result lists the conflicts visible up
 * front and the smallest change to the rules found by an elastic version of the model, rule by
 * rule, as selection does for quotas.
 *
 * People and ideas are processed in id order and the solver is seeded, so the same input and
 * seed give the same teams, unless a time limit cuts a solve short (then the result depends on
 * how far the solver got, as with any time-limited solve).
 */
import { compareText } from '../shared/compare-text.js';
import { solveMilp } from '../shared/highs-solver.js';
import { hashSeed } from '../shared/seeded-random.js';
import { explainAssignment } from './placement-explanations.js';
import { baselineAssignment } from './team-formation-baseline.js';
import { searchBudget, searchLevels } from './team-formation-search.js';
import { assignmentFromSolution, buildFormationModel } from './team-formation-model.js';
import { groupLabel, prepareFormationInput } from './team-formation-data.js';
import type { FormationData } from './team-formation-data.js';
import { RULE_LABELS, findConflicts, findViolations, membersByIdea } from './team-rules.js';
import { interestOf, scoreAssignment } from './team-score.js';
import type {
  FormedTeam,
  TeamComposition,
  TeamFormationInfeasibility,
  TeamFormationInput,
  TeamFormationResult,
  TeamFormationWarning,
  TeamRuleConflict,
  TeamRuleRelaxation,
  TeamRuleViolation,
} from './team-formation.types.js';

export async function formTeams(input: TeamFormationInput): Promise<TeamFormationResult> {
  const seed = input.seed ?? 0;
  const data = prepareFormationInput(input);
  const warnings: TeamFormationWarning[] = [...data.warnings];
  const randomSeed = hashSeed({ seed });
  const everyone = data.people.map((person) => person.id);
  const empty = {
    optimal: false,
    gap: null,
    objective: null,
    score: null,
    teams: [],
    explanations: [],
    unassignedIds: everyone,
    excludedMentorIds: data.excludedMentorIds,
    weights: data.weights,
    seed,
  };

  const conflicts = findConflicts({ data });
  if (conflicts.length > 0) {
    return {
      ...empty,
      status: 'infeasible',
      solverStatus: 'Not solved: the rules conflict',
      infeasibility: await explainInfeasibility({ data, conflicts, input, randomSeed }),
      baseline: null,
      source: null,
      solves: [],
      warnings,
    };
  }

  const budget = searchBudget({
    seconds: Math.min(
      input.solver?.timeLimitSeconds ?? Number.POSITIVE_INFINITY,
      input.timeLimit ? input.timeLimit.ms / 1000 : Number.POSITIVE_INFINITY,
      input.solver?.timeLimitSeconds === undefined && input.timeLimit === undefined
        ? DEFAULT_TIME_LIMIT_SECONDS
        : Number.POSITIVE_INFINITY,
    ),
    clock: input.timeLimit?.clock,
  });
  const fallback = baselineAssignment({ data, seed });
  const fallbackValid = findViolations({ data, assignment: fallback }).length === 0;
  const fallbackScore = scoreAssignment({ data, assignment: fallback });
  const baseline = fallbackValid ? { objective: fallbackScore.objective, violations: 0 } : null;

  const search = await searchLevels({
    data,
    start: fallbackValid ? fallback : null,
    budget,
    mipRelGap: input.solver?.mipRelGap ?? DEFAULT_MIP_REL_GAP,
    randomSeed,
  });
  if (search.infeasible) {
    return {
      ...empty,
      status: 'infeasible',
      solverStatus: search.solverStatus,
      infeasibility: await explainInfeasibility({ data, conflicts, input, randomSeed }),
      baseline,
      source: null,
      solves: search.solves,
      warnings,
    };
  }
  if (search.timedOut) {
    warnings.push({
      code: 'TIME_LIMIT',
      participantIds: [],
      message:
        'the solver stopped at its time limit: the teams keep every rule but may not be the best possible',
    });
  }
  let assignment = search.assignment;
  let source: 'solver' | 'baseline' = 'solver';
  if (assignment === null && fallbackValid) {
    assignment = fallback;
    source = 'baseline';
    if (!search.proved) {
      warnings.push({
        code: 'BASELINE_KEPT',
        participantIds: [],
        message:
          'the solver found nothing better than the greedy baseline in its time limit; the baseline teams are kept',
      });
    }
  }
  if (assignment === null) {
    return {
      ...empty,
      status: 'no-solution',
      solverStatus: search.solverStatus,
      infeasibility: null,
      baseline,
      source: null,
      solves: search.solves,
      warnings,
    };
  }

  const score = scoreAssignment({ data, assignment });
  const gap = gapTo(score.objective, search.bound);
  const proved =
    search.proved || (gap !== null && gap <= (input.solver?.mipRelGap ?? DEFAULT_MIP_REL_GAP));
  return {
    status: proved ? 'optimal' : 'feasible',
    solverStatus: search.solverStatus,
    optimal: proved,
    gap,
    objective: score.objective,
    score,
    teams: formedTeams({ data, assignment }),
    explanations: explainAssignment({ data, assignment }),
    unassignedIds: data.people.filter((_, p) => assignment[p] < 0).map((person) => person.id),
    excludedMentorIds: data.excludedMentorIds,
    infeasibility: null,
    baseline,
    source,
    solves: search.solves,
    warnings,
    weights: data.weights,
    seed,
  };
}

const DEFAULT_TIME_LIMIT_SECONDS = 30;
const DEFAULT_MIP_REL_GAP = 1e-6;

function gapTo(objective: number, bound: number | null): number | null {
  if (bound === null) return null;
  return Math.max(0, bound - objective) / Math.max(1e-9, Math.abs(objective));
}

function formedTeams({
  data,
  assignment,
}: {
  data: FormationData;
  assignment: Int32Array;
}): FormedTeam[] {
  const members = membersByIdea(data, assignment);
  const teams: FormedTeam[] = [];
  members.forEach((team, i) => {
    if (team.length === 0) return;
    const ids = team.map((p) => data.people[p].id).sort(compareText);
    teams.push({
      ideaId: data.ideaIds[i],
      memberIds: ids,
      lockedMemberIds: team
        .filter((p) => data.lockedIdea[p] === i)
        .map((p) => data.people[p].id)
        .sort(compareText),
      locked: data.lockedOpen[i] === 1,
      composition: composition({ data, i, team }),
    });
  });
  return teams;
}

function composition({
  data,
  i,
  team,
}: {
  data: FormationData;
  i: number;
  team: readonly number[];
}): TeamComposition {
  const count = (values: string[]): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const value of [...values].sort(compareText)) counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  };
  const interestCounts: [number, number, number, number] = [0, 0, 0, 0];
  let total = 0;
  for (const p of team) {
    const value = interestOf(data, p, i);
    interestCounts[value]++;
    total += value;
  }
  const disciplines = count(team.map((p) => data.people[p].discipline));
  return {
    size: team.length,
    disciplines,
    distinctDisciplines: Object.keys(disciplines).length,
    careerStages: count(team.map((p) => data.people[p].careerStage)),
    skills: count(team.flatMap((p) => [...new Set(data.people[p].skills ?? [])])),
    interestCounts,
    meanInterest: team.length === 0 ? 0 : total / team.length,
  };
}

async function explainInfeasibility({
  data,
  conflicts,
  input,
  randomSeed,
}: {
  data: FormationData;
  conflicts: TeamRuleConflict[];
  input: TeamFormationInput;
  randomSeed: number;
}): Promise<TeamFormationInfeasibility> {
  const canRelax = data.people.length > 0 && data.ideaIds.length > 0;
  const elastic = canRelax ? buildFormationModel({ data, elastic: true }) : null;
  const solution = elastic
    ? await solveMilp({ model: elastic.model, options: input.solver, randomSeed })
    : null;
  const relaxed =
    elastic && solution?.values
      ? assignmentFromSolution({ data, layout: elastic.layout, values: solution.values })
      : null;
  const relaxation = relaxed
    ? relaxationsFrom({ data, violations: findViolations({ data, assignment: relaxed }) })
    : [];
  const members = relaxed ? membersByIdea(data, relaxed) : [];
  const relaxedTeams = members
    .map((team, i) => ({
      ideaId: data.ideaIds[i],
      memberIds: team.map((p) => data.people[p].id).sort(compareText),
    }))
    .filter((team) => team.memberIds.length > 0);
  const messages = [
    ...conflicts.map((conflict) => conflict.message),
    ...relaxation.map((change) => change.message),
  ];
  if (messages.length === 0) messages.push('the rules cannot all hold together');
  return { conflicts, relaxation, relaxedTeams, messages };
}

/** Turns what the relaxed teams break into one change per rule (and group). */
function relaxationsFrom({
  data,
  violations,
}: {
  data: FormationData;
  violations: readonly TeamRuleViolation[];
}): TeamRuleRelaxation[] {
  const { words } = data;
  const byRule = new Map<string, TeamRuleViolation[]>();
  for (const v of violations) {
    const key = `${v.rule}|${v.group ? `${v.group.category}:${v.group.value}` : ''}|${v.bound ?? ''}`;
    byRule.set(key, [...(byRule.get(key) ?? []), v]);
  }
  const relaxations: TeamRuleRelaxation[] = [];
  for (const list of byRule.values()) {
    const first = list[0];
    const ideaIds = [...new Set(list.flatMap((v) => (v.ideaId ? [v.ideaId] : [])))].sort(
      compareText,
    );
    const participantIds = [...new Set(list.flatMap((v) => v.participantIds))].sort(compareText);
    const actuals = list.map((v) => v.actual ?? 0);
    const label = first.group
      ? `${RULE_LABELS[first.rule]} (${groupLabel(first.group)})`
      : RULE_LABELS[first.rule];
    const teams =
      ideaIds.length > 0
        ? ` (team${ideaIds.length === 1 ? '' : 's'} ${ideaIds.map(words.idea).join(', ')})`
        : '';
    const base = { rule: first.rule, group: first.group, ideaIds };
    const bounded =
      (first.rule === 'teamSize' ||
        first.rule === 'teamCount' ||
        first.rule === 'minDisciplines') &&
      first.limit !== null;
    if (bounded && first.bound === 'max') {
      const to = Math.max(...actuals);
      relaxations.push({
        ...base,
        change: 'raise-max',
        from: first.limit,
        to,
        participantIds: [],
        message: `to form teams: ${label}: raise the maximum from ${first.limit} to ${to}${teams}`,
      });
    } else if (bounded && first.bound === 'min') {
      const to = Math.min(...actuals);
      relaxations.push({
        ...base,
        change: 'lower-min',
        from: first.limit,
        to,
        participantIds: [],
        message: `to form teams: ${label}: lower the minimum from ${first.limit} to ${to}${teams}`,
      });
    } else if (first.rule === 'locks') {
      relaxations.push({
        ...base,
        change: 'release-locks',
        from: null,
        to: null,
        participantIds,
        message: `to form teams: unlock ${[...participantIds.map(words.person), ...ideaIds.map(words.idea)].join(', ')}`,
      });
    } else {
      const who =
        first.rule === 'separateAvoidedPairs' || first.rule === 'notIsolated'
          ? ` for ${words.people(participantIds)}`
          : '';
      relaxations.push({
        ...base,
        change: 'allow-exceptions',
        from: null,
        to: null,
        participantIds,
        message: `to form teams: ${label}: allow ${list.length} exception${list.length === 1 ? '' : 's'}${teams}${who}`,
      });
    }
  }
  return relaxations;
}
