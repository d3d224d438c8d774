import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { findTeamRuleViolations } from './check-team-move.js';
import { formTeams } from './form-teams.js';
import { formTeamsBaseline } from './team-formation-baseline.js';
import { prepareFormationInput } from './team-formation-data.js';
import { TeamFormationError } from './team-formation.errors.js';
import { findViolations } from './team-rules.js';
import { scoreAssignment } from './team-score.js';
import type {
  TeamFormationInput,
  TeamFormationParticipant,
  TeamRules,
} from './team-formation.types.js';

const DISCIPLINES = ['AI', 'bioinformatics', 'clinical practice'];
const STAGES = ['early career', 'senior'];
const SKILLS = ['statistics', 'imaging'];

function person(
  id: string,
  overrides: Partial<TeamFormationParticipant> = {},
): TeamFormationParticipant {
  return { id, discipline: 'AI', careerStage: 'early career', ...overrides };
}

/** The best objective over every assignment that keeps every rule, or null when none does. */
function bruteForce(input: TeamFormationInput): number | null {
  const data = prepareFormationInput(input);
  const n = data.people.length;
  const m = data.ideaIds.length;
  const assignment = new Int32Array(n).fill(-1);
  let best: number | null = null;
  const visit = (p: number): void => {
    if (p === n) {
      if (findViolations({ data, assignment }).length === 0) {
        const { objective } = scoreAssignment({ data, assignment });
        if (best === null || objective > best) best = objective;
      }
      return;
    }
    const locked = data.lockedIdea[p];
    for (let i = 0; i < m; i++) {
      if (locked !== -1 && i !== locked) continue;
      assignment[p] = i;
      visit(p + 1);
    }
    assignment[p] = -1;
  };
  visit(0);
  return best;
}

/** Small labs (at most 9 people, 3 ideas) with every rule switched on or off at random. */
const labArbitrary = fc
  .record({ n: fc.integer({ min: 2, max: 9 }), m: fc.integer({ min: 1, max: 3 }) })
  .filter(({ n, m }) => m ** n <= 20_000)
  .chain(({ n, m }) => {
    const ids = Array.from({ length: n }, (_, p) => `p${p}`);
    const ideaIds = Array.from({ length: m }, (_, i) => `idea-${i}`);
    return fc.record({
      participants: fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(id),
            discipline: fc.constantFrom(...DISCIPLINES),
            careerStage: fc.constantFrom(...STAGES),
            skills: fc.subarray(SKILLS),
            interests: fc
              .tuple(...ideaIds.map(() => fc.integer({ min: 0, max: 3 })))
              .map((values) => Object.fromEntries(ideaIds.map((idea, i) => [idea, values[i]]))),
            wants: fc.subarray(
              ids.filter((other) => other !== id),
              { maxLength: Math.min(2, n - 1) },
            ),
            avoids: fc.subarray(
              ids.filter((other) => other !== id),
              { maxLength: 1 },
            ),
          }),
        ),
      ),
      ideas: fc.constant(ideaIds.map((id) => ({ id }))),
      rules: fc.record({
        teamCount: fc
          .tuple(fc.integer({ min: 0, max: Math.min(2, m) }), fc.integer({ min: 1, max: m }))
          .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
        teamSize: fc.option(
          fc
            .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 6 }))
            .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
        ),
        minDisciplines: fc.constantFrom(null, null, 2, 3),
        mixedCareerStages: fc.constantFrom(false, false, true),
        notIsolated: fc.constantFrom(
          [],
          [],
          [{ category: 'discipline' as const, value: 'clinical practice' }],
        ),
        inEveryTeam: fc.constantFrom([], [], [{ category: 'skill' as const, value: 'statistics' }]),
        separateAvoidedPairs: fc.constantFrom(false, false, true),
        rewardWantedPairs: fc.boolean(),
      }),
      locks: fc.oneof(
        { arbitrary: fc.constant(null), weight: 2 },
        {
          arbitrary: fc.record({
            ideaId: fc.constantFrom(...ideaIds),
            memberIds: fc.subarray(ids.slice(1), { maxLength: Math.min(2, n - 1) }),
            closed: fc.constantFrom(false, false, true),
          }),
          weight: 1,
        },
      ),
      mentor: fc.boolean(),
      weights: fc.option(
        fc.record({
          interest: fc.integer({ min: 1, max: 2 }),
          wantedPair: fc.integer({ min: 0, max: 2 }),
          fairness: fc.integer({ min: 0, max: 4 }),
        }),
      ),
      seed: fc.integer({ min: 0, max: 1000 }),
    });
  })
  .map(({ participants, ideas, rules, locks, mentor, weights, seed }) => {
    const input: TeamFormationInput = {
      // The first listed person is also named a mentor half of the time: never a member.
      participants,
      ideas,
      rules: rules as TeamRules,
      mentorIds: mentor ? [participants[0].id] : [],
      locks: locks ? [locks] : [],
      weights: weights ?? undefined,
      seed,
    };
    return input;
  });

describe('formTeams', () => {
  it('keeps every rule, equals the brute-force optimum, or reports why no teams exist', async () => {
    const seen = { feasible: 0, infeasible: 0 };
    await fc.assert(
      fc.asyncProperty(labArbitrary, async (input) => {
        const result = await formTeams(input);
        const best = bruteForce(input);
        if (best === null) {
          seen.infeasible++;
          expect(result.status).toBe('infeasible');
          expect(result.teams).toEqual([]);
          const report = result.infeasibility!;
          expect(report.conflicts.length + report.relaxation.length).toBeGreaterThan(0);
          expect(report.messages.length).toBeGreaterThan(0);
          return;
        }
        seen.feasible++;
        expect(result.status).toBe('optimal');
        expect(findTeamRuleViolations({ ...input, teams: result.teams })).toEqual([]);
        expect(result.objective).toBeCloseTo(best, 6);
        const mentors = new Set(input.mentorIds);
        for (const team of result.teams) {
          expect(team.memberIds.some((id) => mentors.has(id))).toBe(false);
        }
        expect(result.explanations.map((e) => e.participantId).sort()).toEqual(
          result.teams.flatMap((team) => team.memberIds).sort(),
        );
      }),
      { numRuns: 80, seed: 20_201 },
    );
    // Both kinds of case were drawn (fast-check also replays shrunk cases, hence ≥).
    expect(seen.feasible).toBeGreaterThanOrEqual(15);
    expect(seen.infeasible).toBeGreaterThanOrEqual(15);
  }, 120_000);

  it('gives the same teams for the same seed, whatever order people are listed in', async () => {
    await fc.assert(
      fc.asyncProperty(labArbitrary, async (input) => {
        const first = await formTeams(input);
        const again = await formTeams({
          ...input,
          participants: [...input.participants].reverse(),
        });
        expect(again.teams).toEqual(first.teams);
        expect(again.objective).toBe(first.objective);
      }),
      { numRuns: 25, seed: 7 },
    );
  }, 120_000);

  it('is never worse than the greedy baseline', async () => {
    await fc.assert(
      fc.asyncProperty(labArbitrary, async (input) => {
        const baseline = formTeamsBaseline(input);
        const result = await formTeams(input);
        if (baseline.violations.length === 0) {
          expect(result.objective).not.toBeNull();
          expect(result.objective!).toBeGreaterThanOrEqual(baseline.score.objective - 1e-9);
        }
      }),
      { numRuns: 25, seed: 11 },
    );
  }, 120_000);

  it('keeps locked teams and members, and leaves mentors out', async () => {
    const participants = [
      person('ana', { discipline: 'AI', interests: { a: 3, b: 0 } }),
      person('ben', { discipline: 'bioinformatics', interests: { a: 0, b: 3 } }),
      person('cai', { discipline: 'clinical practice', interests: { a: 3, b: 1 } }),
      person('dee', { discipline: 'AI', interests: { a: 1, b: 3 } }),
      person('mentor', { discipline: 'AI', interests: { a: 3, b: 3 } }),
    ];
    const result = await formTeams({
      participants,
      ideas: [{ id: 'a' }, { id: 'b' }],
      rules: { teamCount: { min: 1, max: 2 }, teamSize: { min: 2, max: 2 } },
      mentorIds: ['mentor'],
      locks: [{ ideaId: 'a', memberIds: ['ben'] }],
    });
    expect(result.status).toBe('optimal');
    expect(result.excludedMentorIds).toEqual(['mentor']);
    expect(result.warnings.map((w) => w.code)).toContain('MENTOR_LEFT_OUT');
    const teamA = result.teams.find((team) => team.ideaId === 'a')!;
    expect(teamA.memberIds).toContain('ben');
    expect(teamA.lockedMemberIds).toEqual(['ben']);
    expect(teamA.locked).toBe(true);
    expect(result.teams.flatMap((team) => team.memberIds)).not.toContain('mentor');
  });

  it('rewards wanted pairs and weighs the least-satisfied participant', async () => {
    const participants = [
      person('ana', { interests: { a: 3, b: 2 }, wants: ['ben'] }),
      person('ben', { interests: { a: 2, b: 3 } }),
      person('cai', { interests: { a: 1, b: 3 } }),
      person('dee', { interests: { a: 3, b: 1 } }),
    ];
    const base = {
      participants,
      ideas: [{ id: 'a' }, { id: 'b' }],
      rules: { teamCount: { min: 2, max: 2 }, teamSize: { min: 2, max: 2 } },
    };
    // Interest alone: ana and dee on a, ben and cai on b (12 points).
    const plain = await formTeams({ ...base, weights: { wantedPair: 0 } });
    expect(plain.score).toMatchObject({ interest: 12, minSatisfaction: 3 });
    // With ana's request rewarded (weight 4), ana joins ben although it costs interest.
    const paired = await formTeams({
      ...base,
      rules: { ...base.rules, rewardWantedPairs: true },
      weights: { wantedPair: 4, fairness: 0 },
    });
    const teamOfAna = paired.teams.find((team) => team.memberIds.includes('ana'))!;
    expect(teamOfAna.memberIds).toContain('ben');
    expect(paired.score?.wantedPairsHonoured).toBe(1);
  });

  it('reports the smallest change when the rules cannot all hold', async () => {
    const participants = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'].map((id) =>
      person(id, {
        discipline: id.startsWith('a')
          ? 'AI'
          : id.startsWith('b')
            ? 'bioinformatics'
            : 'clinical practice',
        interests: { x: 2, y: 2 },
      }),
    );
    const result = await formTeams({
      participants,
      ideas: [{ id: 'x' }, { id: 'y' }],
      rules: { teamCount: { min: 2, max: 2 }, teamSize: { min: 3, max: 3 }, minDisciplines: 4 },
    });
    expect(result.status).toBe('infeasible');
    const report = result.infeasibility!;
    expect(report.conflicts.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['too-few-disciplines', 'disciplines-above-team-size']),
    );
    expect(report.relaxation).toEqual([
      expect.objectContaining({ rule: 'minDisciplines', change: 'lower-min', from: 4, to: 3 }),
    ]);
    expect(report.relaxedTeams).toHaveLength(2);
  });

  it('explains rules that only clash in combination', async () => {
    // Three people who would each rather not work with the next, one team allowed.
    const result = await formTeams({
      participants: [
        person('a', { avoids: ['b'], interests: { x: 3 } }),
        person('b', { interests: { x: 3 } }),
        person('c', { interests: { x: 3 } }),
      ],
      ideas: [{ id: 'x' }, { id: 'y' }],
      rules: { teamCount: { min: 1, max: 1 }, separateAvoidedPairs: true },
    });
    expect(result.status).toBe('infeasible');
    const report = result.infeasibility!;
    expect(report.conflicts).toEqual([]);
    expect(report.relaxation).toHaveLength(1);
    expect(['teamCount', 'separateAvoidedPairs']).toContain(report.relaxation[0].rule);
    expect(report.messages.join(' ')).toMatch(/to form teams/);
  });

  it('names people and teams in what organisers read, never by id', async () => {
    const result = await formTeams({
      participants: [
        person('p-1', { avoids: ['p-2'], interests: { x: 3 } }),
        person('p-2', { interests: { x: 3 } }),
        person('p-3', { discipline: 'clinical practice', interests: { x: 3, y: 3 } }),
      ],
      ideas: [{ id: 'x' }, { id: 'y' }],
      locks: [{ ideaId: 'x', memberIds: ['p-1', 'p-2'] }],
      rules: {
        teamCount: { min: 1, max: 2 },
        separateAvoidedPairs: true,
        notIsolated: [{ category: 'discipline', value: 'clinical practice' }],
      },
      names: {
        people: { 'p-1': 'Ada Lovelace', 'p-2': 'Grace Hopper', 'p-3': 'Alan Turing' },
        ideas: { x: 'Tumour twin', y: 'Trial emulator' },
      },
    });
    expect(result.status).toBe('infeasible');
    const report = result.infeasibility!;
    const words = [...report.messages, ...report.relaxation.map((r) => r.message)].join('\n');
    expect(words).toContain(
      'Ada Lovelace and Grace Hopper are locked together on team "Tumour twin"',
    );
    expect(words).toContain('Alan Turing is the only participant of');
    expect(words).not.toMatch(/p-\d|\bx\b|\by\b/);
    // The structured fields keep the ids, for screens that link to people.
    expect(report.conflicts.flatMap((c) => c.participantIds)).toContain('p-1');
  });

  it('rejects input no organiser could mean, with stable codes', async () => {
    const rules = { teamCount: { min: 1, max: 1 } };
    const ideas = [{ id: 'x' }];
    const cases: [Partial<TeamFormationInput>, string][] = [
      [{ participants: [person('a'), person('a')] }, 'TEAMS_DUPLICATE_PARTICIPANT'],
      [{ participants: [person('a', { interests: { x: 4 } })] }, 'TEAMS_INVALID_INTEREST'],
      [{ ideas: [{ id: 'x' }, { id: 'x' }] }, 'TEAMS_DUPLICATE_IDEA'],
      [{ rules: { teamCount: { min: -1, max: 1 } } }, 'TEAMS_INVALID_RULE'],
      [{ rules: { ...rules, teamSize: { min: 1.5, max: 3 } } }, 'TEAMS_INVALID_RULE'],
      [{ weights: { fairness: -1 } }, 'TEAMS_INVALID_WEIGHT'],
      [{ locks: [{ ideaId: 'nope', memberIds: [] }] }, 'TEAMS_INVALID_LOCK'],
      [{ locks: [{ ideaId: 'x', memberIds: ['ghost'] }] }, 'TEAMS_INVALID_LOCK'],
      [{ mentorIds: ['a'], locks: [{ ideaId: 'x', memberIds: ['a'] }] }, 'TEAMS_INVALID_LOCK'],
    ];
    for (const [patch, code] of cases) {
      const input: TeamFormationInput = { participants: [person('a')], ideas, rules, ...patch };
      await expect(formTeams(input)).rejects.toMatchObject({ code });
      await expect(formTeams(input)).rejects.toBeInstanceOf(TeamFormationError);
    }
  });

  it('returns plain data a worker can pass on', async () => {
    const result = await formTeams({
      participants: [person('a', { interests: { x: 2 } }), person('b', { interests: { x: 1 } })],
      ideas: [{ id: 'x' }],
      rules: { teamCount: { min: 1, max: 1 } },
    });
    expect(structuredClone(result)).toEqual(result);
    expect(result.teams[0].composition).toMatchObject({
      size: 2,
      disciplines: { AI: 2 },
      careerStages: { 'early career': 2 },
      interestCounts: [0, 1, 1, 0],
      meanInterest: 1.5,
    });
  });
});
