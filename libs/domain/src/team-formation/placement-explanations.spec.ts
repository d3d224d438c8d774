import { describe, expect, it } from 'vitest';

import { formTeams } from './form-teams.js';
import { explainPlacements } from './placement-explanations.js';
import type {
  PlacementReason,
  TeamAssignment,
  TeamFormationParticipant,
  TeamLock,
  TeamRules,
} from './team-formation.types.js';

const base: TeamFormationParticipant[] = [
  { id: 'ana', discipline: 'AI', careerStage: 'early', wants: ['ben'], interests: { x: 3, y: 1 } },
  {
    id: 'ben',
    discipline: 'bio',
    careerStage: 'senior',
    wants: ['ana'],
    interests: { x: 3, y: 2 },
  },
  { id: 'cai', discipline: 'clinical', careerStage: 'early', interests: { x: 3, y: 2 } },
  { id: 'dee', discipline: 'AI', careerStage: 'senior', interests: { x: 1, y: 3 } },
  { id: 'eve', discipline: 'bio', careerStage: 'early', interests: { x: 2, y: 3 } },
];
const teams: TeamAssignment[] = [
  { ideaId: 'x', memberIds: ['ana', 'ben'] },
  { ideaId: 'y', memberIds: ['cai', 'dee', 'eve'] },
];
const noRules: TeamRules = { teamCount: { min: 1, max: 2 } };

function reasonsOf(
  id: string,
  {
    participants = base,
    rules = noRules,
    locks,
    on = teams,
  }: {
    participants?: TeamFormationParticipant[];
    rules?: TeamRules;
    locks?: TeamLock[];
    on?: TeamAssignment[];
  } = {},
): PlacementReason[] {
  const explanations = explainPlacements({ participants, teams: on, rules, locks });
  return explanations.find((explanation) => explanation.participantId === id)!.reasons;
}

const withAvoid = (who: string, avoids: string) =>
  base.map((person) => (person.id === who ? { ...person, avoids: [avoids] } : person));

describe('explainPlacements', () => {
  it.each<[string, () => PlacementReason[], PlacementReason[]]>([
    [
      'their top choice, with the person they asked for, who asked for them too',
      () => reasonsOf('ana'),
      [
        { code: 'TOP_CHOICE', interest: 3 },
        { code: 'ASKED_FOR_BY', participantIds: ['ben'] },
        { code: 'WITH_REQUESTED', participantIds: ['ben'] },
      ],
    ],
    [
      'a team they liked more had room: the formation as a whole',
      () => reasonsOf('cai'),
      [{ code: 'INTEREST', interest: 2, best: 3 }, { code: 'OVERALL_BALANCE' }],
    ],
    [
      'the team they liked more was full',
      () => reasonsOf('cai', { rules: { ...noRules, teamSize: { min: 2, max: 2 } } }),
      [
        { code: 'INTEREST', interest: 2, best: 3 },
        { code: 'RULES', rules: ['teamSize'] },
      ],
    ],
    [
      'leaving would leave their team short of disciplines',
      () =>
        reasonsOf('cai', {
          rules: { ...noRules, minDisciplines: 2 },
          on: [
            { ideaId: 'x', memberIds: ['ana', 'ben'] },
            { ideaId: 'y', memberIds: ['cai', 'dee'] },
            { ideaId: 'z', memberIds: ['eve'] },
          ],
        }),
      [
        { code: 'INTEREST', interest: 2, best: 3 },
        { code: 'RULES', rules: ['minDisciplines'] },
      ],
    ],
    [
      'they would rather not work with someone on the team they liked more',
      () =>
        reasonsOf('cai', {
          participants: withAvoid('cai', 'ana'),
          rules: { ...noRules, separateAvoidedPairs: true },
        }),
      [
        { code: 'INTEREST', interest: 2, best: 3 },
        { code: 'RULES', rules: ['ownAvoidedPairs'] },
      ],
    ],
    [
      'someone on the team they liked more would rather not work with them: never said',
      () =>
        reasonsOf('cai', {
          participants: withAvoid('ana', 'cai'),
          rules: { ...noRules, separateAvoidedPairs: true },
        }),
      [{ code: 'INTEREST', interest: 2, best: 3 }, { code: 'OVERALL_BALANCE' }],
    ],
    [
      'the team they liked more is locked as complete',
      () => reasonsOf('cai', { locks: [{ ideaId: 'x', memberIds: ['ana', 'ben'], closed: true }] }),
      [
        { code: 'INTEREST', interest: 2, best: 3 },
        { code: 'RULES', rules: ['closedTeam'] },
      ],
    ],
    [
      'the organiser locked them here',
      () => reasonsOf('cai', { locks: [{ ideaId: 'y', memberIds: ['cai'] }] }),
      [{ code: 'LOCKED' }, { code: 'INTEREST', interest: 2, best: 3 }],
    ],
  ])('%s', (_, reasons, expected) => {
    expect(reasons()).toEqual(expected);
  });

  it('holds no diversity figure and names nobody who would rather not work with them', async () => {
    const participants = withAvoid('ana', 'cai');
    const result = await formTeams({
      participants,
      ideas: [{ id: 'x' }, { id: 'y' }],
      rules: {
        teamCount: { min: 2, max: 2 },
        teamSize: { min: 2, max: 3 },
        minDisciplines: 2,
        mixedCareerStages: true,
        separateAvoidedPairs: true,
        rewardWantedPairs: true,
      },
    });
    expect(result.status).toBe('optimal');
    const keys = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key);
          collect(inner);
        }
      }
    };
    collect(result.explanations);
    expect([...keys].sort()).toEqual(
      expect.arrayContaining(['code', 'ideaId', 'interest', 'participantId', 'reasons']),
    );
    for (const key of keys) {
      expect([
        'best',
        'code',
        'ideaId',
        'interest',
        'participantId',
        'participantIds',
        'reasons',
        'rules',
      ]).toContain(key);
    }
    const cai = result.explanations.find((explanation) => explanation.participantId === 'cai')!;
    expect(JSON.stringify(cai)).not.toContain('ana');
  });
});
