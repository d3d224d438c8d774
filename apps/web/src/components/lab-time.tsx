import { formatLabTime } from '../lib/lab-time';

/**
 * A time as a person reads it (the one rule, formatLabTime): the lab's time with its zone's
 * name, then the viewer's own when it differs; machine-readable in `dateTime`.
 */
export function LabTime({
  iso,
  timezone,
  unset = 'not set',
}: {
  iso: string | null | undefined;
  timezone: string;
  unset?: string;
}) {
  if (!iso) return <>{unset}</>;
  return <time dateTime={iso}>{formatLabTime(iso, timezone)}</time>;
}
