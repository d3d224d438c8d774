import type { MetMatrixData, PlannedRoom, Seat } from './api';

/** How often a pair met, as the heatmap shows it. */
export type MeetingLevel = 'self' | 'never' | 'once' | 'repeat';

export interface MatrixCell {
  count: number;
  level: MeetingLevel;
  /** What a screen reader and the tooltip say: "Ana and Ben met twice". */
  label: string;
}

export interface MatrixRow {
  person: Seat;
  /** A short column heading: initials, made unique with a number when two people share them. */
  short: string;
  /** Distinct people this person met. */
  met: number;
  cells: MatrixCell[];
}

export interface MatrixLayout {
  rows: MatrixRow[];
  pairsMet: number;
  pairsPossible: number;
  repeats: number;
}

const TIMES = ['never', 'once', 'twice'];

function times(count: number): string {
  return TIMES[count] ?? `${count} times`;
}

export function levelOf(count: number, self: boolean): MeetingLevel {
  if (self) return 'self';
  if (count <= 0) return 'never';
  return count === 1 ? 'once' : 'repeat';
}

/** "Ada Lovelace" → "AL"; "participant 3" → "P3"; unique across the list. */
export function shortNames(names: readonly string[]): string[] {
  const base = names.map((name) => {
    const words = name.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return '?';
    const letters = words
      .map((word) => (/^\d+$/.test(word) ? word : word[0].toUpperCase()))
      .join('');
    return letters.slice(0, 4);
  });
  const seen = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const b of base) totals.set(b, (totals.get(b) ?? 0) + 1);
  return base.map((b) => {
    if ((totals.get(b) ?? 0) < 2) return b;
    const n = (seen.get(b) ?? 0) + 1;
    seen.set(b, n);
    return `${b}${n}`;
  });
}

/** The heatmap of who met whom: one row per participant, one cell per other participant. */
export function layoutMetMatrix(data: MetMatrixData): MatrixLayout {
  const { participants, counts } = data;
  const shorts = shortNames(participants.map((p) => p.displayName));
  const rows = participants.map((person, i) => {
    const cells = participants.map((other, j) => {
      const count = i === j ? 0 : (counts[i]?.[j] ?? 0);
      const level = levelOf(count, i === j);
      return {
        count,
        level,
        label:
          level === 'self'
            ? person.displayName
            : `${person.displayName} and ${other.displayName} met ${times(count)}`,
      };
    });
    return {
      person,
      short: shorts[i],
      met: cells.filter((c) => c.level === 'once' || c.level === 'repeat').length,
      cells,
    };
  });
  const n = participants.length;
  return {
    rows,
    pairsMet: data.pairsMet,
    pairsPossible: (n * (n - 1)) / 2,
    repeats: data.repeats,
  };
}

/**
 * The who-has-met matrix of a set of rounds (a plan not adopted yet), computed the way the
 * server computes it for held rounds: each pair counts once per round they share a room.
 */
export function metMatrixOfRounds(
  rounds: readonly { rooms: readonly PlannedRoom[] }[],
  participants: readonly Seat[],
): MetMatrixData {
  const index = new Map(participants.map((p, i) => [p.userId, i]));
  const counts = participants.map(() => participants.map(() => 0));
  for (const round of rounds) {
    for (const room of round.rooms) {
      const members = room.participantIds
        .map((pid) => index.get(pid))
        .filter((i): i is number => i !== undefined);
      for (const a of members) for (const b of members) if (a !== b) counts[a][b] += 1;
    }
  }
  let pairsMet = 0;
  let repeats = 0;
  for (let i = 0; i < participants.length; i++)
    for (let j = i + 1; j < participants.length; j++) {
      if (counts[i][j] > 0) pairsMet += 1;
      repeats += Math.max(0, counts[i][j] - 1);
    }
  return { participants: [...participants], counts, pairsMet, repeats };
}
