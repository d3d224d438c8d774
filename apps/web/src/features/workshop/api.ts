import type { ApiClient } from '../../api/client';

export const SESSION_KINDS = ['plenary', 'breakout', 'ideation', 'pitch'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_STATES = ['scheduled', 'live', 'ended'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export interface SessionMaterial {
  title: string;
  url: string;
}

/** One session of the agenda: UTC instants, and labels already in the lab's time zone. */
export interface AgendaSession {
  id: string;
  kind: SessionKind;
  title: string;
  startsAt: string;
  endsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
  /** The workshop day in the lab's time zone, e.g. "2027-07-13". */
  day: string;
  materials: SessionMaterial[];
  meetingUrl: string | null;
  state: SessionState;
  version: number;
  updatedAt: string;
}

export interface Agenda {
  labId: string;
  timezone: string;
  sessions: AgendaSession[];
}

export interface SessionInput {
  kind: SessionKind;
  title: string;
  startsAt: string;
  endsAt: string;
  materials: SessionMaterial[];
  meetingUrl: string | null;
}

export type SessionPatch = Partial<SessionInput> & { version: number; state?: SessionState };

export interface Seat {
  userId: string;
  displayName: string;
}

export interface BreakoutRoom {
  id: string;
  position: number;
  name: string;
  meetingUrl: string | null;
  mentorId: string | null;
  capacity: number | null;
  occupancy: number;
  /** Organisers see who sits in each room (the mentor included). */
  participants?: Seat[];
}

export type RoundState = 'planned' | 'open' | 'closed';

export interface BreakoutRound {
  id: string;
  index: number;
  title: string;
  durationMinutes: number;
  state: RoundState;
  mode: 'assigned' | 'self-select';
  myRoomId: string | null;
  rooms: BreakoutRoom[];
}

export interface Rounds {
  sessionId: string;
  rounds: BreakoutRound[];
}

export interface RoomInput {
  name: string;
  meetingUrl?: string | null;
  mentorId?: string | null;
  capacity?: number | null;
}

export interface RoundInput {
  title: string;
  durationMinutes: number;
  mode: 'assigned' | 'self-select';
  rooms: RoomInput[];
}

export interface PlannedRoom {
  participantIds: string[];
  mentorId?: string;
}

export interface PlanInput {
  rounds: number;
  roomSize: number;
  minDisciplinesPerRoom?: number;
  seed?: string;
  neverAloneCareerStages?: string[];
  roundMinutes?: number;
}

/** What the planner reports about a plan (libs/domain RotationMetrics). */
export interface PlanMetrics {
  pairsMet?: number;
  repeats?: number;
  earlierPairsMetAgain?: number;
  roomSizeRange?: { min: number; max: number };
  disciplinesPerRoom?: number[][];
  minDisciplinesInRoom?: number;
  disciplineShortfall?: number;
  loneCareerStageSeats?: number;
  mentorEncounters?: number;
  mentorsMetPerParticipant?: { min: number; max: number };
  /** Repeats of the best plan without the lab's rules, and how many more the rules cost. */
  constraintCost?: { unconstrainedRepeats: number; extraRepeats: number; proven: boolean } | null;
}

/** One run of the rotation planner, kept with its inputs and seed. */
export interface RotationPlan {
  id: string;
  sessionId: string;
  seed: string;
  inputs: {
    rounds: number;
    roomSize: number;
    minDisciplinesPerRoom: number;
    roundMinutes: number;
    neverAloneCareerStages: string[];
    participants: { id: string; discipline: string; careerStage?: string }[];
    mentors: { id: string }[];
    heldRounds: { rooms: PlannedRoom[] }[];
  };
  pairsMet: number;
  repeats: number;
  metrics: PlanMetrics;
  rounds: { rooms: PlannedRoom[] }[];
  adoptedAt: string | null;
  createdAt: string;
}

/** Who has met whom in the session's rounds: counts[i][j] rounds shared by i and j. */
export interface MetMatrixData {
  participants: Seat[];
  counts: number[][];
  pairsMet: number;
  repeats: number;
}

export interface ParticipantProfile {
  userId: string;
  displayName: string;
  /** The one discipline the rotation planner mixes by. */
  discipline: string | null;
  careerStage: string | null;
  /** Every discipline the person declared. */
  disciplines?: string[];
  institution?: string | null;
  /** `organiser`: set by hand (wins); `application`: read from their application; null: unknown. */
  source?: 'organiser' | 'application' | null;
}

const id = (value: string) => encodeURIComponent(value);

/** Agenda, control room, rotation planner: one typed function per API route. */
export function workshopApi(client: ApiClient) {
  const lab = (labId: string) => `/labs/${id(labId)}`;
  const session = (labId: string, sessionId: string) => `${lab(labId)}/sessions/${id(sessionId)}`;
  const round = (labId: string, sessionId: string, roundId: string) =>
    `${session(labId, sessionId)}/rounds/${id(roundId)}`;
  return {
    agenda: {
      get: (labId: string) => client.request<Agenda>('GET', `${lab(labId)}/agenda`),
      /** The agenda as an iCalendar file (behind sign-in, so fetched rather than linked). */
      calendar: (labId: string) => client.download(`${lab(labId)}/agenda.ics`),
      create: (labId: string, input: SessionInput) =>
        client.request<AgendaSession>('POST', `${lab(labId)}/sessions`, { body: input }),
      update: (labId: string, sessionId: string, patch: SessionPatch) =>
        client.request<AgendaSession>('PATCH', session(labId, sessionId), { body: patch }),
      remove: (labId: string, sessionId: string) =>
        client.request<void>('DELETE', session(labId, sessionId)),
    },
    breakout: {
      rounds: (labId: string, sessionId: string) =>
        client.request<Rounds>('GET', `${session(labId, sessionId)}/rounds`),
      createRound: (labId: string, sessionId: string, input: RoundInput) =>
        client.request<Rounds>('POST', `${session(labId, sessionId)}/rounds`, { body: input }),
      setRoundState: (
        labId: string,
        sessionId: string,
        roundId: string,
        state: 'open' | 'closed',
      ) =>
        client.request<Rounds>('POST', `${round(labId, sessionId, roundId)}/state`, {
          body: { state },
        }),
      updateRoom: (
        labId: string,
        sessionId: string,
        roundId: string,
        roomId: string,
        input: Partial<RoomInput>,
      ) =>
        client.request<Rounds>('PATCH', `${round(labId, sessionId, roundId)}/rooms/${id(roomId)}`, {
          body: input,
        }),
      move: (labId: string, sessionId: string, roundId: string, userId: string, roomId: string) =>
        client.request<Rounds>('POST', `${round(labId, sessionId, roundId)}/moves`, {
          body: { userId, roomId },
        }),
      swap: (labId: string, sessionId: string, roundId: string, userIds: [string, string]) =>
        client.request<Rounds>('POST', `${round(labId, sessionId, roundId)}/swaps`, {
          body: { userIds },
        }),
      plans: (labId: string, sessionId: string) =>
        client.request<RotationPlan[]>('GET', `${session(labId, sessionId)}/plans`),
      createPlan: (labId: string, sessionId: string, input: PlanInput) =>
        client.request<RotationPlan>('POST', `${session(labId, sessionId)}/plans`, {
          body: input,
        }),
      adopt: (labId: string, sessionId: string, planId: string) =>
        client.request<Rounds>('POST', `${session(labId, sessionId)}/plans/${id(planId)}/adopt`),
      metMatrix: (labId: string, sessionId: string) =>
        client.request<MetMatrixData>('GET', `${session(labId, sessionId)}/met-matrix`),
    },
    participants: {
      list: (labId: string) =>
        client.request<ParticipantProfile[]>('GET', `${lab(labId)}/participants`),
      setProfile: (
        labId: string,
        userId: string,
        profile: { discipline: string; careerStage: string | null },
      ) =>
        client.request<ParticipantProfile>(
          'PUT',
          `${lab(labId)}/participants/${id(userId)}/profile`,
          { body: profile },
        ),
    },
  };
}

export type WorkshopApi = ReturnType<typeof workshopApi>;
