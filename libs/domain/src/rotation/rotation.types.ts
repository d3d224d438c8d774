/** Someone to seat in breakout rooms. */
export interface RotationParticipant {
  id: string;
  /** One of the lab's expertise areas, e.g. "bioinformatics". */
  discipline: string;
  careerStage?: string;
}

/** A mentor who visits one room per round. */
export interface RotationMentor {
  id: string;
  /** Expertise areas; used to break ties in favour of rooms whose disciplines they know. */
  expertise?: readonly string[];
}

export interface PlannedRoom {
  participantIds: string[];
  mentorId?: string;
}

export interface PlannedRound {
  rooms: PlannedRoom[];
}

/** A round that is kept as it is (already run, or locked by the organiser). */
export interface HeldRound {
  rooms: readonly { participantIds: readonly string[]; mentorId?: string }[];
}

/** Two participants who met in an earlier session. */
export type MetPair = readonly [string, string];

export interface RotationMetrics {
  /** Distinct pairs of participants who shared a room at least once in this session. */
  pairsMet: number;
  /** Pair meetings beyond the first within this session: Σ over pairs max(0, meetings − 1). */
  repeats: number;
  /** Pairs who meet in this session although they met in an earlier one (`alreadyMet`). */
  earlierPairsMetAgain: number;
  roomSizeRange: { min: number; max: number };
  /** round → room → number of distinct disciplines among the room's participants. */
  disciplinesPerRoom: number[][];
  /** The fewest distinct disciplines in any room (0 when there are no rooms). */
  minDisciplinesInRoom: number;
  /** Σ over rooms of how many disciplines the room lacks for its target (0 = rule honoured). */
  disciplineShortfall: number;
  /** Rooms × protected career stages where exactly one member has that stage. */
  loneCareerStageSeats: number;
  /** Distinct (mentor, participant) pairs that shared a room. */
  mentorEncounters: number;
  /** Fewest and most distinct mentors met by one participant. */
  mentorsMetPerParticipant: { min: number; max: number };
}

/** Who met whom, for the organiser's matrix view. */
export interface MetMatrix {
  participantIds: string[];
  /** counts[i][j]: rounds of this session in which participants i and j shared a room. */
  counts: number[][];
  /** metBefore[i][j]: the pair met in an earlier session. */
  metBefore: boolean[][];
}
