import { describe, expect, it } from 'vitest';

import { checkTeamMove } from './check-team-move.js';
import type {
  TeamAssignment,
  TeamEdit,
  TeamFormationParticipant,
  TeamLock,
  TeamRuleName,
  TeamRules,
} from './team-formation.types.js';

const participants: TeamFormationParticipant[] = [
  {
    id: 'a1',
    discipline: 'AI',
    careerStage: 'early',
    skills: ['statistics'],
    avoids: ['b2'],
    interests: { x: 3, y: 1 },
  },
  { id: 'a2', discipline: 'AI', careerStage: 'senior', interests: { x: 1, y: 3 } },
  {
    id: 'b1',
    discipline: 'bio',
    careerStage: 'senior',
    skills: ['statistics'],
    interests: { x: 2, y: 2 },
  },
  { id: 'b2', discipline: 'bio', careerStage: 'early', interests: { y: 3 } },
  { id: 'c1', discipline: 'clinical', careerStage: 'early', interests: { x: 3 } },
  { id: 'c2', discipline: 'clinical', careerStage: 'senior', interests: { x: 2, y: 1 } },
  { id: 'mentor', discipline: 'AI', careerStage: 'senior' },
];

const rules: TeamRules = {
  teamCount: { min: 1, max: 3 },
  teamSize: { min: 2, max: 3 },
  minDisciplines: 2,
  mixedCareerStages: true,
  notIsolated: [{ category: 'discipline', value: 'clinical' }],
  inEveryTeam: [{ category: 'skill', value: 'statistics' }],
  separateAvoidedPairs: true,
};

/** Every rule holds on these teams. */
const teams: TeamAssignment[] = [
  { ideaId: 'x', memberIds: ['a1', 'c1', 'c2'] },
  { ideaId: 'y', memberIds: ['a2', 'b1', 'b2'] },
];

const check = (edit: TeamEdit, options: { teams?: TeamAssignment[]; locks?: TeamLock[] } = {}) =>
  checkTeamMove({
    participants,
    ideas: [{ id: 'x' }, { id: 'y' }, { id: 'z' }],
    teams: options.teams ?? teams,
    rules,
    mentorIds: ['mentor'],
    locks: options.locks,
    edit,
  });

const summary = (list: { rule: TeamRuleName; ideaId: string | null; participantIds: string[] }[]) =>
  list
    .map(
      (v) =>
        `${v.rule}@${v.ideaId ?? '-'}${v.participantIds.length > 0 && v.rule !== 'teamSize' ? `:${v.participantIds.join('+')}` : ''}`,
    )
    .sort();

describe('checkTeamMove', () => {
  it.each<[string, TeamEdit, string[]]>([
    [
      'a clinician moved away leaves one alone in each team and overfills the other',
      { kind: 'move', participantId: 'c1', toIdeaId: 'y' },
      ['notIsolated@x:c2', 'notIsolated@y:c1', 'teamSize@y'],
    ],
    [
      'a swap that takes the only statistician out of a team',
      { kind: 'swap', participantIds: ['a1', 'b2'] },
      ['inEveryTeam@x'],
    ],
    [
      'a swap that puts a "rather not" pair together',
      { kind: 'swap', participantIds: ['a1', 'b1'] },
      ['separateAvoidedPairs@y:a1+b2'],
    ],
    [
      'a move to an idea that is not a team yet',
      { kind: 'move', participantId: 'a2', toIdeaId: 'z' },
      ['minDisciplines@y', 'minDisciplines@z', 'mixedCareerStages@z:a2', 'teamSize@z'],
    ],
  ])('%s', (_, edit, expected) => {
    const result = check(edit);
    expect(summary(result.warnings)).toEqual(expected);
    expect(result.resolved).toEqual([]);
  });

  it('returns the teams after the edit and both scores', () => {
    const result = check({ kind: 'move', participantId: 'a2', toIdeaId: 'z' });
    expect(result.teams).toEqual([
      { ideaId: 'x', memberIds: ['a1', 'c1', 'c2'] },
      { ideaId: 'y', memberIds: ['b1', 'b2'] },
      { ideaId: 'z', memberIds: ['a2'] },
    ]);
    expect(result.scoreBefore.interest).toBe(3 + 3 + 2 + 3 + 2 + 3);
    expect(result.scoreAfter.interest).toBe(3 + 3 + 2 + 0 + 2 + 3);
  });

  it('warns when a locked member leaves their team', () => {
    const result = check(
      { kind: 'move', participantId: 'b1', toIdeaId: 'x' },
      { locks: [{ ideaId: 'y', memberIds: ['b1'] }] },
    );
    expect(summary(result.warnings)).toContain('locks@-:b1');
  });

  it('warns when someone joins a team locked as complete', () => {
    const result = check(
      { kind: 'move', participantId: 'b2', toIdeaId: 'x' },
      { locks: [{ ideaId: 'x', memberIds: ['a1', 'c1', 'c2'], closed: true }] },
    );
    expect(summary(result.warnings)).toContain('locks@x:b2');
  });

  it('warns when a mentor is put on a team', () => {
    const result = check({ kind: 'move', participantId: 'mentor', toIdeaId: 'x' });
    expect(summary(result.warnings)).toContain('mentors@-:mentor');
  });

  it('lists what the edit mends', () => {
    const broken: TeamAssignment[] = [
      { ideaId: 'x', memberIds: ['a1', 'b2', 'c1', 'c2'] },
      { ideaId: 'y', memberIds: ['a2', 'b1'] },
    ];
    const result = check({ kind: 'move', participantId: 'b2', toIdeaId: 'y' }, { teams: broken });
    expect(result.warnings).toEqual([]);
    expect(summary(result.resolved)).toEqual([
      'mixedCareerStages@y:a2+b1',
      'separateAvoidedPairs@x:a1+b2',
      'teamSize@x',
    ]);
  });

  it('places someone who was on no team without a warning', () => {
    const result = check(
      { kind: 'move', participantId: 'b2', toIdeaId: 'y' },
      { teams: [teams[0], { ideaId: 'y', memberIds: ['a2', 'b1'] }] },
    );
    expect(result.warnings).toEqual([]);
    expect(summary(result.resolved)).toEqual(['assignment@-:b2', 'mixedCareerStages@y:a2+b1']);
  });

  it('warns again when a broken rule gets worse', () => {
    const crowded: TeamAssignment[] = [
      { ideaId: 'x', memberIds: ['a1', 'c1', 'c2', 'a2'] },
      { ideaId: 'y', memberIds: ['b1', 'b2'] },
    ];
    const result = check({ kind: 'move', participantId: 'b2', toIdeaId: 'x' }, { teams: crowded });
    expect(summary(result.warnings)).toEqual(
      expect.arrayContaining(['teamSize@x', 'separateAvoidedPairs@x:a1+b2']),
    );
  });

  it('rejects edits that name no participant, or swap someone without a team', () => {
    expect(() => check({ kind: 'move', participantId: 'ghost', toIdeaId: 'x' })).toThrow(
      expect.objectContaining({ code: 'TEAMS_INVALID_EDIT' }),
    );
    expect(() =>
      check(
        { kind: 'swap', participantIds: ['a1', 'b1'] },
        { teams: [{ ideaId: 'x', memberIds: ['a1'] }] },
      ),
    ).toThrow(expect.objectContaining({ code: 'TEAMS_INVALID_EDIT' }));
  });
});
