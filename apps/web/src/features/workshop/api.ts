import { data, download, http } from '../../api/http';
import type { Schema } from '../../api/types';

// The workshop (agenda, breakout rounds, rotation planner, participant profiles): names for its
// shapes, all from the generated contract, and the calls its screens make through `http`.

export type Agenda = Schema<'Agenda'>;
/** One session of the agenda: UTC instants, and labels already in the lab's time zone. */
export type AgendaSession = Schema<'Session'>;
export type SessionKind = AgendaSession['kind'];
export type SessionState = AgendaSession['state'];
export type SessionMaterial = AgendaSession['materials'][number];
export type SessionInput = Schema<'CreateSession'>;
export type SessionPatch = Schema<'UpdateSession'>;

export const SESSION_KINDS = [
  'plenary',
  'breakout',
  'ideation',
  'pitch',
] as const satisfies readonly SessionKind[];
export const SESSION_STATES = [
  'scheduled',
  'live',
  'ended',
] as const satisfies readonly SessionState[];

export type Rounds = Schema<'Rounds'>;
export type BreakoutRound = Rounds['rounds'][number];
export type BreakoutRoom = BreakoutRound['rooms'][number];
export type RoundState = BreakoutRound['state'];
/** Who sits in a room (organisers see them). */
export type Seat = NonNullable<BreakoutRoom['participants']>[number];

export type PlanInput = Schema<'CreatePlan'>;
/** One run of the rotation planner, kept with its inputs and seed. */
export type RotationPlan = Schema<'Plan'>;
export type PlannedRoom = RotationPlan['rounds'][number]['rooms'][number];
export type PlanMetrics = RotationPlan['metrics'];
/** Who has met whom in the session's rounds: counts[i][j] rounds shared by i and j. */
export type MetMatrixData = Schema<'MetMatrix'>;

/** The lab's workshop settings: the video link template that fills rooms without a link. */
export type WorkshopSettings = Schema<'WorkshopSettings'>;
export type RoomChanges = Schema<'UpdateRoom'>;

export type ParticipantProfile = Schema<'ParticipantProfile'>;
export type ParticipantProfileInput = Schema<'ParticipantProfileInput'>;

const labPath = (labId: string) => ({ params: { path: { labId } } });
const sessionPath = (labId: string, sessionId: string) => ({
  params: { path: { labId, sessionId } },
});
const roundPath = (labId: string, sessionId: string, roundId: string) => ({
  params: { path: { labId, sessionId, roundId } },
});

/** The workshop's calls, typed by the generated contract (queries.ts caches the reads). */
export const workshopApi = {
  agenda: {
    get: (labId: string) => data(http.GET('/api/labs/{labId}/agenda', labPath(labId))),
    /** The agenda as an iCalendar file (behind sign-in, so fetched rather than linked). */
    calendar: (labId: string) =>
      download(http.GET('/api/labs/{labId}/agenda.ics', { ...labPath(labId), parseAs: 'blob' })),
    create: (labId: string, body: SessionInput) =>
      data(http.POST('/api/labs/{labId}/sessions', { ...labPath(labId), body })),
    update: (labId: string, sessionId: string, body: SessionPatch) =>
      data(
        http.PATCH('/api/labs/{labId}/sessions/{sessionId}', {
          ...sessionPath(labId, sessionId),
          body,
        }),
      ),
    remove: (labId: string, sessionId: string) =>
      data(http.DELETE('/api/labs/{labId}/sessions/{sessionId}', sessionPath(labId, sessionId))),
  },
  breakout: {
    rounds: (labId: string, sessionId: string) =>
      data(
        http.GET('/api/labs/{labId}/sessions/{sessionId}/rounds', sessionPath(labId, sessionId)),
      ),
    move: (labId: string, sessionId: string, roundId: string, userId: string, roomId: string) =>
      data(
        http.POST('/api/labs/{labId}/sessions/{sessionId}/rounds/{roundId}/moves', {
          ...roundPath(labId, sessionId, roundId),
          body: { userId, roomId },
        }),
      ),
    swap: (labId: string, sessionId: string, roundId: string, userIds: [string, string]) =>
      data(
        http.POST('/api/labs/{labId}/sessions/{sessionId}/rounds/{roundId}/swaps', {
          ...roundPath(labId, sessionId, roundId),
          body: { userIds },
        }),
      ),
    updateRoom: (
      labId: string,
      sessionId: string,
      roundId: string,
      roomId: string,
      body: RoomChanges,
    ) =>
      data(
        http.PATCH('/api/labs/{labId}/sessions/{sessionId}/rounds/{roundId}/rooms/{roomId}', {
          params: { path: { labId, sessionId, roundId, roomId } },
          body,
        }),
      ),
    plans: (labId: string, sessionId: string) =>
      data(http.GET('/api/labs/{labId}/sessions/{sessionId}/plans', sessionPath(labId, sessionId))),
    createPlan: (labId: string, sessionId: string, body: PlanInput) =>
      data(
        http.POST('/api/labs/{labId}/sessions/{sessionId}/plans', {
          ...sessionPath(labId, sessionId),
          body,
        }),
      ),
    adopt: (labId: string, sessionId: string, planId: string) =>
      data(
        http.POST('/api/labs/{labId}/sessions/{sessionId}/plans/{planId}/adopt', {
          params: { path: { labId, sessionId, planId } },
        }),
      ),
    metMatrix: (labId: string, sessionId: string) =>
      data(
        http.GET(
          '/api/labs/{labId}/sessions/{sessionId}/met-matrix',
          sessionPath(labId, sessionId),
        ),
      ),
  },
  settings: {
    get: (labId: string) => data(http.GET('/api/labs/{labId}/workshop-settings', labPath(labId))),
    update: (labId: string, body: Schema<'UpdateWorkshopSettings'>) =>
      data(http.PUT('/api/labs/{labId}/workshop-settings', { ...labPath(labId), body })),
  },
  participants: {
    list: (labId: string) => data(http.GET('/api/labs/{labId}/participants', labPath(labId))),
    setProfile: (labId: string, userId: string, body: ParticipantProfileInput) =>
      data(
        http.PUT('/api/labs/{labId}/participants/{userId}/profile', {
          params: { path: { labId, userId } },
          body,
        }),
      ),
  },
};
