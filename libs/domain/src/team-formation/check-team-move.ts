/**
 * The organiser's hand edits on the team board (drag a person to another team, swap two):
 * what rules the edit breaks that held before. Warnings, never blocks: the organiser decides.
 */
import { compareText } from '../shared/compare-text.js';
import { assignmentFromTeams, prepareFormation } from './team-formation-data.js';
import { TeamFormationError } from './team-formation.errors.js';
import { compareViolations, findViolations } from './team-rules.js';
import { scoreAssignment } from './team-score.js';
import type {
  ShortlistedIdea,
  TeamAssignment,
  TeamEdit,
  TeamFormationNames,
  TeamFormationParticipant,
  TeamLock,
  TeamMoveCheck,
  TeamObjectiveWeights,
  TeamFormationScore,
  TeamRuleViolation,
  TeamRules,
} from './team-formation.types.js';

/** Teams as they stand on the board, with what they are checked against. */
export interface TeamsAsTheyStand {
  participants: readonly TeamFormationParticipant[];
  /** The shortlist (for ideas that are not teams yet); teams' own ideas are always known. */
  ideas?: readonly ShortlistedIdea[];
  teams: readonly TeamAssignment[];
  rules: TeamRules;
  mentorIds?: readonly string[];
  locks?: readonly TeamLock[];
  weights?: TeamObjectiveWeights;
  /** Names and titles for the warnings' words (ids without). */
  names?: TeamFormationNames;
}

function evaluator({
  participants,
  ideas = [],
  teams,
  rules,
  mentorIds,
  locks,
  weights,
  names,
}: TeamsAsTheyStand) {
  const ideaIds = [
    ...new Set([
      ...ideas.map((idea) => idea.id),
      ...teams.map((team) => team.ideaId),
      ...(locks ?? []).map((lock) => lock.ideaId),
    ]),
  ];
  const data = prepareFormation({
    participants,
    ideaIds,
    rules,
    mentorIds,
    locks,
    weights,
    names,
  });
  const evaluate = (list: readonly TeamAssignment[]) => {
    const { assignment, problems } = assignmentFromTeams({ data, teams: list });
    return {
      violations: findViolations({ data, assignment, problems }),
      score: scoreAssignment({ data, assignment }),
    };
  };
  return { data, evaluate };
}

/** Every rule the teams break (empty: they keep every rule, lock, and place everyone once). */
export function findTeamRuleViolations(input: TeamsAsTheyStand): TeamRuleViolation[] {
  return evaluator(input).evaluate(input.teams).violations;
}

/** The objective of the teams and its parts (see team-score.ts). */
export function scoreTeams(input: TeamsAsTheyStand): TeamFormationScore {
  return evaluator(input).evaluate(input.teams).score;
}

/** What a hand edit breaks that held before, and what it mends. */
export function checkTeamMove(input: TeamsAsTheyStand & { edit: TeamEdit }): TeamMoveCheck {
  const { teams, edit } = input;
  const after = applyEdit({ teams, edit });
  const { data, evaluate } = evaluator({
    ...input,
    ideas: [...(input.ideas ?? []), ...after.map((team) => ({ id: team.ideaId }))],
  });
  const named = edit.kind === 'move' ? [edit.participantId] : [...edit.participantIds];
  for (const id of named) {
    if (!data.personIndex.has(id) && !data.mentorIds.has(id)) {
      throw new TeamFormationError(
        'TEAMS_INVALID_EDIT',
        `${data.words.person(id)} is not a participant`,
      );
    }
  }
  const before = evaluate(teams);
  const later = evaluate(after);
  const { added, resolved } = compareViolations({
    before: before.violations,
    after: later.violations,
  });
  return {
    teams: after,
    warnings: added,
    resolved,
    scoreBefore: before.score,
    scoreAfter: later.score,
  };
}

/** The teams after an edit: ordered by idea id, members by id, empty teams dropped. */
export function applyEdit({
  teams,
  edit,
}: {
  teams: readonly TeamAssignment[];
  edit: TeamEdit;
}): TeamAssignment[] {
  const members = new Map<string, string[]>();
  for (const team of teams) {
    members.set(team.ideaId, [...(members.get(team.ideaId) ?? []), ...team.memberIds]);
  }
  const teamOf = (id: string) => [...members].find(([, list]) => list.includes(id))?.[0];
  switch (edit.kind) {
    case 'move': {
      for (const [ideaId, list] of members) {
        members.set(
          ideaId,
          list.filter((id) => id !== edit.participantId),
        );
      }
      members.set(edit.toIdeaId, [...(members.get(edit.toIdeaId) ?? []), edit.participantId]);
      break;
    }
    case 'swap': {
      const [a, b] = edit.participantIds;
      const teamA = teamOf(a);
      const teamB = teamOf(b);
      if (teamA === undefined || teamB === undefined || a === b) {
        throw new TeamFormationError(
          'TEAMS_INVALID_EDIT',
          `a swap needs two different people who are both on teams (${a}, ${b})`,
        );
      }
      const swap = (id: string) => (id === a ? b : id === b ? a : id);
      for (const [ideaId, list] of members) members.set(ideaId, list.map(swap));
      break;
    }
  }
  return [...members]
    .filter(([, list]) => list.length > 0)
    .sort(([x], [y]) => compareText(x, y))
    .map(([ideaId, list]) => ({ ideaId, memberIds: [...list].sort(compareText) }));
}
