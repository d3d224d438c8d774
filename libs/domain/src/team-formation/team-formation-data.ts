/**
 * Team formation input, checked and indexed once: people and ideas in id order (so the listing
 * order never changes a result), interests as a dense table, wanted and avoided pairs as index
 * pairs, locks as an idea per person. Every other part of team formation (the model, the
 * baseline, the rule checks, the scores and the explanations) reads this one shape.
 */
import { compareText } from '../shared/compare-text.js';
import { TeamFormationError } from './team-formation.errors.js';
import { MAX_IDEA_INTEREST } from './team-formation.types.js';
import type {
  CountRange,
  TeamAssignment,
  TeamFormationInput,
  TeamFormationNames,
  TeamFormationParticipant,
  TeamFormationWarning,
  TeamGroup,
  TeamLock,
  TeamObjectiveWeights,
  TeamRules,
} from './team-formation.types.js';

export interface FormationGroup {
  group: TeamGroup;
  /** 1 for each person (by index) in the group. */
  members: Uint8Array;
  size: number;
}

/** A "want to work with" between two people (a < b), asked once or both ways. */
export interface WantedPair {
  a: number;
  b: number;
  /** Requests it honours: 1, or 2 when mutual. */
  requests: number;
}

export interface FormationRules {
  teamCount: CountRange;
  /** Off: null. */
  teamSize: CountRange | null;
  /** Off (or 1 or less, which every team meets): 0. */
  minDisciplines: number;
  mixedCareerStages: boolean;
  notIsolated: FormationGroup[];
  inEveryTeam: FormationGroup[];
  separateAvoidedPairs: boolean;
  rewardWantedPairs: boolean;
}

/** How messages name people and teams: by name and title when known, by id otherwise. */
export interface FormationWords {
  person: (id: string) => string;
  /** "the team of idea …": its title in quotes, or its id. */
  idea: (id: string) => string;
  /** Several people: "A, B and C". */
  people: (ids: readonly string[]) => string;
}

export function formationWords(names: TeamFormationNames = {}): FormationWords {
  const people = new Map(Object.entries(names.people ?? {}));
  const ideas = new Map(Object.entries(names.ideas ?? {}));
  const person = (id: string) => people.get(id) ?? id;
  return {
    person,
    idea: (id) => {
      const title = ideas.get(id);
      return title === undefined ? id : `"${title}"`;
    },
    people: (ids) => {
      const named = ids.map(person);
      return named.length <= 1
        ? (named[0] ?? '')
        : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
    },
  };
}

export interface FormationData {
  people: TeamFormationParticipant[];
  personIndex: Map<string, number>;
  ideaIds: string[];
  ideaIndex: Map<string, number>;
  /** interest[p * ideaIds.length + i]: person p's rating of idea i (0–3). */
  interest: Uint8Array;
  disciplines: string[];
  disciplineOf: Int32Array;
  careerStages: string[];
  careerStageOf: Int32Array;
  wanted: WantedPair[];
  /** Pairs (a < b) where one would rather not work with the other. */
  avoided: [number, number][];
  /** The idea a person is locked on, or −1. */
  lockedIdea: Int32Array;
  /** 1 for ideas the organiser locked as teams. */
  lockedOpen: Uint8Array;
  /** 1 for locked teams nobody else may join. */
  closed: Uint8Array;
  rules: FormationRules;
  weights: Required<TeamObjectiveWeights>;
  excludedMentorIds: string[];
  mentorIds: ReadonlySet<string>;
  warnings: TeamFormationWarning[];
  words: FormationWords;
}

/** prepareFormation for the input of formTeams. */
export function prepareFormationInput(
  input: Pick<
    TeamFormationInput,
    'participants' | 'ideas' | 'rules' | 'mentorIds' | 'locks' | 'weights' | 'names'
  >,
): FormationData {
  return prepareFormation({
    participants: input.participants,
    ideaIds: input.ideas.map((idea) => idea.id),
    rules: input.rules,
    mentorIds: input.mentorIds,
    locks: input.locks,
    weights: input.weights,
    names: input.names,
  });
}

/**
 * Checks and indexes the input. Throws TeamFormationError for input no organiser could mean;
 * names of unknown people, mentors or oneself in wants and avoids are dropped with a warning.
 */
export function prepareFormation({
  participants,
  ideaIds,
  rules,
  mentorIds = [],
  locks = [],
  weights = {},
  names,
}: {
  participants: readonly TeamFormationParticipant[];
  ideaIds: readonly string[];
  rules: TeamRules;
  mentorIds?: readonly string[];
  locks?: readonly TeamLock[];
  weights?: TeamObjectiveWeights;
  names?: TeamFormationNames;
}): FormationData {
  const warnings: TeamFormationWarning[] = [];
  const words = formationWords(names);
  const { person: nameOf, idea: ideaName } = words;
  const mentors = new Set(mentorIds);
  const seen = new Set<string>();
  for (const person of participants) {
    if (seen.has(person.id)) {
      throw new TeamFormationError(
        'TEAMS_DUPLICATE_PARTICIPANT',
        `Participant ${nameOf(person.id)} is listed twice`,
      );
    }
    seen.add(person.id);
  }
  const people = participants
    .filter((person) => !mentors.has(person.id))
    .sort((a, b) => compareText(a.id, b.id));
  const excludedMentorIds = participants
    .filter((person) => mentors.has(person.id))
    .map((person) => person.id)
    .sort(compareText);
  if (excludedMentorIds.length > 0) {
    warnings.push({
      code: 'MENTOR_LEFT_OUT',
      participantIds: excludedMentorIds,
      message: `mentors are never team members: ${words.people(excludedMentorIds)} left out`,
    });
  }
  const personIndex = new Map(people.map((person, p) => [person.id, p]));

  const sortedIdeas = [...ideaIds].sort(compareText);
  for (let i = 1; i < sortedIdeas.length; i++) {
    if (sortedIdeas[i] === sortedIdeas[i - 1]) {
      throw new TeamFormationError(
        'TEAMS_DUPLICATE_IDEA',
        `Idea ${ideaName(sortedIdeas[i])} is listed twice`,
      );
    }
  }
  const ideaIndex = new Map(sortedIdeas.map((id, i) => [id, i]));
  const n = people.length;
  const m = sortedIdeas.length;

  const interest = new Uint8Array(n * m);
  people.forEach((person, p) => {
    for (const [ideaId, value] of Object.entries(person.interests ?? {})) {
      if (!Number.isInteger(value) || value < 0 || value > MAX_IDEA_INTEREST) {
        throw new TeamFormationError(
          'TEAMS_INVALID_INTEREST',
          `Participant ${nameOf(person.id)} rates idea ${ideaName(ideaId)} ${value}; ratings are whole numbers 0–${MAX_IDEA_INTEREST}`,
        );
      }
      const i = ideaIndex.get(ideaId);
      if (i !== undefined) interest[p * m + i] = value;
    }
  });

  const disciplines = [...new Set(people.map((person) => person.discipline))].sort(compareText);
  const careerStages = [...new Set(people.map((person) => person.careerStage))].sort(compareText);
  const disciplineIndex = new Map(disciplines.map((value, d) => [value, d]));
  const stageIndex = new Map(careerStages.map((value, s) => [value, s]));
  const disciplineOf = Int32Array.from(people, (person) => disciplineIndex.get(person.discipline)!);
  const careerStageOf = Int32Array.from(people, (person) => stageIndex.get(person.careerStage)!);

  const named = (person: TeamFormationParticipant, ids: readonly string[], what: string) => {
    const found = new Set<number>();
    for (const id of ids) {
      const q = personIndex.get(id);
      if (id === person.id) {
        warnings.push({
          code: 'SELF_NAMED',
          participantIds: [person.id],
          message: `${nameOf(person.id)} names themselves among people they ${what}; ignored`,
        });
      } else if (mentors.has(id)) {
        warnings.push({
          code: 'MENTOR_NAMED',
          participantIds: [person.id],
          message: `${nameOf(person.id)} names mentor ${nameOf(id)} among people they ${what}; mentors are not team members, ignored`,
        });
      } else if (q === undefined) {
        warnings.push({
          code: 'UNKNOWN_PERSON_NAMED',
          participantIds: [person.id],
          message: `${nameOf(person.id)} names ${nameOf(id)}, who is not a participant, among people they ${what}; ignored`,
        });
      } else {
        found.add(q);
      }
    }
    return found;
  };
  const requests = new Map<string, WantedPair>();
  const avoidedKeys = new Map<string, [number, number]>();
  people.forEach((person, p) => {
    const avoids = named(person, person.avoids ?? [], 'would rather not work with');
    const wants = named(person, person.wants ?? [], 'want to work with');
    for (const q of avoids) {
      const pair: [number, number] = p < q ? [p, q] : [q, p];
      avoidedKeys.set(`${pair[0]}:${pair[1]}`, pair);
    }
    for (const q of wants) {
      if (avoids.has(q)) {
        warnings.push({
          code: 'WANTED_AND_AVOIDED',
          participantIds: [person.id],
          message: `${nameOf(person.id)} both wants and would rather not work with ${nameOf(people[q].id)}; the "rather not" stands`,
        });
        continue;
      }
      const key = p < q ? `${p}:${q}` : `${q}:${p}`;
      const pair = requests.get(key);
      if (pair) pair.requests++;
      else requests.set(key, { a: Math.min(p, q), b: Math.max(p, q), requests: 1 });
    }
  });
  const byPair = (x: { a: number; b: number }, y: { a: number; b: number }) =>
    x.a - y.a || x.b - y.b;
  const avoided = [...avoidedKeys.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  // A request towards someone who would rather not is kept: the avoid rule (when on) decides.
  const wanted = [...requests.values()].sort(byPair);

  const lockedIdea = new Int32Array(n).fill(-1);
  const lockedOpen = new Uint8Array(m);
  const closed = new Uint8Array(m);
  for (const lock of locks) {
    const i = ideaIndex.get(lock.ideaId);
    if (i === undefined) {
      throw new TeamFormationError(
        'TEAMS_INVALID_LOCK',
        `Lock names idea ${ideaName(lock.ideaId)}, which is not on the shortlist`,
      );
    }
    if (lockedOpen[i]) {
      throw new TeamFormationError(
        'TEAMS_INVALID_LOCK',
        `Idea ${ideaName(lock.ideaId)} is locked twice`,
      );
    }
    lockedOpen[i] = 1;
    if (lock.closed) closed[i] = 1;
    for (const id of lock.memberIds) {
      if (mentors.has(id)) {
        throw new TeamFormationError(
          'TEAMS_INVALID_LOCK',
          `Mentor ${nameOf(id)} is locked on team ${ideaName(lock.ideaId)}; mentors are never team members`,
        );
      }
      const p = personIndex.get(id);
      if (p === undefined) {
        throw new TeamFormationError(
          'TEAMS_INVALID_LOCK',
          `Lock on team ${ideaName(lock.ideaId)} names ${nameOf(id)}, who is not a participant`,
        );
      }
      if (lockedIdea[p] !== -1 && lockedIdea[p] !== i) {
        throw new TeamFormationError(
          'TEAMS_INVALID_LOCK',
          `${nameOf(id)} is locked on two teams (${ideaName(sortedIdeas[lockedIdea[p]])} and ${ideaName(lock.ideaId)})`,
        );
      }
      lockedIdea[p] = i;
    }
  }

  const formationRules = prepareRules({ rules, people });
  let unlocked = 0;
  for (let p = 0; p < n; p++) if (lockedIdea[p] === -1) unlocked++;
  const resolvedWeights = {
    interest: weights.interest ?? 1,
    wantedPair: weights.wantedPair ?? 1,
    fairness: weights.fairness ?? unlocked,
  };
  for (const [name, value] of Object.entries(resolvedWeights)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new TeamFormationError(
        'TEAMS_INVALID_WEIGHT',
        `weight ${name} must be a finite number ≥ 0, got ${value}`,
      );
    }
  }

  return {
    people,
    personIndex,
    ideaIds: sortedIdeas,
    ideaIndex,
    interest,
    disciplines,
    disciplineOf,
    careerStages,
    careerStageOf,
    wanted,
    avoided,
    lockedIdea,
    lockedOpen,
    closed,
    rules: formationRules,
    weights: resolvedWeights,
    excludedMentorIds,
    mentorIds: mentors,
    warnings,
    words,
  };
}

function prepareRules({
  rules,
  people,
}: {
  rules: TeamRules;
  people: readonly TeamFormationParticipant[];
}): FormationRules {
  requireCount(rules.teamCount.min, 'teamCount.min');
  requireCount(rules.teamCount.max, 'teamCount.max');
  const teamSize = rules.teamSize ?? null;
  if (teamSize) {
    requireCount(teamSize.min, 'teamSize.min');
    requireCount(teamSize.max, 'teamSize.max');
  }
  const minDisciplines = rules.minDisciplines ?? 0;
  requireCount(minDisciplines, 'minDisciplines');
  const groups = (list: readonly TeamGroup[] | undefined, name: string): FormationGroup[] => {
    const keys = new Set<string>();
    const prepared: FormationGroup[] = [];
    for (const group of list ?? []) {
      if (!['discipline', 'careerStage', 'skill'].includes(group.category)) {
        throw new TeamFormationError(
          'TEAMS_INVALID_RULE',
          `${name}: unknown group category ${String(group.category)}`,
        );
      }
      const key = `${group.category}:${group.value}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const members = Uint8Array.from(people, (person) => (isInGroup(person, group) ? 1 : 0));
      let size = 0;
      for (const member of members) size += member;
      prepared.push({ group: { category: group.category, value: group.value }, members, size });
    }
    return prepared.sort((x, y) => compareText(groupKey(x.group), groupKey(y.group)));
  };
  return {
    teamCount: { min: rules.teamCount.min, max: rules.teamCount.max },
    teamSize: teamSize ? { min: teamSize.min, max: teamSize.max } : null,
    minDisciplines: minDisciplines <= 1 ? 0 : minDisciplines,
    mixedCareerStages: rules.mixedCareerStages === true,
    notIsolated: groups(rules.notIsolated, 'notIsolated'),
    inEveryTeam: groups(rules.inEveryTeam, 'inEveryTeam'),
    separateAvoidedPairs: rules.separateAvoidedPairs === true,
    rewardWantedPairs: rules.rewardWantedPairs === true,
  };
}

export function isInGroup(person: TeamFormationParticipant, group: TeamGroup): boolean {
  switch (group.category) {
    case 'discipline':
      return person.discipline === group.value;
    case 'careerStage':
      return person.careerStage === group.value;
    case 'skill':
      return (person.skills ?? []).includes(group.value);
  }
}

export function groupKey(group: TeamGroup): string {
  return `${group.category}:${group.value}`;
}

const GROUP_CATEGORY_LABELS: Readonly<Record<TeamGroup['category'], string>> = {
  discipline: 'discipline',
  careerStage: 'career stage',
  skill: 'skill',
};

export function groupLabel(group: TeamGroup): string {
  return `${GROUP_CATEGORY_LABELS[group.category]} "${group.value}"`;
}

function requireCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new TeamFormationError(
      'TEAMS_INVALID_RULE',
      `${name} must be a whole number ≥ 0, got ${value}`,
    );
  }
}

/** Team size bounds in force: the rule's, or at least one member and no upper bound. */
export function sizeBounds(rules: FormationRules, people: number): CountRange {
  return rules.teamSize ?? { min: 1, max: Math.max(1, people) };
}

/** A member listed on a team who cannot be placed there. */
export interface AssignmentProblem {
  id: string;
  ideaId: string;
  /** A mentor; not a participant (or the idea is not known); already on another team. */
  kind: 'mentor' | 'unknown' | 'twice';
}

/** The idea index of each person (−1 when on no team), from a list of teams. */
export function assignmentFromTeams({
  data,
  teams,
}: {
  data: FormationData;
  teams: readonly TeamAssignment[];
}): { assignment: Int32Array; problems: AssignmentProblem[] } {
  const assignment = new Int32Array(data.people.length).fill(-1);
  const problems: AssignmentProblem[] = [];
  for (const team of teams) {
    const i = data.ideaIndex.get(team.ideaId);
    for (const id of team.memberIds) {
      const p = data.personIndex.get(id);
      if (data.mentorIds.has(id)) problems.push({ id, ideaId: team.ideaId, kind: 'mentor' });
      else if (p === undefined || i === undefined)
        problems.push({ id, ideaId: team.ideaId, kind: 'unknown' });
      else if (assignment[p] !== -1) problems.push({ id, ideaId: team.ideaId, kind: 'twice' });
      else assignment[p] = i;
    }
  }
  return { assignment, problems };
}

/** Teams (ideas with at least one member), by idea id, members by id. */
export function teamsFromAssignment({
  data,
  assignment,
}: {
  data: FormationData;
  assignment: Int32Array;
}): TeamAssignment[] {
  const members: string[][] = data.ideaIds.map(() => []);
  assignment.forEach((i, p) => {
    if (i >= 0) members[i].push(data.people[p].id);
  });
  return data.ideaIds
    .map((ideaId, i) => ({ ideaId, memberIds: members[i] }))
    .filter((team) => team.memberIds.length > 0);
}
