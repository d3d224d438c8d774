import type { ChatMessage } from '@ideas-lab/live/events';
import type { ApiClient } from '../../api/client';

/** One session of the agenda, as GET /labs/:labId/agenda gives it. */
export interface AgendaSession {
  id: string;
  kind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  /** "14 Jul 2026, 09:00 EDT": already in the lab's time zone. */
  startsAtLocal: string;
  endsAtLocal: string;
  /** The day in the lab's time zone (YYYY-MM-DD). */
  day: string;
  materials: { title: string; url: string }[];
  meetingUrl: string | null;
  state: string;
}

export interface LabAgenda {
  labId: string;
  timezone: string;
  sessions: AgendaSession[];
}

/** One page of a chat channel, oldest first; `nextBefore` pages further back. */
export interface ChatPage {
  channel: string;
  messages: ChatMessage[];
  nextBefore: string | null;
}

/** A breakout room as the rounds route shows it to a mentor (the rooms they visit). */
export interface MentorRoom {
  id: string;
  position: number;
  name: string;
  meetingUrl: string | null;
  mentorId: string | null;
  occupancy: number;
  participants?: { userId: string; displayName: string }[];
}

export interface MentorRound {
  id: string;
  index: number;
  title: string;
  durationMinutes: number;
  state: string;
  rooms: MentorRoom[];
}

const id = (value: string) => encodeURIComponent(value);

/** The participant and mentor live views: one typed function per API route. */
export function liveApi(client: ApiClient) {
  return {
    agenda: (labId: string) => client.request<LabAgenda>('GET', `/labs/${id(labId)}/agenda`),
    /** The agenda as an iCalendar file (a plain link could not carry the access token). */
    agendaCalendar: (labId: string) => client.download(`/labs/${id(labId)}/agenda.ics`),
    chatHistory: (labId: string, query: { channel: string; before?: string; limit?: number }) =>
      client.request<ChatPage>('GET', `/labs/${id(labId)}/chat`, { query }),
    rounds: (labId: string, sessionId: string) =>
      client.request<{ sessionId: string; rounds: MentorRound[] }>(
        'GET',
        `/labs/${id(labId)}/sessions/${id(sessionId)}/rounds`,
      ),
  };
}
