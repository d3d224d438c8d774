// The shapes of the HTTP API under /api, as the server documents them at /docs.
import type { LabPhase } from '@ideas-lab/domain/lab-phase';
import type { components } from './generated/openapi';

export type { LabPhase };

export type LabRole = 'organiser' | 'mentor' | 'participant' | 'applicant';
export type InvitableRole = 'mentor' | 'organiser';

export type Membership = components['schemas']['MembershipOfMe'];

export type Me = components['schemas']['Me'];

export interface AuthSession {
  accessToken: string;
  accessTokenExpiresAt: string;
  /** When the refresh cookie (HttpOnly: never readable here) expires. */
  refreshTokenExpiresAt: string;
  /** The contract promises Me; the server may leave `memberships` out (the client then reads /me). */
  user: Omit<Me, 'memberships'> & { memberships?: Me['memberships'] };
}

export type LabSummary = components['schemas']['LabSummary'];

export type LabDates = components['schemas']['LabView']['dates'];

export type LabDateKey = keyof LabDates;

export type LabTaxonomy = components['schemas']['LabView']['taxonomy'];

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

export type LabMember = components['schemas']['Member'];

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  /** Null for an invitation to anyone with the link. */
  email: string | null;
  anyoneWithLink: boolean;
  role: InvitableRole;
  status: InvitationStatus | string;
  expiresAt: string;
  acceptUrl?: string;
}

export interface CreatedInvitation extends Invitation {
  acceptUrl: string;
  token: string;
}

export type InvitationPreview = components['schemas']['InvitationPreview'];

export type CallPage = components['schemas']['CallPage'];

export type AuditEvent = components['schemas']['AuditEvent'];

export type AuditPage = components['schemas']['AuditPage'];

export type AuditVerification = components['schemas']['AuditVerification'];

// --- applications -------------------------------------------------------------------------

export const QUESTION_TYPES = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'url',
  'yes_no',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A question of a lab's application form; answers are keyed by its `id`. */
export interface FormQuestion {
  id: string;
  type: QuestionType;
  label: string;
  helpText?: string;
  required: boolean;
  /** long_text only. */
  wordLimit?: number;
  /** single_choice and multiple_choice only. */
  options?: string[];
  /** yes_no only: a consent that must be answered yes. */
  requireYes?: boolean;
}

export interface ApplicationForm {
  id: string;
  labId: string;
  version: number;
  questions: FormQuestion[];
  publishedAt: string;
}

export type AnswerValue = string | string[] | boolean;

export interface ApplicantProfile {
  name?: string | null;
  affiliation?: string | null;
  organisationType?: string | null;
  careerStage?: string | null;
  disciplines?: string[] | null;
  primaryDiscipline?: string | null;
  expertiseKeywords?: string[] | null;
  /** ISO 3166-1 alpha-2. */
  country?: string | null;
  orcid?: string | null;
  links?: string[] | null;
  /** Workshop day (YYYY-MM-DD, lab timezone) → can attend. */
  availability?: Record<string, boolean> | null;
}

export const APPLICATION_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface ApplicationDeadline {
  /** This applicant's deadline: the lab's, or a later personal extension. */
  closesAt: string | null;
  closesAtInLabTimezone: string | null;
  timezone: string;
  extended: boolean;
  passed: boolean;
}

export interface Application {
  id: string;
  labId: string;
  applicantId: string;
  status: ApplicationStatus;
  version: number;
  profile: ApplicantProfile;
  answers: Record<string, AnswerValue>;
  form: ApplicationForm;
  deadline: ApplicationDeadline;
  availability: {
    workshopDays: string[];
    availableForWholeWorkshop: boolean | null;
    unavailableDays: string[];
  };
  editing: { allowed: boolean; reason: string | null };
  versions: { version: number; kind: 'submitted' | 'edited' | string; at: string }[];
  submittedAt: string | null;
  withdrawnAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApplicationPatch {
  version: number;
  profile?: { [K in keyof ApplicantProfile]?: ApplicantProfile[K] | null };
  answers?: Record<string, AnswerValue | null>;
}

export interface MyApplication {
  id: string;
  labId: string;
  labSlug: string;
  labTitle: string;
  status: ApplicationStatus;
  version: number;
  submittedAt: string | null;
  updatedAt: string;
}

export interface ApplicationSummary {
  id: string;
  applicantId: string;
  email: string;
  status: ApplicationStatus;
  name: string | null;
  affiliation: string | null;
  organisationType: string | null;
  careerStage: string | null;
  primaryDiscipline: string | null;
  disciplines: string[];
  country: string | null;
  availableForWholeWorkshop: boolean | null;
  unavailableDays: string[];
  extensionUntil: string | null;
  submittedAt: string | null;
  updatedAt: string;
}

// A type literal, not an interface, so it passes as a query string record.
export type ApplicationFilters = {
  discipline?: string;
  careerStage?: string;
  organisationType?: string;
  country?: string;
  status?: ApplicationStatus;
};

export interface ApplicationPage {
  items: ApplicationSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export const FUNNEL_STAGES = ['started', 'submitted', 'reviewed', 'selected', 'confirmed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type FunnelCounts = Record<FunnelStage | 'withdrawn', number>;

export interface FunnelRow extends FunnelCounts {
  /** null: applications that have not said yet. */
  value: string | null;
}

export interface Funnel {
  totals: FunnelCounts;
  byDiscipline: FunnelRow[];
  byCareerStage: FunnelRow[];
  byOrganisationType: FunnelRow[];
  note: string;
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
