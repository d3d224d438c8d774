import type { ApplicationStatus } from '../../api';

const LABELS: Record<ApplicationStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  withdrawn: 'Withdrawn',
};

export function applicationStatusLabel(status: string): string {
  return LABELS[status as ApplicationStatus] ?? status;
}

export function ApplicationStatusBadge({ status }: { status: string }) {
  return <span className={`badge badge--app-${status}`}>{applicationStatusLabel(status)}</span>;
}
