import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import {
  APPLICATION_STATUSES,
  ApplicantProfile as ApplicantProfileShape,
  FormQuestion as FormQuestionShape,
} from '@ideas-lab/domain';
import { dateTimeInput, isoDateTime, operations } from '@ideas-lab/platform';

/** The applications lib's HTTP contract: every request and response shape, once. */

const ApplicationStatus = z.enum(APPLICATION_STATUSES);

// ---- the application form -----------------------------------------------------------------

export const FormQuestion = FormQuestionShape.meta({ id: 'FormQuestion' });
export type FormQuestionInput = z.output<typeof FormQuestion>;

export const PublishApplicationForm = z
  .strictObject({
    questions: z.array(FormQuestion).min(1, 'a form needs at least one question').max(100),
  })
  .meta({ id: 'PublishApplicationForm' });
export class PublishApplicationFormDto extends createZodDto(PublishApplicationForm) {}

export const ApplicationFormView = z
  .object({
    id: z.uuid(),
    labId: z.uuid(),
    version: z.int().meta({ example: 2 }),
    questions: z.array(FormQuestion),
    publishedAt: isoDateTime(),
  })
  .meta({ id: 'ApplicationForm' });
export type ApplicationFormView = z.output<typeof ApplicationFormView>;

// ---- applications: requests -----------------------------------------------------------------

/** Every field optional: a draft is saved as it is typed; `null` clears a field. */
export const ApplicantProfile = ApplicantProfileShape.meta({ id: 'ApplicantProfile' });
export type ApplicantProfileInput = z.output<typeof ApplicantProfile>;

export const UpdateApplication = z
  .strictObject({
    version: z.int('must be the whole-number version of the application you edited').min(1).meta({
      description:
        'The version you edited; a newer version on the server is a 409 APPLICATION_VERSION_CONFLICT.',
    }),
    profile: ApplicantProfile.optional().meta({
      description: 'The profile fields to change; others stay.',
    }),
    answers: z
      .record(z.string(), z.unknown(), 'must map question ids to answers')
      .optional()
      .meta({
        example: {
          motivation: 'I build patient-specific tumour models…',
          role: 'modeller',
          conduct: true,
        },
        description:
          'Answers by question id to change (text, a list of options, or true/false); `null` clears one.',
      }),
  })
  .meta({ id: 'UpdateApplication' });
export type UpdateApplication = z.output<typeof UpdateApplication>;
export class UpdateApplicationDto extends createZodDto(UpdateApplication) {}

export const SubmitApplication = z
  .strictObject({
    version: z.int().min(1).optional().meta({
      description:
        'The version you are submitting; when given, a newer version on the server is a 409.',
    }),
  })
  .meta({ id: 'SubmitApplication' });
export class SubmitApplicationDto extends createZodDto(SubmitApplication) {}

export const GrantExtension = z
  .strictObject({
    until: dateTimeInput().meta({
      example: '2027-04-08T21:00:00Z',
      description: "The applicant's personal deadline, later than the lab's.",
    }),
  })
  .meta({ id: 'GrantExtension' });
export class GrantExtensionDto extends createZodDto(GrantExtension) {}

export const ListApplicationsQuery = z
  .strictObject({
    discipline: z
      .string()
      .max(200)
      .optional()
      .meta({ description: 'Applicants who listed this discipline.' }),
    careerStage: z.string().max(200).optional(),
    organisationType: z.string().max(200).optional(),
    country: z.string().max(2).optional().meta({ example: 'US' }),
    status: ApplicationStatus.optional(),
    q: z.string().trim().max(200).optional().meta({
      description: 'Applicants whose name or e-mail contains this text (any case).',
      example: 'ada',
    }),
    sort: z.enum(['started', 'name', 'status', 'submitted', 'merit']).optional().meta({
      description:
        'started: the order applications were begun (default); merit: the normalised review score, unreviewed last.',
    }),
    order: z.enum(['asc', 'desc']).optional().meta({
      description: 'Default: ascending, except merit (best first).',
    }),
    page: z.coerce.number().int().min(1).optional().meta({ default: 1 }),
    pageSize: z.coerce.number().int().min(1).max(200).optional().meta({ default: 50 }),
  })
  .meta({ id: 'ListApplicationsQuery' });
export type ListApplicationsQuery = z.output<typeof ListApplicationsQuery>;
export class ListApplicationsQueryDto extends createZodDto(ListApplicationsQuery) {}

// ---- applications: responses ----------------------------------------------------------------

export const ApplicantProfileView = ApplicantProfile.meta({ id: 'ApplicantProfileView' });

export const ApplicationView = z
  .object({
    id: z.uuid(),
    labId: z.uuid(),
    applicantId: z.uuid(),
    status: ApplicationStatus,
    version: z.int().meta({ description: 'Send it back with the next edit.' }),
    profile: ApplicantProfileView,
    answers: z
      .record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()]))
      .meta({ example: { motivation: '…' } }),
    form: ApplicationFormView.meta({
      description: 'The form these answers belong to (frozen once submitted).',
    }),
    deadline: z.object({
      closesAt: isoDateTime().nullable().meta({
        description: "This applicant's deadline: the lab's, or a later personal extension.",
      }),
      closesAtInLabTimezone: z
        .string()
        .nullable()
        .meta({ example: '1 April 2027 at 17:00 EDT (America/New_York)' }),
      timezone: z.string().meta({ example: 'America/New_York' }),
      extended: z.boolean(),
      passed: z.boolean().meta({
        description: 'True once the deadline is past: the application can no longer change.',
      }),
    }),
    availability: z.object({
      workshopDays: z.array(z.string()).meta({ example: ['2027-07-12', '2027-07-13'] }),
      availableForWholeWorkshop: z
        .boolean()
        .nullable()
        .meta({ description: 'null while some day is unanswered.' }),
      unavailableDays: z.array(z.string()),
    }),
    editing: z.object({ allowed: z.boolean(), reason: z.string().nullable() }).meta({
      description:
        'Whether the applicant may still change it (the server refuses changes otherwise), and why not: withdrawn, past the deadline, or frozen because the lab has moved on to selection.',
    }),
    versions: z
      .array(
        z.object({ version: z.int(), kind: z.enum(['submitted', 'edited']), at: isoDateTime() }),
      )
      .meta({ description: 'The submitted content and every later edit.' }),
    submittedAt: isoDateTime().nullable(),
    withdrawnAt: isoDateTime().nullable(),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'Application' });
export type ApplicationView = z.output<typeof ApplicationView>;

export const MyApplication = z
  .object({
    id: z.uuid(),
    labId: z.uuid(),
    labSlug: z.string(),
    labTitle: z.string(),
    status: ApplicationStatus,
    version: z.int(),
    submittedAt: isoDateTime().nullable(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'MyApplication' });
export type MyApplication = z.output<typeof MyApplication>;

export const ApplicationSummary = z
  .object({
    id: z.uuid(),
    applicantId: z.uuid(),
    email: z.string(),
    status: ApplicationStatus,
    name: z.string().nullable(),
    affiliation: z.string().nullable(),
    organisationType: z.string().nullable(),
    careerStage: z.string().nullable(),
    primaryDiscipline: z.string().nullable(),
    disciplines: z.array(z.string()),
    country: z.string().nullable(),
    availableForWholeWorkshop: z
      .boolean()
      .nullable()
      .meta({ description: 'null while some day is unanswered.' }),
    unavailableDays: z.array(z.string()),
    extensionUntil: isoDateTime().nullable(),
    submittedAt: isoDateTime().nullable(),
    updatedAt: isoDateTime(),
    merit: z.number().nullable().meta({
      description:
        "The normalised review score: the mean of each reviewer's z-score (0 = a reviewer's average); null until a review is submitted.",
    }),
    reviewCount: z.int().meta({ description: 'Submitted reviews behind the merit.' }),
  })
  .meta({ id: 'ApplicationSummary' });
export type ApplicationSummary = z.output<typeof ApplicationSummary>;

export const ApplicationPage = z
  .object({
    items: z.array(ApplicationSummary),
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
  })
  .meta({ id: 'ApplicationPage' });
export type ApplicationPage = z.output<typeof ApplicationPage>;

// ---- the funnel (served by the selection lib, which knows every stage) ----------------------

const FunnelCounts = {
  started: z.int(),
  submitted: z.int(),
  reviewed: z.int(),
  selected: z.int(),
  confirmed: z.int(),
  withdrawn: z.int(),
};

const FunnelRow = z
  .object({
    value: z.string().nullable().meta({
      description: 'The taxonomy value; null for applications that have not said yet.',
    }),
    ...FunnelCounts,
  })
  .meta({ id: 'FunnelRow' });

export const Funnel = z
  .object({
    totals: z.object(FunnelCounts),
    byDiscipline: z
      .array(FunnelRow)
      .meta({ description: 'By primary discipline, so the rows add up to the totals.' }),
    byCareerStage: z.array(FunnelRow),
    byOrganisationType: z.array(FunnelRow),
    note: z.string(),
  })
  .meta({ id: 'Funnel' });
export type Funnel = z.output<typeof Funnel>;

/** What a change to one's application can meet besides validation. */
const CHANGE_REFUSALS = [
  'APPLICATION_NOT_FOUND',
  'APPLICATION_VERSION_CONFLICT',
  'APPLICATION_DEADLINE_PASSED',
  'APPLICATIONS_NOT_OPEN',
  'APPLICATION_WITHDRAWN',
];

export const applicationFormOps = operations('applications', {
  publish: {
    summary:
      "Publish a new version of the lab's application form (organisers); submitted applications keep theirs",
    response: ApplicationFormView,
    errors: ['APPLICATION_FORM_INVALID', 'APPLICATION_FORM_CHANGED_CONCURRENTLY'],
  },
  current: {
    summary:
      "The lab's current application form (its members; anyone signed in while applications are open)",
    response: ApplicationFormView,
    errors: ['APPLICATION_FORM_NOT_FOUND'],
  },
});

export const labApplicationsOps = operations('applications', {
  start: {
    summary: 'Start my application to this lab (one per person); I become an applicant of the lab',
    response: ApplicationView,
    errors: [
      'APPLICATION_ALREADY_EXISTS',
      'APPLICANT_IS_LAB_STAFF',
      'APPLICATIONS_NOT_OPEN',
      'APPLICATION_DEADLINE_PASSED',
      'APPLICATION_FORM_NOT_PUBLISHED',
    ],
  },
  list: {
    summary: "The lab's applications, filtered and paged (organisers)",
    response: ApplicationPage,
  },
  exportCsv: {
    summary: "The lab's applications as CSV, with the same filters (organisers)",
    response: {
      mediaType: 'text/csv',
      description: 'One row per application; the answers to the current form in the last columns.',
    },
  },
  grantExtension: {
    summary: 'Give one applicant a personal deadline later than the lab’s (organisers)',
    response: ApplicationView,
    status: 200,
    errors: ['APPLICATION_EXTENSION_INVALID', 'APPLICATION_NOT_FOUND', 'APPLICATION_WITHDRAWN'],
  },
});

export const applicationsOps = operations('applications', {
  get: {
    summary: 'An application (its applicant, and the organisers of its lab)',
    response: ApplicationView,
    errors: ['APPLICATION_NOT_FOUND'],
  },
  update: {
    summary:
      'Save changes to my application (partial, autosave) with optimistic locking on `version`',
    response: ApplicationView,
    errors: ['APPLICATION_INCOMPLETE', ...CHANGE_REFUSALS],
  },
  submit: {
    summary: 'Submit my application; every problem is listed at once',
    response: ApplicationView,
    status: 200,
    errors: ['APPLICATION_INCOMPLETE', 'APPLICATION_ALREADY_SUBMITTED', ...CHANGE_REFUSALS],
  },
  withdraw: {
    summary: 'Withdraw my application (also after the deadline)',
    response: ApplicationView,
    status: 200,
    errors: ['APPLICATION_NOT_FOUND', 'APPLICATION_WITHDRAWN'],
  },
});

export const myApplicationsOps = operations('applications', {
  mine: { summary: 'My applications, in every lab', response: [MyApplication] },
});
