/**
 * Why each person is on their team, as facts for a participant-facing screen: their interest in
 * the idea (and whether it is their top choice among the ideas that became teams), who on the
 * team asked for them and whom they asked for, and, when a team they rated higher exists, what
 * kept them from it: the rules that move would break, or the formation as a whole.
 *
 * Never in an explanation: a diversity figure, or another person's "rather not" (a move that
 * would only put someone next to a person who would rather not work with them reads as
 * OVERALL_BALANCE, not as a rule).
 */
import { compareText } from '../shared/compare-text.js';
import { assignmentFromTeams, prepareFormation } from './team-formation-data.js';
import type { FormationData } from './team-formation-data.js';
import {
  compareViolations,
  membersByIdea,
  spreadViolations,
  teamCountViolations,
  teamViolations,
} from './team-rules.js';
import { interestOf } from './team-score.js';
import type {
  PlacementExplanation,
  PlacementReason,
  PlacementRule,
  TeamAssignment,
  TeamFormationParticipant,
  TeamLock,
  TeamRuleViolation,
  TeamRules,
} from './team-formation.types.js';

/** Explanations for the people on the given teams (e.g. after the organiser's edits). */
export function explainPlacements({
  participants,
  teams,
  rules,
  mentorIds,
  locks,
}: {
  participants: readonly TeamFormationParticipant[];
  teams: readonly TeamAssignment[];
  rules: TeamRules;
  mentorIds?: readonly string[];
  locks?: readonly TeamLock[];
}): PlacementExplanation[] {
  const ideaIds = [
    ...new Set([...teams.map((team) => team.ideaId), ...(locks ?? []).map((lock) => lock.ideaId)]),
  ];
  const data = prepareFormation({ participants, ideaIds, rules, mentorIds, locks });
  const { assignment } = assignmentFromTeams({ data, teams });
  return explainAssignment({ data, assignment });
}

export function explainAssignment({
  data,
  assignment,
}: {
  data: FormationData;
  assignment: Int32Array;
}): PlacementExplanation[] {
  const { people } = data;
  const members = membersByIdea(data, assignment);
  const open = members.map((team) => team.length > 0);
  const wantedBy = people.map(() => new Set<number>());
  const wants = people.map(() => new Set<number>());
  const avoids = people.map(() => new Set<number>());
  people.forEach((person, p) => {
    for (const id of person.wants ?? []) {
      const q = data.personIndex.get(id);
      if (q !== undefined && q !== p) {
        wants[p].add(q);
        wantedBy[q].add(p);
      }
    }
    for (const id of person.avoids ?? []) {
      const q = data.personIndex.get(id);
      if (q !== undefined) avoids[p].add(q);
    }
  });

  const explanations: PlacementExplanation[] = [];
  people.forEach((person, p) => {
    const i = assignment[p];
    if (i < 0) return;
    const interest = interestOf(data, p, i);
    const reasons: PlacementReason[] = [];
    const locked = data.lockedIdea[p] === i;
    if (locked) reasons.push({ code: 'LOCKED' });
    const reachable = data.ideaIds.map((_, j) => j).filter((j) => open[j]);
    const best = Math.max(...reachable.map((j) => interestOf(data, p, j)));
    if (interest >= best) reasons.push({ code: 'TOP_CHOICE', interest });
    else reasons.push({ code: 'INTEREST', interest, best });
    const teammates = members[i].filter((q) => q !== p);
    const askedBy = teammates.filter((q) => wantedBy[p].has(q));
    if (askedBy.length > 0)
      reasons.push({ code: 'ASKED_FOR_BY', participantIds: ids(data, askedBy) });
    const requested = teammates.filter((q) => wants[p].has(q));
    if (requested.length > 0) {
      reasons.push({ code: 'WITH_REQUESTED', participantIds: ids(data, requested) });
    }
    if (!locked && interest < best) {
      const blocking = new Set<PlacementRule>();
      let free = false;
      for (const j of reachable) {
        if (interestOf(data, p, j) <= interest) continue;
        const rules = rulesAgainstMove({ data, members, p, from: i, to: j, avoids: avoids[p] });
        if (rules.length === 0) free = true;
        for (const rule of rules) blocking.add(rule);
      }
      if (free || blocking.size === 0) reasons.push({ code: 'OVERALL_BALANCE' });
      else reasons.push({ code: 'RULES', rules: [...blocking].sort(compareText) });
    }
    explanations.push({ participantId: person.id, ideaId: data.ideaIds[i], interest, reasons });
  });
  return explanations;
}

/** The rules a move of p from team `from` to team `to` would break, as told to p. */
function rulesAgainstMove({
  data,
  members,
  p,
  from,
  to,
  avoids,
}: {
  data: FormationData;
  members: number[][];
  p: number;
  from: number;
  to: number;
  avoids: ReadonlySet<number>;
}): PlacementRule[] {
  const around = (teams: readonly (readonly number[])[]): TeamRuleViolation[] => [
    ...teamCountViolations({ data, members: teams }),
    ...spreadViolations({ data, members: teams }),
    ...[from, to].flatMap((i) =>
      teams[i].length > 0 ? teamViolations({ data, i, members: teams[i] }) : [],
    ),
  ];
  const before = around(members);
  const moved = members.map((team, i) =>
    i === from ? team.filter((q) => q !== p) : i === to ? [...team, p] : team,
  );
  const { added } = compareViolations({ before, after: around(moved) });
  const rules = new Set<PlacementRule>();
  for (const v of added) {
    switch (v.rule) {
      case 'teamSize':
      case 'teamCount':
      case 'minDisciplines':
      case 'mixedCareerStages':
      case 'notIsolated':
      case 'inEveryTeam':
        rules.add(v.rule);
        break;
      case 'separateAvoidedPairs': {
        // Only one's own "rather not" is named back to oneself.
        const other = v.participantIds.find((id) => id !== data.people[p].id);
        const q = other === undefined ? undefined : data.personIndex.get(other);
        if (q !== undefined && avoids.has(q)) rules.add('ownAvoidedPairs');
        break;
      }
      case 'locks':
        rules.add('closedTeam');
        break;
      case 'assignment':
      case 'mentors':
        break;
    }
  }
  return [...rules];
}

function ids(data: FormationData, people: readonly number[]): string[] {
  return people.map((q) => data.people[q].id).sort(compareText);
}
