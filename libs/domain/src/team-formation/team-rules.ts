/**
 * The organiser's team rules, checked on a given set of teams. One checker serves the optimiser's
 * tests, the infeasibility report (what the relaxed teams break), the warnings of a hand edit,
 * and the explanations (which rule a better team would have broken).
 */
import { compareText } from '../shared/compare-text.js';
import { groupLabel, sizeBounds } from './team-formation-data.js';
import type { AssignmentProblem, FormationData, FormationGroup } from './team-formation-data.js';
import type { TeamRuleConflict, TeamRuleName, TeamRuleViolation } from './team-formation.types.js';

/** Members of each idea (by idea index), people by index in id order. */
export function membersByIdea(data: FormationData, assignment: Int32Array): number[][] {
  const members: number[][] = data.ideaIds.map(() => []);
  assignment.forEach((i, p) => {
    if (i >= 0) members[i].push(p);
  });
  return members;
}

function violation(
  fields: Partial<TeamRuleViolation> & Pick<TeamRuleViolation, 'rule' | 'message'>,
): TeamRuleViolation {
  return {
    ideaId: null,
    group: null,
    participantIds: [],
    bound: null,
    limit: null,
    actual: null,
    ...fields,
  };
}

/**
 * What one team breaks of the rules that concern a team alone: size, disciplines, career
 * stages, lone members of protected groups, avoided pairs, and a closed team's newcomers.
 * `members` are person indices of the team of idea `i` (at least one).
 */
export function teamViolations({
  data,
  i,
  members,
}: {
  data: FormationData;
  i: number;
  members: readonly number[];
}): TeamRuleViolation[] {
  const { rules, people, words } = data;
  const ideaId = data.ideaIds[i];
  const team = words.idea(ideaId);
  const ids = (list: readonly number[]) => list.map((p) => people[p].id).sort(compareText);
  const found: TeamRuleViolation[] = [];
  const size = members.length;
  if (rules.teamSize) {
    const { min, max } = rules.teamSize;
    if (size < min || size > max) {
      const below = size < min;
      found.push(
        violation({
          rule: 'teamSize',
          ideaId,
          participantIds: ids(members),
          bound: below ? 'min' : 'max',
          limit: below ? min : max,
          actual: size,
          message: below
            ? `team ${team} has ${size} member${size === 1 ? '' : 's'}, fewer than the minimum ${min}`
            : `team ${team} has ${size} members, more than the maximum ${max}`,
        }),
      );
    }
  }
  if (rules.minDisciplines > 0) {
    const distinct = new Set(members.map((p) => data.disciplineOf[p])).size;
    if (distinct < rules.minDisciplines) {
      found.push(
        violation({
          rule: 'minDisciplines',
          ideaId,
          bound: 'min',
          limit: rules.minDisciplines,
          actual: distinct,
          message: `team ${team} spans ${distinct} discipline${distinct === 1 ? '' : 's'}, fewer than ${rules.minDisciplines}`,
        }),
      );
    }
  }
  if (
    rules.mixedCareerStages &&
    members.every((p) => data.careerStageOf[p] === data.careerStageOf[members[0]])
  ) {
    found.push(
      violation({
        rule: 'mixedCareerStages',
        ideaId,
        participantIds: ids(members),
        message: `team ${team} is all of one career stage (${people[members[0]].careerStage})`,
      }),
    );
  }
  for (const group of rules.notIsolated) {
    const inGroup = members.filter((p) => group.members[p] === 1);
    if (inGroup.length === 1) {
      const id = people[inGroup[0]].id;
      const name = words.person(id);
      found.push(
        violation({
          rule: 'notIsolated',
          ideaId,
          group: group.group,
          participantIds: [id],
          bound: 'min',
          limit: 2,
          actual: 1,
          message: `${name} is the only member of ${groupLabel(group.group)} on team ${team}`,
        }),
      );
    }
  }
  if (rules.separateAvoidedPairs) {
    const here = new Set(members);
    for (const [a, b] of data.avoided) {
      if (here.has(a) && here.has(b)) {
        found.push(
          violation({
            rule: 'separateAvoidedPairs',
            ideaId,
            participantIds: ids([a, b]),
            message: `${words.person(people[a].id)} and ${words.person(people[b].id)} are on team ${team} although one would rather not work with the other`,
          }),
        );
      }
    }
  }
  if (data.closed[i]) {
    const newcomers = members.filter((p) => data.lockedIdea[p] !== i);
    if (newcomers.length > 0) {
      found.push(
        violation({
          rule: 'locks',
          ideaId,
          participantIds: ids(newcomers),
          message: `team ${team} is locked as complete, yet ${words.people(ids(newcomers))} joined it`,
        }),
      );
    }
  }
  return found;
}

/** Spread of one "in every team" group: how many teams have one, and how many could. */
export function groupCoverage({
  group,
  members,
}: {
  group: FormationGroup;
  members: readonly (readonly number[])[];
}): { teams: number; covered: number; placed: number; needed: number } {
  let teams = 0;
  let covered = 0;
  let placed = 0;
  for (const team of members) {
    if (team.length === 0) continue;
    teams++;
    let count = 0;
    for (const p of team) count += group.members[p];
    placed += count;
    if (count > 0) covered++;
  }
  return { teams, covered, placed, needed: Math.min(teams, placed) };
}

/**
 * Every rule the assignment breaks (an empty list means the teams keep every rule switched on,
 * every lock, and place everyone exactly once). Ordered: formation-wide rules, then team by team.
 */
export function findViolations({
  data,
  assignment,
  problems = [],
}: {
  data: FormationData;
  assignment: Int32Array;
  problems?: readonly AssignmentProblem[];
}): TeamRuleViolation[] {
  const { people, words } = data;
  const found: TeamRuleViolation[] = [];
  for (const kind of ['mentor', 'unknown', 'twice'] as const) {
    const listed = problems.filter((problem) => problem.kind === kind);
    if (listed.length === 0) continue;
    const ids = [...new Set(listed.map((problem) => problem.id))].sort(compareText);
    found.push(
      violation({
        rule: kind === 'mentor' ? 'mentors' : 'assignment',
        participantIds: ids,
        message:
          kind === 'mentor'
            ? `mentors are never team members: ${words.people(ids)}`
            : kind === 'unknown'
              ? `not participants (or on an idea not shortlisted): ${words.people(ids)}`
              : `on more than one team: ${words.people(ids)}`,
      }),
    );
  }
  const unplaced = people.filter((_, p) => assignment[p] === -1).map((person) => person.id);
  if (unplaced.length > 0) {
    found.push(
      violation({
        rule: 'assignment',
        participantIds: unplaced,
        message: `not on any team: ${words.people(unplaced)}`,
      }),
    );
  }
  const members = membersByIdea(data, assignment);
  found.push(...teamCountViolations({ data, members }));
  const lockedAway = people
    .filter((_, p) => data.lockedIdea[p] !== -1 && assignment[p] !== data.lockedIdea[p])
    .map((person) => person.id);
  if (lockedAway.length > 0) {
    found.push(
      violation({
        rule: 'locks',
        participantIds: lockedAway,
        message: `not on the team they are locked on: ${words.people(lockedAway)}`,
      }),
    );
  }
  data.ideaIds.forEach((ideaId, i) => {
    if (data.lockedOpen[i] && members[i].length === 0) {
      found.push(
        violation({
          rule: 'locks',
          ideaId,
          message: `idea ${words.idea(ideaId)} is locked as a team but has no members`,
        }),
      );
    }
  });
  found.push(...spreadViolations({ data, members }));
  data.ideaIds.forEach((_, i) => {
    if (members[i].length > 0) found.push(...teamViolations({ data, i, members: members[i] }));
  });
  return found;
}

/** The number of teams against its bounds. */
export function teamCountViolations({
  data,
  members,
}: {
  data: FormationData;
  members: readonly (readonly number[])[];
}): TeamRuleViolation[] {
  const teamCount = members.filter((team) => team.length > 0).length;
  const { min, max } = data.rules.teamCount;
  if (teamCount >= min && teamCount <= max) return [];
  const below = teamCount < min;
  return [
    violation({
      rule: 'teamCount',
      bound: below ? 'min' : 'max',
      limit: below ? min : max,
      actual: teamCount,
      message: below
        ? `${teamCount} team${teamCount === 1 ? '' : 's'}, fewer than the minimum ${min}`
        : `${teamCount} teams, more than the maximum ${max}`,
    }),
  ];
}

/** Teams without anyone of an "in every team" group while the cohort would allow one. */
export function spreadViolations({
  data,
  members,
}: {
  data: FormationData;
  members: readonly (readonly number[])[];
}): TeamRuleViolation[] {
  const found: TeamRuleViolation[] = [];
  for (const group of data.rules.inEveryTeam) {
    const { covered, needed } = groupCoverage({ group, members });
    if (covered >= needed) continue;
    data.ideaIds.forEach((ideaId, i) => {
      if (members[i].length === 0 || members[i].some((p) => group.members[p] === 1)) return;
      found.push(
        violation({
          rule: 'inEveryTeam',
          ideaId,
          group: group.group,
          bound: 'min',
          limit: 1,
          actual: 0,
          message: `team ${data.words.idea(ideaId)} has no one of ${groupLabel(group.group)} while another team has two or more`,
        }),
      );
    });
  }
  return found;
}

/** What identifies "the same" violation before and after an edit. */
function violationKey(v: TeamRuleViolation): string {
  const group = v.group ? `${v.group.category}:${v.group.value}` : '';
  const people =
    v.rule === 'separateAvoidedPairs' || v.rule === 'notIsolated' ? v.participantIds.join(',') : '';
  return [v.rule, v.ideaId ?? '', group, v.bound ?? '', people].join('|');
}

function distance(v: TeamRuleViolation): number {
  return v.limit === null || v.actual === null ? 0 : Math.abs(v.actual - v.limit);
}

/**
 * Violations after a change that are new or worse than before (further from the bound, or
 * naming someone more), and those before that are gone.
 */
export function compareViolations({
  before,
  after,
}: {
  before: readonly TeamRuleViolation[];
  after: readonly TeamRuleViolation[];
}): { added: TeamRuleViolation[]; resolved: TeamRuleViolation[] } {
  const earlier = new Map(before.map((v) => [violationKey(v), v]));
  const later = new Set(after.map(violationKey));
  const added = after.filter((v) => {
    const was = earlier.get(violationKey(v));
    if (!was) return true;
    const named = new Set(was.participantIds);
    return distance(v) > distance(was) || v.participantIds.some((id) => !named.has(id));
  });
  const resolved = before.filter((v) => !later.has(violationKey(v)));
  return { added, resolved };
}

function conflict(
  fields: Partial<TeamRuleConflict> & Pick<TeamRuleConflict, 'kind' | 'rule' | 'message'>,
): TeamRuleConflict {
  return { ideaId: null, group: null, participantIds: [], ...fields };
}

/**
 * Conflicts that make the rules infeasible and can be seen without solving: too few ideas or
 * people for the team count and sizes, more disciplines asked for than there are, a single
 * career stage, a protected group with one member, locked teams at odds with the rules.
 * An empty list does not prove feasibility: rules can also clash in combination.
 */
export function findConflicts({ data }: { data: FormationData }): TeamRuleConflict[] {
  const { rules, people, words } = data;
  const n = people.length;
  const m = data.ideaIds.length;
  const found: TeamRuleConflict[] = [];
  if (n === 0) return found;
  if (m === 0) {
    found.push(
      conflict({ kind: 'no-ideas', rule: 'teamCount', message: 'no ideas are shortlisted' }),
    );
    return found;
  }
  const { min: countMin, max: countMax } = rules.teamCount;
  if (countMin > countMax) {
    found.push(
      conflict({
        kind: 'team-count-min-above-max',
        rule: 'teamCount',
        message: `the number of teams must be at least ${countMin} and at most ${countMax}`,
      }),
    );
  }
  if (m < countMin) {
    found.push(
      conflict({
        kind: 'too-few-ideas',
        rule: 'teamCount',
        message: `at least ${countMin} teams are asked for but only ${m} idea${m === 1 ? ' is' : 's are'} shortlisted`,
      }),
    );
  }
  let lockedTeams = 0;
  for (const open of data.lockedOpen) lockedTeams += open;
  if (lockedTeams > countMax) {
    found.push(
      conflict({
        kind: 'too-many-locked-teams',
        rule: 'teamCount',
        message: `${lockedTeams} teams are locked but at most ${countMax} may be formed`,
      }),
    );
  }
  const size = sizeBounds(rules, n);
  if (rules.teamSize && size.min > size.max) {
    found.push(
      conflict({
        kind: 'team-size-min-above-max',
        rule: 'teamSize',
        message: `teams must have at least ${size.min} and at most ${size.max} members`,
      }),
    );
  }
  const fewestTeams = Math.max(countMin, lockedTeams, 1);
  const mostTeams = Math.min(countMax, m);
  if (rules.teamSize && n < fewestTeams * size.min) {
    found.push(
      conflict({
        kind: 'too-few-participants',
        rule: 'teamSize',
        message: `${n} participants cannot make ${fewestTeams} team${fewestTeams === 1 ? '' : 's'} of at least ${size.min}`,
      }),
    );
  }
  if (n > mostTeams * size.max) {
    found.push(
      conflict({
        kind: 'too-many-participants',
        rule: rules.teamSize ? 'teamSize' : 'teamCount',
        message: `${n} participants do not fit in ${mostTeams} team${mostTeams === 1 ? '' : 's'} of at most ${size.max}`,
      }),
    );
  }
  if (rules.minDisciplines > data.disciplines.length) {
    found.push(
      conflict({
        kind: 'too-few-disciplines',
        rule: 'minDisciplines',
        message: `every team needs ${rules.minDisciplines} disciplines but the participants span only ${data.disciplines.length}`,
      }),
    );
  }
  if (rules.teamSize && rules.minDisciplines > size.max) {
    found.push(
      conflict({
        kind: 'disciplines-above-team-size',
        rule: 'minDisciplines',
        message: `every team needs ${rules.minDisciplines} disciplines but has at most ${size.max} members`,
      }),
    );
  }
  if (rules.mixedCareerStages && data.careerStages.length === 1) {
    found.push(
      conflict({
        kind: 'one-career-stage',
        rule: 'mixedCareerStages',
        message: `every participant is of one career stage (${data.careerStages[0]}), so no team can mix stages`,
      }),
    );
  }
  for (const group of rules.notIsolated) {
    if (group.size !== 1) continue;
    const p = group.members.indexOf(1);
    found.push(
      conflict({
        kind: 'lone-group-member',
        rule: 'notIsolated',
        group: group.group,
        participantIds: [people[p].id],
        message: `${words.person(people[p].id)} is the only participant of ${groupLabel(group.group)}, so will be alone in it on any team`,
      }),
    );
  }
  const locked: number[][] = data.ideaIds.map(() => []);
  data.lockedIdea.forEach((i, p) => {
    if (i >= 0) locked[i].push(p);
  });
  data.ideaIds.forEach((ideaId, i) => {
    const team = locked[i];
    const ids = team.map((p) => people[p].id);
    if (team.length > size.max) {
      found.push(
        conflict({
          kind: 'locked-team-too-large',
          rule: 'teamSize',
          ideaId,
          participantIds: ids,
          message: `${team.length} members are locked on team ${words.idea(ideaId)}, more than the maximum ${size.max}`,
        }),
      );
    }
    const breaks = new Set<TeamRuleName>();
    if (data.closed[i] && team.length > 0) {
      for (const broken of teamViolations({ data, i, members: team })) breaks.add(broken.rule);
      breaks.delete('teamSize');
      if (team.length < size.min) breaks.add('teamSize');
    }
    for (const rule of breaks) {
      found.push(
        conflict({
          kind: 'closed-team-breaks-rule',
          rule,
          ideaId,
          participantIds: ids,
          message: `team ${words.idea(ideaId)} is locked as complete but breaks the ${RULE_LABELS[rule]} rule`,
        }),
      );
    }
    if (rules.separateAvoidedPairs && !data.closed[i]) {
      const here = new Set(team);
      for (const [a, b] of data.avoided) {
        if (!here.has(a) || !here.has(b)) continue;
        found.push(
          conflict({
            kind: 'locked-pair-avoids',
            rule: 'separateAvoidedPairs',
            ideaId,
            participantIds: [people[a].id, people[b].id],
            message: `${words.person(people[a].id)} and ${words.person(people[b].id)} are locked together on team ${words.idea(ideaId)} although one would rather not work with the other`,
          }),
        );
      }
    }
  });
  return found;
}

export const RULE_LABELS: Readonly<Record<TeamRuleName, string>> = {
  assignment: 'everyone on one team',
  mentors: 'mentors are not members',
  locks: 'locked teams',
  teamCount: 'number of teams',
  teamSize: 'team size',
  minDisciplines: 'disciplines per team',
  mixedCareerStages: 'mixed career stages',
  notIsolated: 'nobody alone in their group',
  inEveryTeam: 'one of a group in every team',
  separateAvoidedPairs: '"rather not" pairs apart',
};
