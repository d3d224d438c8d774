import type { AgendaSession, SessionKind, SessionState } from './api';
import type { BadgeTone } from '../../components/badge';

const KIND_LABELS: Record<SessionKind, string> = {
  plenary: 'Plenary',
  breakout: 'Breakout',
  ideation: 'Ideation',
  pitch: 'Pitch',
};

const STATE_LABELS: Record<SessionState, string> = {
  scheduled: 'Scheduled',
  live: 'Live',
  ended: 'Ended',
};

export const kindLabel = (kind: SessionKind): string => KIND_LABELS[kind] ?? kind;
export const stateLabel = (state: SessionState): string => STATE_LABELS[state] ?? state;

/** Sessions by workshop day (the lab's calendar day), days and sessions in time order. */
export function agendaDays(
  sessions: readonly AgendaSession[],
): { day: string; sessions: AgendaSession[] }[] {
  const byDay = new Map<string, AgendaSession[]>();
  for (const session of [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const list = byDay.get(session.day) ?? [];
    list.push(session);
    byDay.set(session.day, list);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, list]) => ({ day, sessions: list }));
}

/** "2027-07-13" → "Tuesday, 13 July 2027" (a calendar day, so no time zone applies). */
export function dayHeading(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** "09:00–10:30 EDT" on the lab's clock; a session that runs past midnight names its end day. */
export function timeRange(
  session: Pick<AgendaSession, 'startsAt' | 'endsAt'>,
  timeZone: string,
): string {
  const clock = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
      new Date(iso),
    );
  // en-US names zones as people read them ("EDT"), where en-GB says "GMT-4".
  const zoneName = (iso: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date(iso))
      .find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  const time = (iso: string, zone: boolean) =>
    zone ? `${clock(iso)} ${zoneName(iso)}` : clock(iso);
  const day = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(new Date(iso));
  const sameDay = day(session.startsAt) === day(session.endsAt);
  const end = sameDay
    ? time(session.endsAt, true)
    : `${new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' }).format(new Date(session.endsAt))}, ${time(session.endsAt, true)}`;
  return `${time(session.startsAt, false)}–${end}`;
}

/** How a session's state looks as a badge: live now, ended, or still to come. */
export const SESSION_TONES: Record<string, BadgeTone> = {
  live: 'live',
  ended: 'past',
  scheduled: 'upcoming',
};
