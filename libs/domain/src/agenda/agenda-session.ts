import { formatInTimezone } from '../applications/application-deadline.js';

/** The kinds of session a workshop's agenda holds. */
export const AGENDA_SESSION_KINDS = ['plenary', 'breakout', 'ideation', 'pitch'] as const;
export type AgendaSessionKind = (typeof AGENDA_SESSION_KINDS)[number];

export const AGENDA_SESSION_STATES = ['scheduled', 'live', 'ended'] as const;
export type AgendaSessionState = (typeof AGENDA_SESSION_STATES)[number];

export interface AgendaProblem {
  field: string;
  message: string;
}

/**
 * What is wrong with a session's times: it must start before it ends, and lie within the
 * workshop's dates when the lab has set them (an agenda needs them: without dates, nothing
 * can be placed).
 */
export function agendaTimeProblems(input: {
  startsAt: Date;
  endsAt: Date;
  workshopStartAt: Date | null;
  workshopEndAt: Date | null;
  /** The lab's zone: the workshop's dates are named in it, as its people read them. */
  timezone: string;
}): AgendaProblem[] {
  const { startsAt, endsAt, workshopStartAt, workshopEndAt, timezone } = input;
  const problems: AgendaProblem[] = [];
  if (endsAt.getTime() <= startsAt.getTime()) {
    problems.push({ field: 'endsAt', message: 'endsAt must be after startsAt' });
  }
  if (!workshopStartAt || !workshopEndAt) {
    problems.push({
      field: 'startsAt',
      message: "the lab's workshop dates must be set before sessions can be scheduled",
    });
    return problems;
  }
  const workshop = `${formatInTimezone(workshopStartAt, timezone)} to ${formatInTimezone(workshopEndAt, timezone)}`;
  if (
    startsAt.getTime() < workshopStartAt.getTime() ||
    startsAt.getTime() >= workshopEndAt.getTime()
  ) {
    problems.push({
      field: 'startsAt',
      message: `startsAt must fall within the workshop (${workshop})`,
    });
  }
  if (endsAt.getTime() > workshopEndAt.getTime() || endsAt.getTime() <= workshopStartAt.getTime()) {
    problems.push({
      field: 'endsAt',
      message: `endsAt must fall within the workshop (${workshop})`,
    });
  }
  return problems;
}
