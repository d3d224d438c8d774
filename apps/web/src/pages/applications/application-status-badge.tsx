import type { ApplicationStatus } from '../../api';
import { Badge, type BadgeTone } from '../../components/badge';

const LABELS: Record<ApplicationStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  withdrawn: 'Withdrawn',
};

export function applicationStatusLabel(status: string): string {
  return LABELS[status as ApplicationStatus] ?? status;
}

const APPLICATION_TONES: Record<string, BadgeTone> = {
  draft: 'warn',
  submitted: 'ok',
  withdrawn: 'neutral',
};

export function ApplicationStatusBadge({ status }: { status: string }) {
  return <Badge tone={APPLICATION_TONES[status]}>{applicationStatusLabel(status)}</Badge>;
}
