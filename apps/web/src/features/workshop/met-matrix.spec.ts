import { describe, expect, it } from 'vitest';
import { layoutMetMatrix, levelOf, metMatrixOfRounds, shortNames } from './met-matrix';

const people = [
  { userId: 'a', displayName: 'Ada Lovelace' },
  { userId: 'b', displayName: 'Ben Okafor' },
  { userId: 'c', displayName: 'Chen Wei' },
  { userId: 'd', displayName: 'Dana Ivanova' },
];

describe('metMatrixOfRounds', () => {
  it('counts each shared room once per round and reports pairs and repeats', () => {
    const data = metMatrixOfRounds(
      [
        { rooms: [{ participantIds: ['a', 'b'] }, { participantIds: ['c', 'd'] }] },
        { rooms: [{ participantIds: ['a', 'b', 'c'] }, { participantIds: ['d'] }] },
      ],
      people,
    );
    expect(data.counts[0][1]).toBe(2);
    expect(data.counts[1][0]).toBe(2);
    expect(data.counts[0][3]).toBe(0);
    expect(data.pairsMet).toBe(4); // ab, cd, ac, bc
    expect(data.repeats).toBe(1); // ab twice
  });

  it('ignores ids that are not among the participants (someone who left)', () => {
    const data = metMatrixOfRounds([{ rooms: [{ participantIds: ['a', 'zed'] }] }], people);
    expect(data.pairsMet).toBe(0);
  });
});

describe('layoutMetMatrix', () => {
  it('labels every cell for screen readers and counts whom each person met', () => {
    const layout = layoutMetMatrix(
      metMatrixOfRounds(
        [
          { rooms: [{ participantIds: ['a', 'b'] }, { participantIds: ['c', 'd'] }] },
          { rooms: [{ participantIds: ['a', 'b'] }] },
        ],
        people,
      ),
    );
    expect(layout.pairsPossible).toBe(6);
    expect(layout.rows[0].cells[1]).toEqual({
      count: 2,
      level: 'repeat',
      label: 'Ada Lovelace and Ben Okafor met twice',
    });
    expect(layout.rows[0].cells[0].level).toBe('self');
    expect(layout.rows[2].cells[3].label).toBe('Chen Wei and Dana Ivanova met once');
    expect(layout.rows[0].cells[2].label).toBe('Ada Lovelace and Chen Wei met never');
    expect(layout.rows.map((r) => r.met)).toEqual([1, 1, 1, 1]);
  });
});

describe('shortNames', () => {
  it.each([
    [['Ada Lovelace'], ['AL']],
    [['Participant 3 x1'], ['P3X']],
    [
      ['Ada Lovelace', 'Alan Lee', 'Ben'],
      ['AL1', 'AL2', 'B'],
    ],
    [['  '], ['?']],
  ])('%j → %j', (names, expected) => {
    expect(shortNames(names)).toEqual(expected);
  });
});

describe('levelOf', () => {
  it.each([
    [0, false, 'never'],
    [1, false, 'once'],
    [3, false, 'repeat'],
    [0, true, 'self'],
  ] as const)('%i (self: %s) → %s', (count, self, level) => {
    expect(levelOf(count, self)).toBe(level);
  });
});
