/**
 * Team formation in words for people: a team's make-up for the organiser's chart, and why a
 * participant is on their team, for their "my team" page. Never a diversity score, never
 * someone else's "rather not".
 */
import { compareText } from '../shared/compare-text.js';
import type {
  PlacementExplanation,
  PlacementRule,
  TeamComposition,
  TeamFormationParticipant,
} from './team-formation.types.js';

/** What a team is made of: disciplines, career stages, skills and interest in its idea. */
export function teamComposition({
  ideaId,
  members,
}: {
  ideaId: string;
  members: readonly TeamFormationParticipant[];
}): TeamComposition {
  const count = (values: string[]): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const value of [...values].sort(compareText)) counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  };
  const interestCounts: [number, number, number, number] = [0, 0, 0, 0];
  let total = 0;
  for (const person of members) {
    const raw = person.interests?.[ideaId] ?? 0;
    const value = Math.max(0, Math.min(3, Math.trunc(raw)));
    interestCounts[value]++;
    total += value;
  }
  const disciplines = count(members.map((p) => p.discipline));
  return {
    size: members.length,
    disciplines,
    distinctDisciplines: Object.keys(disciplines).length,
    careerStages: count(members.map((p) => p.careerStage)),
    skills: count(members.flatMap((p) => [...new Set(p.skills ?? [])])),
    interestCounts,
    meanInterest: members.length === 0 ? 0 : total / members.length,
  };
}

const INTEREST_WORDS = ['no interest', 'some interest', 'keen', 'very keen'];

const RULE_WORDS: Readonly<Record<PlacementRule, string>> = {
  teamCount: 'the number of teams',
  teamSize: 'the team sizes',
  minDisciplines: 'the mix of disciplines each team needs',
  mixedCareerStages: 'the mix of career stages each team needs',
  notIsolated: 'no one being the only one of their group on a team',
  inEveryTeam: 'spreading some expertise over every team',
  ownAvoidedPairs: 'keeping you apart from someone you would rather not work with',
  closedTeam: 'a team the organisers had already formed',
};

const list = (names: string[]): string =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

const rated = (interest: number) => INTEREST_WORDS[Math.max(0, Math.min(3, interest))];

/** One sentence per reason why someone is on their team, addressed to them. */
export function describePlacement({
  explanation,
  ideaTitle,
  nameOf,
}: {
  explanation: PlacementExplanation;
  ideaTitle: string;
  nameOf: (participantId: string) => string;
}): string[] {
  const names = (ids: string[]) => list(ids.map(nameOf));
  return explanation.reasons.map((reason) => {
    switch (reason.code) {
      case 'LOCKED':
        return `The organisers placed you on this team.`;
      case 'TOP_CHOICE':
        return `Your interest in "${ideaTitle}": ${rated(reason.interest)}, as high as for any idea that became a team.`;
      case 'INTEREST':
        return `Your interest in "${ideaTitle}": ${rated(reason.interest)} (you rated another idea that became a team higher).`;
      case 'ASKED_FOR_BY':
        return `${names(reason.participantIds)} asked to work with you.`;
      case 'WITH_REQUESTED':
        return `You asked to work with ${names(reason.participantIds)}.`;
      case 'RULES':
        return `A team you rated higher could not take you without breaking ${list(reason.rules.map((rule) => RULE_WORDS[rule]))}.`;
      case 'OVERALL_BALANCE':
        return `A team you rated higher had room, but the teams as a whole worked out better for everyone this way.`;
    }
  });
}
