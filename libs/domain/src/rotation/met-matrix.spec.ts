import { describe, expect, it } from 'vitest';
import { buildMetMatrix, meetingsBetween, summariseRotation } from './met-matrix.js';

const rounds = [
  {
    rooms: [
      { participantIds: ['ana', 'ben', 'cy'], mentorId: 'm1' },
      { participantIds: ['dee', 'eve'], mentorId: 'm2' },
    ],
  },
  {
    rooms: [
      { participantIds: ['ana', 'dee', 'cy'], mentorId: 'm2' },
      { participantIds: ['ben', 'eve'] },
    ],
  },
];
const participants = [
  { id: 'ana', discipline: 'AI', careerStage: 'early-career' },
  { id: 'ben', discipline: 'AI' },
  { id: 'cy', discipline: 'cancer research' },
  { id: 'dee', discipline: 'clinical practice', careerStage: 'early-career' },
  { id: 'eve', discipline: 'AI' },
];

describe('buildMetMatrix', () => {
  it('counts shared rooms per pair and marks pairs from earlier sessions', () => {
    const matrix = buildMetMatrix({ rounds, alreadyMet: [['ben', 'eve']] });
    expect(matrix.participantIds).toEqual(['ana', 'ben', 'cy', 'dee', 'eve']);
    expect(meetingsBetween(matrix, 'ana', 'cy')).toBe(2);
    expect(meetingsBetween(matrix, 'cy', 'ana')).toBe(2);
    expect(meetingsBetween(matrix, 'ana', 'eve')).toBe(0);
    expect(meetingsBetween(matrix, 'ana', 'nobody')).toBe(0);
    expect(matrix.metBefore[1][4]).toBe(true);
    expect(matrix.metBefore[4][1]).toBe(true);
    expect(matrix.metBefore[0][1]).toBe(false);
  });
});

describe('summariseRotation', () => {
  it('reports pairs, repeats, sizes, disciplines, lone stages and mentors', () => {
    const metrics = summariseRotation({
      rounds,
      participants,
      alreadyMet: [['ben', 'eve']],
      minDisciplinesPerRoom: 3,
      neverAloneCareerStages: ['early-career'],
    });
    // Round 1: ana-ben, ana-cy, ben-cy, dee-eve; round 2: ana-dee, ana-cy (again), cy-dee, ben-eve.
    expect(metrics.pairsMet).toBe(7);
    expect(metrics.repeats).toBe(1);
    expect(metrics.earlierPairsMetAgain).toBe(1);
    expect(metrics.roomSizeRange).toEqual({ min: 2, max: 3 });
    expect(metrics.disciplinesPerRoom).toEqual([
      [2, 2],
      [3, 1],
    ]);
    expect(metrics.minDisciplinesInRoom).toBe(1);
    // Targets: min(3, size, 3 disciplines) → 3, 2, 3, 2; shortfalls 1 + 0 + 0 + 1.
    expect(metrics.disciplineShortfall).toBe(2);
    // ana alone in round 1, dee alone in round 1; together in round 2.
    expect(metrics.loneCareerStageSeats).toBe(2);
    // ana m1 m2, ben m1, cy m1 m2, dee m2 (twice), eve m2.
    expect(metrics.mentorEncounters).toBe(7);
    expect(metrics.mentorsMetPerParticipant).toEqual({ min: 1, max: 2 });
  });
});
