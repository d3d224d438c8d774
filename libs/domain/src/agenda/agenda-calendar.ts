import ical, { ICalCalendarMethod } from 'ical-generator';

/** One agenda session as the iCalendar feed shows it. */
export interface CalendarSession {
  id: string;
  kind: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  meetingUrl: string | null;
  materials: readonly { title: string; url: string }[];
  /** Bumped on every edit, so calendar clients replace the event they hold. */
  version: number;
  updatedAt: Date;
}

export interface AgendaCalendarInput {
  lab: { id: string; title: string; timezone: string };
  sessions: readonly CalendarSession[];
  /** The host part of every UID; keep it stable so subscribers update events instead of duplicating them. */
  uidDomain?: string;
}

const KIND_LABELS: Record<string, string> = {
  plenary: 'Plenary',
  breakout: 'Breakout',
  ideation: 'Ideation',
  pitch: 'Pitch',
};

/** The stable UID of a session's event: the same session always has the same UID. */
export function sessionEventUid(sessionId: string, uidDomain = 'ideas-lab'): string {
  return `session-${sessionId}@${uidDomain}`;
}

/**
 * The agenda of a lab as an iCalendar (RFC 5545) feed: one VEVENT per session with a stable
 * UID, DTSTART/DTEND in UTC, the lab's time zone as X-WR-TIMEZONE (calendar clients show the
 * events in it), text escaped and lines folded at 75 octets (by ical-generator).
 */
export function agendaCalendar({
  lab,
  sessions,
  uidDomain = 'ideas-lab',
}: AgendaCalendarInput): string {
  const calendar = ical({
    name: lab.title,
    prodId: { company: 'Ideas Lab', product: 'Agenda', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.x([{ key: 'X-WR-TIMEZONE', value: lab.timezone }]);
  for (const session of sessions) {
    const lines = [`${KIND_LABELS[session.kind] ?? session.kind} session of ${lab.title}.`];
    if (session.meetingUrl) lines.push(`Join: ${session.meetingUrl}`);
    if (session.materials.length > 0) {
      lines.push('Materials:');
      for (const m of session.materials) lines.push(`- ${m.title}: ${m.url}`);
    }
    calendar.createEvent({
      id: sessionEventUid(session.id, uidDomain),
      sequence: Math.max(0, session.version - 1),
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
      start: session.startsAt,
      end: session.endsAt,
      summary: session.title,
      description: lines.join('\n'),
      location: session.meetingUrl ?? undefined,
      url: session.meetingUrl ?? undefined,
      categories: [{ name: KIND_LABELS[session.kind] ?? session.kind }],
    });
  }
  return calendar.toString();
}
