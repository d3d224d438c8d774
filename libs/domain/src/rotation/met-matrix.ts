import type {
  HeldRound,
  MetMatrix,
  MetPair,
  RotationMetrics,
  RotationParticipant,
} from './rotation.types.js';

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Counts how often each pair shared a room in the given rounds. */
function countMeetings(rounds: readonly HeldRound[]): Map<string, number> {
  const meetings = new Map<string, number>();
  for (const round of rounds) {
    for (const room of round.rooms) {
      const ids = room.participantIds;
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const key = pairKey(ids[i], ids[j]);
          meetings.set(key, (meetings.get(key) ?? 0) + 1);
        }
      }
    }
  }
  return meetings;
}

/**
 * The "who has met whom" matrix over the given participants (default: everyone seated in
 * the rounds, in order of first appearance).
 */
export function buildMetMatrix({
  rounds,
  participantIds,
  alreadyMet = [],
}: {
  rounds: readonly HeldRound[];
  participantIds?: readonly string[];
  alreadyMet?: readonly MetPair[];
}): MetMatrix {
  let ids: string[];
  if (participantIds) {
    ids = [...participantIds];
  } else {
    const seen = new Set<string>();
    for (const round of rounds)
      for (const room of round.rooms) for (const id of room.participantIds) seen.add(id);
    ids = [...seen];
  }
  const index = new Map(ids.map((id, i) => [id, i]));
  const counts = ids.map(() => ids.map(() => 0));
  const metBefore = ids.map(() => ids.map(() => false));
  for (const round of rounds) {
    for (const room of round.rooms) {
      const seats = room.participantIds
        .map((id) => index.get(id))
        .filter((i): i is number => i !== undefined);
      for (let i = 0; i < seats.length; i++) {
        for (let j = i + 1; j < seats.length; j++) {
          counts[seats[i]][seats[j]]++;
          counts[seats[j]][seats[i]]++;
        }
      }
    }
  }
  for (const [a, b] of alreadyMet) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined && i !== j) metBefore[i][j] = metBefore[j][i] = true;
  }
  return { participantIds: ids, counts, metBefore };
}

/** How many rounds two participants shared a room in, read from a met matrix. */
export function meetingsBetween(matrix: MetMatrix, a: string, b: string): number {
  const i = matrix.participantIds.indexOf(a);
  const j = matrix.participantIds.indexOf(b);
  return i < 0 || j < 0 ? 0 : matrix.counts[i][j];
}

/**
 * The figures an organiser judges a rotation by. The discipline target of a room is
 * min(minDisciplinesPerRoom, room size, disciplines in the cohort): what the cohort allows.
 */
export function summariseRotation({
  rounds,
  participants,
  alreadyMet = [],
  minDisciplinesPerRoom = 0,
  neverAloneCareerStages = [],
}: {
  rounds: readonly HeldRound[];
  participants: readonly RotationParticipant[];
  alreadyMet?: readonly MetPair[];
  minDisciplinesPerRoom?: number;
  neverAloneCareerStages?: readonly string[];
}): RotationMetrics {
  const meetings = countMeetings(rounds);
  let repeats = 0;
  for (const m of meetings.values()) repeats += m - 1;
  const earlier = new Set(alreadyMet.map(([a, b]) => pairKey(a, b)));
  let earlierPairsMetAgain = 0;
  for (const key of meetings.keys()) if (earlier.has(key)) earlierPairsMetAgain++;

  const byId = new Map(participants.map((p) => [p.id, p]));
  const cohortDisciplines = new Set(participants.map((p) => p.discipline)).size;
  const protectedStages = new Set(neverAloneCareerStages);
  let minSize = Infinity;
  let maxSize = 0;
  let minDisciplinesInRoom = Infinity;
  let disciplineShortfall = 0;
  let loneCareerStageSeats = 0;
  const mentorMet = new Map<string, Set<string>>();
  const disciplinesPerRoom = rounds.map((round) =>
    round.rooms.map((room) => {
      const size = room.participantIds.length;
      minSize = Math.min(minSize, size);
      maxSize = Math.max(maxSize, size);
      const disciplines = new Set<string>();
      const stages = new Map<string, number>();
      for (const id of room.participantIds) {
        const person = byId.get(id);
        if (person) disciplines.add(person.discipline);
        const stage = person?.careerStage;
        if (stage !== undefined && protectedStages.has(stage))
          stages.set(stage, (stages.get(stage) ?? 0) + 1);
        if (room.mentorId !== undefined) {
          const met = mentorMet.get(id) ?? new Set<string>();
          met.add(room.mentorId);
          mentorMet.set(id, met);
        }
      }
      for (const count of stages.values()) if (count === 1) loneCareerStageSeats++;
      const target = Math.min(minDisciplinesPerRoom, size, cohortDisciplines);
      disciplineShortfall += Math.max(0, target - disciplines.size);
      minDisciplinesInRoom = Math.min(minDisciplinesInRoom, disciplines.size);
      return disciplines.size;
    }),
  );
  let mentorEncounters = 0;
  let minMentors = Infinity;
  let maxMentors = 0;
  for (const p of participants) {
    const met = mentorMet.get(p.id)?.size ?? 0;
    mentorEncounters += met;
    minMentors = Math.min(minMentors, met);
    maxMentors = Math.max(maxMentors, met);
  }
  return {
    pairsMet: meetings.size,
    repeats,
    earlierPairsMetAgain,
    roomSizeRange: { min: Number.isFinite(minSize) ? minSize : 0, max: maxSize },
    disciplinesPerRoom,
    minDisciplinesInRoom: Number.isFinite(minDisciplinesInRoom) ? minDisciplinesInRoom : 0,
    disciplineShortfall,
    loneCareerStageSeats,
    mentorEncounters,
    mentorsMetPerParticipant: {
      min: Number.isFinite(minMentors) ? minMentors : 0,
      max: maxMentors,
    },
  };
}
