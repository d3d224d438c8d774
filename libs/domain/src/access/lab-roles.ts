/** Roles are held per lab: a mentor in one lab may apply to another. */
export const LAB_ROLES = ['organiser', 'mentor', 'participant', 'applicant'] as const;
export type LabRole = (typeof LAB_ROLES)[number];

export function isLabRole(value: unknown): value is LabRole {
  return typeof value === 'string' && (LAB_ROLES as readonly string[]).includes(value);
}

/** Who is asking: the authenticated account, as the access token tells it. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
}
