import { formatInTimezone, localDate } from '@ideas-lab/domain';
import type { AgendaSessionEntity } from './entities/agenda-session.entity.js';
import type { SessionView } from './workshop.contract.js';

/** A session as people read it: UTC instants for machines, labels in the lab's time zone. */
export function toSessionView(session: AgendaSessionEntity, timezone: string): SessionView {
  return {
    id: session.id,
    kind: session.kind,
    title: session.title,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    startsAtLocal: formatInTimezone(session.startsAt, timezone),
    endsAtLocal: formatInTimezone(session.endsAt, timezone),
    day: localDate(session.startsAt, timezone),
    materials: session.materials,
    meetingUrl: session.meetingUrl,
    state: session.state,
    version: session.version,
    updatedAt: session.updatedAt.toISOString(),
  };
}
