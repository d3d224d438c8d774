import { describe, expect, it } from 'vitest';
import { bars, compareRuns, moveTargets, parseSkills, sizeLabel } from './formation-logic';

describe('formation screens', () => {
  it('reads skills typed as one line, each once', () => {
    expect(parseSkills(' statistics, Imaging ,, statistics, imaging, trials ')).toEqual([
      'statistics',
      'Imaging',
      'trials',
    ]);
  });

  it('says how full a team is', () => {
    expect(sizeLabel(3, 5)).toBe('3 of 5');
    expect(sizeLabel(5, 5)).toBe('5 of 5 (full)');
    expect(sizeLabel(1, null)).toBe('1 person');
  });

  it('puts runs side by side in words', () => {
    const rows = compareRuns([
      {
        status: 'optimal',
        objective: 40,
        interest: 24,
        wantedPairsHonoured: 2,
        minSatisfaction: 2,
        baselineObjective: 35.5,
        teams: 2,
        unassigned: 0,
        seed: 'a',
      },
      {
        status: 'infeasible',
        objective: null,
        interest: null,
        wantedPairsHonoured: null,
        minSatisfaction: null,
        baselineObjective: null,
        teams: 0,
        unassigned: 8,
        seed: 'b',
      },
    ]);
    expect(rows.find((r) => r.label === 'Least-satisfied person')?.values).toEqual(['Keen', '—']);
    expect(rows.find((r) => r.label === 'Outcome')?.values[1]).toBe('The rules cannot all hold');
    expect(rows.find((r) => r.label === 'Classroom-tool baseline')?.values).toEqual(['35.5', '—']);
  });

  it('offers every other team that is not confirmed as a move target', () => {
    const teams = [
      { id: 'a', status: 'forming' },
      { id: 'b', status: 'locked' },
      { id: 'c', status: 'confirmed' },
    ];
    expect(moveTargets(teams, 'a').map((t) => t.id)).toEqual(['b']);
    expect(moveTargets(teams, null).map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('scales chart bars to the largest count', () => {
    expect(bars({ AI: 2, bio: 1 })).toEqual([
      { label: 'AI', count: 2, share: 1 },
      { label: 'bio', count: 1, share: 0.5 },
    ]);
  });
});
