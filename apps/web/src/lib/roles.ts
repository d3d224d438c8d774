import type { LabRole, Me } from '../api';

const ROLE_LABELS: Record<LabRole, string> = {
  organiser: 'Organiser',
  mentor: 'Mentor',
  participant: 'Participant',
  applicant: 'Applicant',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as LabRole] ?? role;
}

export function rolesIn(user: Me, labId: string): LabRole[] {
  return user.memberships.filter((m) => m.labId === labId).map((m) => m.role);
}

/** Organisers run their lab; platform admins may act as organisers of any lab. */
export function canOrganise(user: Me, labId: string): boolean {
  return user.isAdmin || rolesIn(user, labId).includes('organiser');
}
