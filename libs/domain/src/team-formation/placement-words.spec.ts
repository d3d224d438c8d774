import { describe, expect, it } from 'vitest';
import { describePlacement, teamComposition } from './placement-words.js';

describe('team formation in words', () => {
  it("counts a team's disciplines, stages and interest in its idea", () => {
    const composition = teamComposition({
      ideaId: 'twin',
      members: [
        {
          id: 'a',
          discipline: 'AI',
          careerStage: 'senior',
          interests: { twin: 3 },
          skills: ['stats'],
        },
        { id: 'b', discipline: 'AI', careerStage: 'early', interests: { twin: 1 } },
        { id: 'c', discipline: 'oncology', careerStage: 'early' },
      ],
    });
    expect(composition.disciplines).toEqual({ AI: 2, oncology: 1 });
    expect(composition.careerStages).toEqual({ early: 2, senior: 1 });
    expect(composition.interestCounts).toEqual([1, 1, 0, 1]);
    expect(composition.meanInterest).toBeCloseTo(4 / 3);
    expect(composition.skills).toEqual({ stats: 1 });
  });

  it('tells a participant why they are on their team, naming who asked for them', () => {
    const names: Record<string, string> = { b: 'Ben', c: 'Cleo' };
    const lines = describePlacement({
      explanation: {
        participantId: 'a',
        ideaId: 'twin',
        interest: 2,
        reasons: [
          { code: 'INTEREST', interest: 2, best: 3 },
          { code: 'ASKED_FOR_BY', participantIds: ['b', 'c'] },
          { code: 'RULES', rules: ['teamSize', 'minDisciplines'] },
        ],
      },
      ideaTitle: 'Tumour twin',
      nameOf: (id) => names[id],
    });
    expect(lines).toEqual([
      'Your interest in "Tumour twin": keen (you rated another idea that became a team higher).',
      'Ben and Cleo asked to work with you.',
      'A team you rated higher could not take you without breaking the team sizes and the mix of disciplines each team needs.',
    ]);
  });
});
