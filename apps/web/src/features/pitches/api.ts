import { queryOptions } from '@tanstack/react-query';
import { data, http, queryClient } from '../../api/http';
import { labKeys } from '../../api/labs';
import type { Schema } from '../../api/types';

// Pitch sessions: names for their shapes (all from the generated contract), the keys their
// screens cache under, how each is read, and the commands that change them.

export type PitchSession = Schema<'PitchSession'>;
export type PitchSlot = Schema<'PitchSlot'>;
export type PitchSlotSetting = Schema<'PitchSlotSetting'>;
export type MentorPitchScoring = Schema<'MentorPitchScoring'>;
export type MyPitchScore = Schema<'MyPitchScore'>;
export type PitchScoreTable = Schema<'PitchScoreTable'>;
export type TeamPitchFeedback = Schema<'TeamPitchFeedback'>;
export type PitchCriterion = PitchSession['criteria'][number];

export const pitchKeys = {
  all: (labId: string) => [...labKeys.lab(labId), 'pitches'] as const,
  sessions: (labId: string) => [...pitchKeys.all(labId), 'sessions'] as const,
  session: (labId: string, sessionId: string) =>
    [...pitchKeys.all(labId), 'session', sessionId] as const,
  mine: (labId: string, sessionId: string) => [...pitchKeys.all(labId), 'mine', sessionId] as const,
  table: (labId: string, sessionId: string) =>
    [...pitchKeys.all(labId), 'table', sessionId] as const,
  feedback: (labId: string, sessionId: string) =>
    [...pitchKeys.all(labId), 'feedback', sessionId] as const,
  teams: (labId: string) => [...pitchKeys.all(labId), 'teams'] as const,
};

const sessionPath = (labId: string, sessionId: string) => ({
  params: { path: { labId, sessionId } },
});

export const pitchQueries = {
  sessions: (labId: string) =>
    queryOptions({
      queryKey: pitchKeys.sessions(labId),
      queryFn: () =>
        data(http.GET('/api/labs/{labId}/pitch-sessions', { params: { path: { labId } } })),
    }),
  session: (labId: string, sessionId: string) =>
    queryOptions({
      queryKey: pitchKeys.session(labId, sessionId),
      queryFn: () =>
        data(
          http.GET('/api/labs/{labId}/pitch-sessions/{sessionId}', sessionPath(labId, sessionId)),
        ),
    }),
  mine: (labId: string, sessionId: string) =>
    queryOptions({
      queryKey: pitchKeys.mine(labId, sessionId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/pitch-sessions/{sessionId}/my-scores',
            sessionPath(labId, sessionId),
          ),
        ),
    }),
  table: (labId: string, sessionId: string) =>
    queryOptions({
      queryKey: pitchKeys.table(labId, sessionId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/pitch-sessions/{sessionId}/scores',
            sessionPath(labId, sessionId),
          ),
        ),
    }),
  feedback: (labId: string, sessionId: string) =>
    queryOptions({
      queryKey: pitchKeys.feedback(labId, sessionId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/pitch-sessions/{sessionId}/feedback',
            sessionPath(labId, sessionId),
          ),
        ),
    }),
  teams: (labId: string) =>
    queryOptions({
      queryKey: pitchKeys.teams(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/teams', { params: { path: { labId } } })),
    }),
};

/** Everything cached about a lab's pitches is read again (a live change, a reconnect). */
export const pitchesChanged = (labId: string) =>
  queryClient.invalidateQueries({ queryKey: pitchKeys.all(labId) });

/** A session as the server answered a command: shown at once, the rest read again. */
function showSession(session: PitchSession): PitchSession {
  queryClient.setQueryData(pitchKeys.session(session.labId, session.sessionId), session);
  void queryClient.invalidateQueries({ queryKey: pitchKeys.sessions(session.labId) });
  void queryClient.invalidateQueries({
    queryKey: pitchKeys.mine(session.labId, session.sessionId),
  });
  void queryClient.invalidateQueries({
    queryKey: pitchKeys.table(session.labId, session.sessionId),
  });
  return session;
}

export const pitchCommands = {
  saveOrder: async (
    labId: string,
    sessionId: string,
    body: { version: number; slots: PitchSlotSetting[]; criteria?: PitchCriterion[] },
  ) =>
    showSession(
      await data(
        http.PUT('/api/labs/{labId}/pitch-sessions/{sessionId}', {
          ...sessionPath(labId, sessionId),
          body,
        }),
      ),
    ),
  start: async (labId: string, sessionId: string) =>
    showSession(
      await data(
        http.POST(
          '/api/labs/{labId}/pitch-sessions/{sessionId}/start',
          sessionPath(labId, sessionId),
        ),
      ),
    ),
  advance: async (labId: string, sessionId: string, slotId: string, phase: 'pitch' | 'questions') =>
    showSession(
      await data(
        http.POST('/api/labs/{labId}/pitch-sessions/{sessionId}/advance', {
          ...sessionPath(labId, sessionId),
          body: { slotId, phase },
        }),
      ),
    ),
  next: async (labId: string, sessionId: string, currentSlotId: string | null) =>
    showSession(
      await data(
        http.POST('/api/labs/{labId}/pitch-sessions/{sessionId}/next', {
          ...sessionPath(labId, sessionId),
          body: { currentSlotId },
        }),
      ),
    ),
  /** More or less time for the team on stage, from the clock the organiser sees. */
  clock: async (
    labId: string,
    sessionId: string,
    body: {
      slotId: string;
      phase: 'pitch' | 'questions';
      clockVersion: number;
      deltaSeconds: number;
    },
  ) =>
    showSession(
      await data(
        http.POST('/api/labs/{labId}/pitch-sessions/{sessionId}/clock', {
          ...sessionPath(labId, sessionId),
          body,
        }),
      ),
    ),
  end: async (labId: string, sessionId: string) =>
    showSession(
      await data(
        http.POST(
          '/api/labs/{labId}/pitch-sessions/{sessionId}/end',
          sessionPath(labId, sessionId),
        ),
      ),
    ),
  saveScore: async (
    labId: string,
    sessionId: string,
    slotId: string,
    body: {
      version: number;
      scores: Record<string, number>;
      commentToTeam: string;
      privateNote: string;
    },
  ) => {
    const saved = await data(
      http.PUT('/api/labs/{labId}/pitch-sessions/{sessionId}/slots/{slotId}/my-score', {
        params: { path: { labId, sessionId, slotId } },
        body,
      }),
    );
    void queryClient.invalidateQueries({ queryKey: pitchKeys.mine(labId, sessionId) });
    return saved;
  },
  release: async (labId: string, sessionId: string, scoreId: string, released: boolean) => {
    const row = await data(
      http.PUT('/api/labs/{labId}/pitch-sessions/{sessionId}/scores/{scoreId}/release', {
        params: { path: { labId, sessionId, scoreId } },
        body: { released },
      }),
    );
    void queryClient.invalidateQueries({ queryKey: pitchKeys.table(labId, sessionId) });
    return row;
  },
};
