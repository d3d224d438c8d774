// Names for the API's shapes. Every one is taken from the generated contract
// (`npm run api:generate` → generated/openapi.ts): nothing here describes a shape by hand, so
// a change on the server shows up here as a type error, not as a drifted copy.
import type { components, paths } from './generated/openapi';

type Schemas = components['schemas'];

/** A named schema of the contract. */
export type Schema<Name extends keyof Schemas> = Schemas[Name];

/** The query parameters a GET route accepts. */
export type QueryOf<Path extends keyof paths> = paths[Path] extends {
  get: { parameters: { query?: infer Query } };
}
  ? NonNullable<Query>
  : never;

// --- identity -----------------------------------------------------------------------------

export type Me = Schema<'Me'>;
export type Membership = Schema<'MembershipOfMe'>;
export type AuthSession = Schema<'AuthSession'>;
export type LabRole = Membership['role'];

// --- labs ---------------------------------------------------------------------------------

export type Lab = Schema<'LabView'>;
export type LabSummary = Schema<'LabSummary'>;
export type LabPhase = Lab['phase'];
export type LabDates = Lab['dates'];
export type LabDateKey = keyof LabDates;
export type LabTaxonomy = Lab['taxonomy'];
/** What a lab's settings form may change (UpdateLab without its optimistic-locking version). */
export type LabInput = Omit<Schema<'UpdateLab'>, 'version'>;
export type LabPhaseOption = Schema<'LabPhaseOption'>;
export type LabMember = Schema<'Member'>;
export type Invitation = Schema<'Invitation'>;
export type InvitableRole = Invitation['role'];
export type InvitationPreview = Schema<'InvitationPreview'>;
export type CallPage = Schema<'CallPage'>;
export type AuditEvent = Schema<'AuditEvent'>;
export type AuditVerification = Schema<'AuditVerification'>;

// --- applications -------------------------------------------------------------------------

export type FormQuestion = Schema<'FormQuestion'>;
export type QuestionType = FormQuestion['type'];
export type ApplicationForm = Schema<'ApplicationForm'>;
export type Application = Schema<'Application'>;
export type ApplicationStatus = Application['status'];
export type ApplicationDeadline = Application['deadline'];
export type ApplicantProfile = Schema<'ApplicantProfile'>;
export type AnswerValue = Application['answers'][string];
export type ApplicationSummary = Schema<'ApplicationSummary'>;
export type ApplicationFilters = Omit<
  QueryOf<'/api/labs/{labId}/applications'>,
  'page' | 'pageSize'
>;
export type Funnel = Schema<'Funnel'>;
export type FunnelRow = Schema<'FunnelRow'>;
export type FunnelCounts = Funnel['totals'];

/** Every question type, in the order the form editor offers them: the domain's own list. */
export { QUESTION_TYPES } from '@ideas-lab/domain/application-form';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
] as const satisfies readonly ApplicationStatus[];

/** The funnel's stages, first to last (withdrawn is counted beside them). */
export const FUNNEL_STAGES = [
  'started',
  'submitted',
  'reviewed',
  'selected',
  'confirmed',
] as const satisfies readonly (keyof FunnelCounts)[];

// --- errors -------------------------------------------------------------------------------

/** The body of every error the server answers with. */
export type ErrorBody = Schema<'ErrorBody'>;
export type FieldIssue = Schema<'FieldProblem'>;
