import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { LAB_PHASES, LAB_ROLES } from '@ideas-lab/domain';
import { AuthSession, Register, SESSION_COOKIE_NOTE } from '@ideas-lab/identity';
import {
  dateTimeInput,
  emailInput,
  isoDateTime,
  operations,
  AuditPage,
  AuditVerification,
} from '@ideas-lab/platform';

/**
 * The labs lib's HTTP contract: every request and response shape, once. The server validates
 * with these schemas, the OpenAPI document is written from them, and the web client's types
 * are generated from that document.
 */

const LabPhase = z.enum(LAB_PHASES);
const LabRole = z.enum(LAB_ROLES);
const InvitationRole = z.enum(['organiser', 'mentor']);

// ---- requests ---------------------------------------------------------------------------

/** An optional, clearable date-time: absent keeps the value, null clears it. */
const clearableDate = () => dateTimeInput().nullable().optional();

const LabDatesInput = z.strictObject({
  applicationsOpenAt: clearableDate(),
  applicationsCloseAt: clearableDate(),
  workshopStartAt: clearableDate(),
  workshopEndAt: clearableDate(),
  proposalsDueAt: clearableDate(),
});

/** A list of up to 50 distinct, non-empty names. */
const taxonomyList = () =>
  z.array(z.string().min(1, 'must be a non-empty name').max(80)).max(50).optional();

const LabTaxonomyInput = z.strictObject({
  disciplines: taxonomyList().meta({ example: ['AI', 'bioinformatics'] }),
  careerStages: taxonomyList().meta({
    example: ['graduate student', 'early career', 'mid career', 'senior'],
  }),
  organisationTypes: taxonomyList().meta({
    example: ['university', 'national laboratory', 'industry'],
  }),
});

const title = () =>
  z.string().min(3).max(200).meta({ example: 'Toward Building a Cancer Patient Digital Twin' });
const slug = () =>
  z
    .string()
    .max(80)
    .regex(
      /^[a-z0-9]+(-[a-z0-9]+)*$/,
      'may hold only lower-case letters, digits and single hyphens (e.g. cancer-digital-twin)',
    )
    .meta({
      example: 'cancer-digital-twin',
      description: 'Lower-case letters, digits and hyphens.',
    });

/** The settings of a lab other than its title and slug, every one optional. */
const labSettings = {
  theme: z.string().max(500).optional(),
  description: z.string().max(20_000).optional(),
  expertiseExamples: z.string().max(200).optional().meta({
    example: 'mechanistic models, tumour growth, clinical trials',
    description: 'Examples of expertise shown to applicants beside the keywords field.',
  }),
  timezone: z.string().max(64).optional().meta({
    example: 'America/New_York',
    description: 'IANA time zone; deadlines are shown in it.',
  }),
  capacity: z.int().min(1).max(10_000).optional().meta({ example: 30 }),
  dates: LabDatesInput.optional(),
  taxonomy: LabTaxonomyInput.optional(),
  teamSize: z
    .strictObject({
      min: z.int().min(1).max(50).optional(),
      max: z.int().min(1).max(50).optional(),
    })
    .optional(),
  funding: z
    .strictObject({
      pool: z
        .number()
        .min(0)
        .max(1e12)
        .multipleOf(0.01, 'must be an amount with at most 2 decimals')
        .optional()
        .meta({
          description: 'The seed-funding pool in major units (e.g. dollars), up to 2 decimals.',
          example: 1_000_000,
        }),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD or EUR')
        .optional()
        .meta({ example: 'USD', description: 'ISO 4217 currency code.' }),
    })
    .optional(),
};

export const CreateLab = z
  .strictObject({ title: title(), slug: slug(), ...labSettings })
  .meta({ id: 'CreateLab' });
export type CreateLab = z.output<typeof CreateLab>;
export class CreateLabDto extends createZodDto(CreateLab) {}

export const UpdateLab = z
  .strictObject({
    title: title().optional(),
    slug: slug().optional(),
    ...labSettings,
    version: z.int('must be the whole-number version of the lab you edited').min(1).meta({
      description:
        'The version you edited; a newer version on the server is a 409 LAB_VERSION_CONFLICT.',
    }),
  })
  .meta({ id: 'UpdateLab' });
export type UpdateLab = z.output<typeof UpdateLab>;
export class UpdateLabDto extends createZodDto(UpdateLab) {}

/** The settings part of a create or update request. */
export type LabSettingsInput = Partial<Pick<CreateLab, 'title' | 'slug'>> &
  Omit<CreateLab, 'title' | 'slug'>;

export const ChangePhase = z
  .strictObject({
    to: LabPhase,
    acceptUnderCapacity: z.boolean().optional().meta({
      description: 'Close selection with fewer confirmed participants than the capacity.',
    }),
  })
  .meta({ id: 'ChangePhase' });
export type ChangePhase = z.output<typeof ChangePhase>;
export class ChangePhaseDto extends createZodDto(ChangePhase) {}

export const AddMember = z
  .strictObject({
    email: emailInput().meta({
      example: 'mentor7@ideas-lab.test',
      description: 'The e-mail address of an existing account.',
    }),
    role: InvitationRole,
  })
  .meta({ id: 'AddMember' });
export class AddMemberDto extends createZodDto(AddMember) {}

export const CreateInvitation = z
  .strictObject({
    email: emailInput().optional().meta({
      example: 'mentor7@ideas-lab.test',
      description:
        'Whom the invitation is for: only the account with this address can accept it. Left out with anyoneWithLink.',
    }),
    role: InvitationRole,
    anyoneWithLink: z.boolean().optional().meta({
      description:
        'Mentors only: a link whoever has it can accept (once), instead of one for a named address.',
    }),
  })
  .meta({ id: 'CreateInvitation' });
export class CreateInvitationDto extends createZodDto(CreateInvitation) {}

export const MembersQuery = z
  .strictObject({
    role: LabRole.optional().meta({ description: 'Only people holding this role.' }),
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .meta({ description: 'Only people whose name or e-mail contains this (any case).' }),
  })
  .meta({ id: 'MembersQuery' });
export class MembersQueryDto extends createZodDto(MembersQuery) {}

export const AuditPageQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(200).optional().meta({ default: 50 }),
    before: z.coerce.number().int().min(1).optional().meta({
      description: 'Return events older than this sequence number (from nextBefore).',
    }),
  })
  .meta({ id: 'AuditPageQuery' });
export class AuditPageQueryDto extends createZodDto(AuditPageQuery) {}

// ---- responses --------------------------------------------------------------------------

const LabDates = z.object({
  applicationsOpenAt: isoDateTime().nullable(),
  applicationsCloseAt: isoDateTime().nullable(),
  workshopStartAt: isoDateTime().nullable(),
  workshopEndAt: isoDateTime().nullable(),
  proposalsDueAt: isoDateTime().nullable(),
});

const LabTaxonomy = z.object({
  disciplines: z.array(z.string()),
  careerStages: z.array(z.string()),
  organisationTypes: z.array(z.string()),
});

export const LabView = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    theme: z.string(),
    description: z.string(),
    expertiseExamples: z.string(),
    timezone: z.string(),
    phase: LabPhase,
    capacity: z.int(),
    dates: LabDates,
    taxonomy: LabTaxonomy,
    teamSize: z.object({ min: z.int(), max: z.int() }),
    funding: z.object({ pool: z.number(), currency: z.string() }),
    myRoles: z.array(LabRole).meta({ description: 'Your roles in this lab.' }),
    version: z.int(),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'LabView' });
export type LabView = z.output<typeof LabView>;

export const CallPage = LabView.pick({
  id: true,
  slug: true,
  title: true,
  theme: true,
  description: true,
  timezone: true,
  capacity: true,
  dates: true,
  taxonomy: true,
}).meta({ id: 'CallPage' });
export type CallPage = z.output<typeof CallPage>;

export const LabPhaseOption = z
  .object({
    to: LabPhase,
    direction: z.enum(['forward', 'backward']),
    allowed: z.boolean().meta({ description: 'Whether the server would take this step now.' }),
    code: z
      .string()
      .optional()
      .meta({ description: 'Why not, when not allowed (the code a move would be refused with).' }),
    message: z.string().optional().meta({ description: 'Why not, in words.' }),
    missing: z
      .array(z.string())
      .optional()
      .meta({ description: 'Settings still missing for this step (field keys).' }),
    irreversible: z.boolean().meta({ description: 'The step cannot be taken back once made.' }),
  })
  .meta({ id: 'LabPhaseOption' });
export type LabPhaseOption = z.output<typeof LabPhaseOption>;

export const OpenCall = LabView.pick({
  id: true,
  slug: true,
  title: true,
  theme: true,
  timezone: true,
  capacity: true,
})
  .extend({
    applicationsCloseAt: isoDateTime()
      .nullable()
      .meta({ description: "When applications close (show it in the lab's timezone)." }),
  })
  .meta({ id: 'OpenCall' });
export type OpenCall = z.output<typeof OpenCall>;

export const LabSummary = LabView.pick({
  id: true,
  slug: true,
  title: true,
  phase: true,
  timezone: true,
  myRoles: true,
}).meta({ id: 'LabSummary' });
export type LabSummary = z.output<typeof LabSummary>;

export const Member = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: LabRole,
    createdAt: isoDateTime(),
  })
  .meta({ id: 'Member' });
export type Member = z.output<typeof Member>;

const InvitationStatus = z.enum(['pending', 'accepted', 'revoked', 'expired']);

export const InvitationView = z
  .object({
    id: z.uuid(),
    email: z.string().nullable().meta({ description: 'Null for anyone with the link.' }),
    anyoneWithLink: z.boolean(),
    role: InvitationRole,
    status: InvitationStatus,
    expiresAt: isoDateTime(),
    createdAt: isoDateTime(),
    acceptUrl: z.string().optional().meta({
      description: 'Only in the answer to the creation: the link to send to the invitee.',
    }),
    token: z.string().optional().meta({ description: 'Only in the answer to the creation.' }),
  })
  .meta({ id: 'Invitation' });
export type InvitationView = z.output<typeof InvitationView>;

export const InvitationPreview = z
  .object({
    labId: z.uuid(),
    labTitle: z.string(),
    labTimezone: z.string().meta({
      example: 'America/New_York',
      description: "The lab's IANA timezone: the page shows the expiry in the lab's time.",
    }),
    role: InvitationRole,
    email: z.string().nullable().meta({
      example: 'm•••@ideas-lab.test',
      description: 'The invited address, masked; null for anyone with the link.',
    }),
    anyoneWithLink: z.boolean(),
    status: InvitationStatus,
    expiresAt: isoDateTime(),
  })
  .meta({ id: 'InvitationPreview' });
export type InvitationPreview = z.output<typeof InvitationPreview>;

export const InvitationSignUp = z
  .object({
    labId: z.uuid(),
    labTitle: z.string(),
    labTimezone: z.string().meta({ example: 'America/New_York' }),
    role: InvitationRole,
    email: z.string().meta({
      example: 'mentor@ideas-lab.test',
      description:
        'The invited address in full: the token, sent to that address, proves the reader holds it. The account is made with this address and no other.',
    }),
    hasAccount: z.boolean().meta({
      description: 'An account already uses the address: sign in and accept instead.',
    }),
    expiresAt: isoDateTime(),
  })
  .meta({ id: 'InvitationSignUp' });
export type InvitationSignUp = z.output<typeof InvitationSignUp>;

/** Sign-up through an invitation: the address is the invitation's, so none is sent. */
export const RegisterWithInvitation = Register.omit({ email: true }).meta({
  id: 'RegisterWithInvitation',
});
export type RegisterWithInvitation = z.output<typeof RegisterWithInvitation>;
export class RegisterWithInvitationDto extends createZodDto(RegisterWithInvitation) {}

export const AcceptedInvitation = z
  .object({ labId: z.uuid(), role: InvitationRole })
  .meta({ id: 'AcceptedInvitation' });
export type AcceptedInvitation = z.output<typeof AcceptedInvitation>;

export const MembershipOfMe = z
  .object({
    labId: z.uuid(),
    labSlug: z.string(),
    labTitle: z.string(),
    labPhase: LabPhase,
    role: LabRole,
  })
  .meta({ id: 'MembershipOfMe' });
export type MembershipOfMe = z.output<typeof MembershipOfMe>;

export const Me = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    isAdmin: z.boolean(),
    memberships: z.array(MembershipOfMe),
  })
  .meta({ id: 'Me' });
export type Me = z.output<typeof Me>;

export const labsOps = operations('labs', {
  list: { summary: 'The labs I hold a role in (admins: every lab)', response: [LabSummary] },
  create: {
    summary: 'Create a lab (admins)',
    response: LabView,
    errors: ['LAB_SETTINGS_INVALID', 'LAB_SLUG_TAKEN'],
  },
  get: {
    summary: 'A lab (members and admins; anyone signed in while applications are open)',
    response: LabView,
  },
  update: {
    summary: "Edit a lab's settings (organisers), with optimistic locking on `version`",
    response: LabView,
    errors: ['LAB_SETTINGS_INVALID', 'LAB_VERSION_CONFLICT', 'LAB_SLUG_TAKEN'],
  },
  changePhase: {
    summary: 'Move the lab to another phase (organisers); guarded by the phase rules',
    response: LabView,
    status: 200,
    errors: [
      'LAB_PHASE_SKIP',
      'LAB_PHASE_UNCHANGED',
      'LAB_PHASE_BACKWARD_NOT_ALLOWED',
      'LAB_PHASE_INCOMPLETE_SETTINGS',
      'LAB_PHASE_UNDER_CAPACITY',
      'LAB_PHASE_ROUND_OPEN',
      'LAB_PHASE_SELECTION_ADOPTED',
      'LAB_PHASE_FINAL',
      'LAB_PHASE_CHANGED_CONCURRENTLY',
    ],
  },
  phaseOptions: {
    summary:
      "The phase steps an organiser may be offered now (next, and back where the rules allow), each with the server's verdict",
    response: [LabPhaseOption],
  },
});

export const callsOps = operations('labs', {
  openCalls: {
    summary: 'Every lab whose applications are open now, the soonest to close first',
    response: [OpenCall],
  },
  callPage: {
    summary: "A lab's public call page, while its applications are open",
    response: CallPage,
    errors: ['LAB_NOT_FOUND'],
  },
});

export const labMembersOps = operations('labs', {
  members: {
    summary: 'Who holds which role in the lab (organisers), filtered by role and a search',
    response: [Member],
  },
  addMember: {
    summary: 'Appoint an existing account as organiser or mentor (organisers, admins)',
    response: null,
    errors: ['MEMBER_ACCOUNT_NOT_FOUND'],
  },
  removeMember: {
    summary: 'Remove a role from a person (organisers); the last organiser stays',
    response: null,
    errors: ['MEMBERSHIP_NOT_FOUND', 'LAST_ORGANISER'],
  },
  invite: {
    summary:
      'Invite someone (new or existing account) as mentor or organiser; only the account with that address can accept. For mentors, `anyoneWithLink: true` instead makes a link whoever has it can accept once',
    response: InvitationView,
    errors: ['INVITATION_INVALID'],
  },
  invitations: { summary: "The lab's invitations and their status", response: [InvitationView] },
  revoke: {
    summary: 'Withdraw a pending invitation',
    response: null,
    errors: ['INVITATION_NOT_FOUND', 'INVITATION_ALREADY_USED'],
  },
});

const SIGN_UP_REFUSALS = [
  'INVITATION_NOT_FOUND',
  'INVITATION_NAMES_NO_ADDRESS',
  'INVITATION_ALREADY_USED',
  'INVITATION_EXPIRED',
  'INVITATION_REVOKED',
] as const;

export const invitationsOps = operations('labs', {
  preview: {
    summary:
      'What an invitation link offers (no sign-in needed); the invited address is shown masked',
    response: InvitationPreview,
    errors: ['INVITATION_NOT_FOUND'],
  },
  signUpDetails: {
    summary:
      'What sign-up through a personal invitation needs (no sign-in): the invited address in full, for the token holder only',
    response: InvitationSignUp,
    errors: [...SIGN_UP_REFUSALS],
  },
  signUp: {
    summary:
      'Create an account with the invited address and accept the invitation in one step; another address cannot be given',
    description: SESSION_COOKIE_NOTE,
    response: AuthSession,
    errors: [...SIGN_UP_REFUSALS, 'EMAIL_TAKEN'],
  },
  accept: {
    summary:
      'Accept an invitation with the signed-in account (it must have the invited address, unless the invitation is for anyone with the link)',
    response: AcceptedInvitation,
    status: 200,
    errors: [
      'INVITATION_FOR_SOMEONE_ELSE',
      'INVITATION_NOT_FOUND',
      'INVITATION_ALREADY_USED',
      'INVITATION_EXPIRED',
      'INVITATION_REVOKED',
    ],
  },
});

export const meOps = operations('account', {
  me: { summary: 'My account and my roles in each lab', response: Me },
});

export const labAuditOps = operations('audit', {
  page: { summary: "The lab's audit log, newest first (organisers)", response: AuditPage },
  verify: {
    summary: "Recompute the lab's hash chain and report the first broken link",
    response: AuditVerification,
  },
});
