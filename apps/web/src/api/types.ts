// The shapes of the HTTP API under /api, as the server documents them at /docs.
import type { LabPhase } from '@ideas-lab/domain/lab-phase';

export type { LabPhase };

export type LabRole = 'organiser' | 'mentor' | 'participant' | 'applicant';
export type InvitableRole = 'mentor' | 'organiser';

export interface Membership {
  labId: string;
  labSlug: string;
  labTitle: string;
  labPhase: LabPhase;
  role: LabRole;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  memberships: Membership[];
}

export interface AuthSession {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  /** The contract promises Me; the server may leave `memberships` out (the client then reads /me). */
  user: Omit<Me, 'memberships'> & { memberships?: Me['memberships'] };
}

export interface LabSummary {
  id: string;
  slug: string;
  title: string;
  phase: LabPhase;
  timezone: string;
  myRoles: LabRole[];
}

export interface LabDates {
  applicationsOpenAt: string | null;
  applicationsCloseAt: string | null;
  workshopStartAt: string | null;
  workshopEndAt: string | null;
  proposalsDueAt: string | null;
}

export type LabDateKey = keyof LabDates;

export interface LabTaxonomy {
  disciplines: string[];
  careerStages: string[];
  organisationTypes: string[];
}

export interface Lab {
  id: string;
  slug: string;
  title: string;
  theme: string;
  description: string;
  timezone: string;
  phase: LabPhase;
  capacity: number;
  dates: LabDates;
  taxonomy: LabTaxonomy;
  teamSize: { min: number; max: number };
  funding: { pool: number; currency: string };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type LabInput = Pick<
  Lab,
  | 'title'
  | 'slug'
  | 'theme'
  | 'description'
  | 'timezone'
  | 'capacity'
  | 'dates'
  | 'taxonomy'
  | 'teamSize'
  | 'funding'
>;

export type NewLabInput = Pick<LabInput, 'title' | 'slug'> & Partial<LabInput>;

export type LabPatch = Partial<LabInput> & { version: number };

export interface LabMember {
  userId: string;
  email: string;
  displayName: string;
  role: LabRole;
  createdAt: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  email: string;
  role: InvitableRole;
  status: InvitationStatus | string;
  expiresAt: string;
  acceptUrl?: string;
}

export interface CreatedInvitation extends Invitation {
  acceptUrl: string;
  token: string;
}

export interface InvitationPreview {
  labId: string;
  labTitle: string;
  role: InvitableRole;
  email: string;
  status: InvitationStatus | string;
  expiresAt: string;
}

export interface CallPage {
  id: string;
  slug: string;
  title: string;
  theme: string;
  description: string;
  timezone: string;
  dates: LabDates;
  taxonomy: LabTaxonomy;
  capacity: number;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
  hash: string;
}

export interface AuditPage {
  items: AuditEvent[];
  nextBefore: number | null;
}

export interface AuditVerification {
  valid: boolean;
  checked: number;
  firstBrokenSeq?: number;
}

/** The body of every error the server answers with. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: FieldIssue[];
  requestId?: string;
}

export interface FieldIssue {
  field: string;
  message: string;
}
