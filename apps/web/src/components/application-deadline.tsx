import type { ApplicationDeadline } from '../api';
import { LabTime } from './lab-time';

/**
 * An applicant's deadline by the one time rule (the lab's time, then theirs when it differs);
 * "your personal extension" when an organiser gave them one.
 */
export function DeadlineText({ deadline }: { deadline: ApplicationDeadline }) {
  if (!deadline.closesAt) return <>no deadline has been set</>;
  return (
    <>
      <LabTime iso={deadline.closesAt} timezone={deadline.timezone} />
      {deadline.extended ? <strong> — your personal extension</strong> : null}
    </>
  );
}
