import type { ApplicationDeadline } from '../api';
import { browserTimezone, formatInTimezone } from '../lib/lab-time';

/**
 * An applicant's deadline in their own timezone first, then in the lab's; "(extended)" when an
 * organiser gave them a personal one.
 */
export function DeadlineText({ deadline }: { deadline: ApplicationDeadline }) {
  if (!deadline.closesAt) return <>no deadline has been set</>;
  const mine = browserTimezone();
  const lab = formatInTimezone(deadline.closesAt, deadline.timezone);
  return (
    <>
      <time dateTime={deadline.closesAt}>{formatInTimezone(deadline.closesAt, mine)}</time>{' '}
      <span className="muted">
        (your time, {mine}
        {mine === deadline.timezone ? '' : `; ${lab} in the lab's timezone, ${deadline.timezone}`})
      </span>
      {deadline.extended ? <strong> — your personal extension</strong> : null}
    </>
  );
}
