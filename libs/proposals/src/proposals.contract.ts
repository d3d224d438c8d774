import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { BUDGET_CATEGORIES, PROPOSAL_SECTION_KEYS } from '@ideas-lab/domain';
import { dateTimeInput, isoDateTime, operations } from '@ideas-lab/platform';
import { ReviewCriterion } from '@ideas-lab/review';

/** The proposals lib's HTTP contract: funding rounds and proposals, every shape once. */

const amount = () =>
  z
    .number()
    .min(0)
    .max(1e12)
    .multipleOf(0.01, 'must be an amount with at most 2 decimals')
    .meta({ description: 'Major units (e.g. dollars), at most 2 decimals.' });

const currency = () =>
  z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD or EUR')
    .meta({ example: 'USD' });

const Person = z
  .object({ userId: z.uuid(), displayName: z.string() })
  .meta({ id: 'ProposalPerson' });

// ---- funding rounds -----------------------------------------------------------------------

export const ProposalSectionKey = z.enum(PROPOSAL_SECTION_KEYS).meta({ id: 'ProposalSectionKey' });

export const ProposalSectionSetting = z
  .strictObject({
    key: ProposalSectionKey,
    label: z.string().trim().min(1).max(200).meta({ example: 'Aims' }),
    guidance: z.string().max(2000).optional().meta({
      example: 'What will the team know in 12 months that nobody knows now?',
    }),
    wordLimit: z.int().min(1).max(20_000).nullable().optional().meta({
      example: 500,
      description: 'Abstract, aims and approach: at most this many words at submission.',
    }),
  })
  .meta({ id: 'ProposalSectionSetting' });

const FundingRoundAccess = z.enum(['open', 'invite-only']).meta({ id: 'FundingRoundAccess' });

const roundSettings = {
  pool: amount().meta({ example: 250_000, description: 'The money the round awards in all.' }),
  awardCap: amount().meta({ example: 50_000, description: 'The most one proposal may ask for.' }),
  currency: currency(),
  proposalsDueAt: dateTimeInput().meta({
    example: '2020-08-15T21:00:00Z',
    description: "When proposals are due (shown in the lab's time zone).",
  }),
  rubric: z.array(ReviewCriterion).max(12).meta({
    description: "The criteria proposals are reviewed on (the review rubric's shape).",
  }),
  sections: z.array(ProposalSectionSetting).max(PROPOSAL_SECTION_KEYS.length).meta({
    description: 'The sections a proposal must fill (title and budget always).',
  }),
  access: FundingRoundAccess,
  previousRoundId: z.uuid().nullable().meta({
    description: 'Invite-only: the round the invited teams come from.',
  }),
  invitedTeamIds: z.array(z.uuid()).max(500).meta({
    description:
      'Invite-only: the teams invited (each with a submitted proposal in the previous round).',
  }),
};

export const CreateFundingRound = z
  .strictObject({
    name: z.string().trim().min(1).max(200).meta({ example: 'Seed funding 2020' }),
    pool: roundSettings.pool,
    awardCap: roundSettings.awardCap,
    currency: roundSettings.currency,
    proposalsDueAt: roundSettings.proposalsDueAt,
    rubric: roundSettings.rubric.optional(),
    sections: roundSettings.sections.optional().meta({
      description:
        'Default: every section (abstract, aims, approach, challenge area, milestones, team roles).',
    }),
    access: FundingRoundAccess.optional().meta({ default: 'open' }),
    previousRoundId: roundSettings.previousRoundId.optional(),
    invitedTeamIds: roundSettings.invitedTeamIds.optional(),
  })
  .meta({ id: 'CreateFundingRound' });
export type CreateFundingRound = z.output<typeof CreateFundingRound>;
export class CreateFundingRoundDto extends createZodDto(CreateFundingRound) {}

export const UpdateFundingRound = z
  .strictObject({
    version: z.int().min(1).meta({ description: 'The version you edited (optimistic locking).' }),
    name: z.string().trim().min(1).max(200).optional(),
    pool: roundSettings.pool.optional(),
    awardCap: roundSettings.awardCap.optional(),
    currency: roundSettings.currency.optional(),
    proposalsDueAt: roundSettings.proposalsDueAt.optional(),
    rubric: roundSettings.rubric.optional(),
    sections: roundSettings.sections.optional(),
    access: FundingRoundAccess.optional(),
    previousRoundId: roundSettings.previousRoundId.optional(),
    invitedTeamIds: roundSettings.invitedTeamIds.optional(),
  })
  .meta({ id: 'UpdateFundingRound' });
export type UpdateFundingRound = z.output<typeof UpdateFundingRound>;
export class UpdateFundingRoundDto extends createZodDto(UpdateFundingRound) {}

export const GrantProposalExtension = z
  .strictObject({
    until: dateTimeInput().nullable().meta({
      example: '2020-08-17T21:00:00Z',
      description:
        'The team’s own deadline, later than the round’s; null takes the extension back.',
    }),
  })
  .meta({ id: 'GrantProposalExtension' });
export type GrantProposalExtension = z.output<typeof GrantProposalExtension>;
export class GrantProposalExtensionDto extends createZodDto(GrantProposalExtension) {}

export const ProposalStatus = z
  .enum(['not-started', 'draft', 'submitted', 'changed-since-submission'])
  .meta({
    id: 'ProposalStatus',
    description:
      'not-started: nobody saved yet; draft: saved, never submitted; submitted: the latest version is submitted; changed-since-submission: saved again after submitting (the submitted version stays what reviewers read until resubmitted).',
  });
export type ProposalStatus = z.output<typeof ProposalStatus>;

export const FundingRoundTeam = z
  .object({
    teamId: z.uuid(),
    name: z.string(),
    invited: z.boolean(),
    /** May this team write a proposal to the round (open round, or invited). */
    eligible: z.boolean(),
    extensionUntil: isoDateTime().nullable(),
    deadline: isoDateTime(),
    proposal: z
      .object({
        id: z.uuid(),
        status: ProposalStatus,
        version: z.int(),
        submittedVersion: z.int().nullable(),
        submittedAt: isoDateTime().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'FundingRoundTeam' });
export type FundingRoundTeam = z.output<typeof FundingRoundTeam>;

export const FundingRoundView = z
  .object({
    id: z.uuid(),
    labId: z.uuid(),
    name: z.string(),
    pool: z.number(),
    awardCap: z.number(),
    currency: z.string(),
    proposalsDueAt: isoDateTime(),
    proposalsDueInLabTimezone: z.string().meta({
      example: '15 August 2020 at 17:00 EDT (America/New_York)',
    }),
    timezone: z.string(),
    open: z.boolean().meta({ description: 'The round deadline has not passed (server time).' }),
    rubric: z.array(ReviewCriterion),
    sections: z.array(
      z.object({
        key: ProposalSectionKey,
        label: z.string(),
        guidance: z.string(),
        wordLimit: z.int().nullable(),
      }),
    ),
    access: FundingRoundAccess,
    previousRoundId: z.uuid().nullable(),
    invitedTeamIds: z.array(z.uuid()),
    teams: z.array(FundingRoundTeam).meta({
      description:
        'Organisers: every team of the lab; mentors: every team (proposal shown once submitted); participants: their own teams.',
    }),
    version: z.int(),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'FundingRound' });
export type FundingRoundView = z.output<typeof FundingRoundView>;

// ---- proposals ----------------------------------------------------------------------------

const text = (max: number) => z.string().max(max);

export const ProposalContent = z
  .strictObject({
    title: text(300).meta({ example: 'A digital twin of tumour response to therapy' }),
    abstract: text(20_000),
    aims: text(20_000),
    approach: text(50_000),
    challengeArea: text(300).meta({
      example: 'Predicting response to treatment',
      description: 'The part of the challenge the proposal addresses.',
    }),
    milestones: z
      .array(
        z.strictObject({
          title: text(300),
          due: text(40).meta({ example: '2021-06', description: 'A month or a date.' }),
          description: text(2000),
        }),
      )
      .max(50),
    teamRoles: z
      .array(
        z.strictObject({
          userId: z.uuid().nullable().meta({ description: 'The team member, when one of them.' }),
          name: text(200),
          role: text(500).meta({ example: 'Lead for the mechanistic model' }),
        }),
      )
      .max(50),
    budget: z
      .array(
        z.strictObject({
          category: z.enum(BUDGET_CATEGORIES),
          description: text(500),
          amount: amount(),
        }),
      )
      .max(200),
  })
  .meta({ id: 'ProposalContent' });
export type ProposalContent = z.output<typeof ProposalContent>;

export const SaveProposal = z
  .strictObject({
    baseVersion: z.int().min(0).meta({
      description:
        'The version your edit started from (0 before the first save). A save based on an older version is refused with PROPOSAL_VERSION_CONFLICT and the current version.',
    }),
    content: ProposalContent,
  })
  .meta({ id: 'SaveProposal' });
export type SaveProposal = z.output<typeof SaveProposal>;
export class SaveProposalDto extends createZodDto(SaveProposal) {}

export const SubmitProposal = z
  .strictObject({
    version: z.int().min(1).meta({ description: 'The version you read and submit (the latest).' }),
  })
  .meta({ id: 'SubmitProposal' });
export type SubmitProposal = z.output<typeof SubmitProposal>;
export class SubmitProposalDto extends createZodDto(SubmitProposal) {}

const Budget = z.object({
  total: z.number(),
  cap: z.number(),
  currency: z.string(),
  overCap: z.boolean(),
});

export const ProposalView = z
  .object({
    id: z.uuid().nullable().meta({ description: 'null until the first save.' }),
    labId: z.uuid(),
    roundId: z.uuid(),
    team: z.object({ id: z.uuid(), name: z.string(), members: z.array(Person) }),
    status: ProposalStatus,
    version: z.int().meta({
      description:
        'The version shown: the latest for the team and organisers, the submitted one for mentors.',
    }),
    latestVersion: z.int(),
    submittedVersion: z.int().nullable(),
    submittedAt: isoDateTime().nullable(),
    content: ProposalContent,
    budget: Budget,
    savedBy: Person.nullable(),
    savedAt: isoDateTime().nullable(),
    deadline: isoDateTime(),
    deadlineInLabTimezone: z.string(),
    extended: z.boolean(),
    open: z.boolean().meta({ description: 'The team may still save and submit (server time).' }),
    canEdit: z
      .boolean()
      .meta({ description: 'The caller is on the team and the round is open to it.' }),
    problems: z.array(z.object({ field: z.string(), message: z.string() })).meta({
      description: 'What stops this version from being submitted (empty: it can be).',
    }),
    startedFrom: z
      .object({ roundId: z.uuid(), roundName: z.string(), proposalId: z.uuid(), version: z.int() })
      .nullable()
      .meta({ description: 'The earlier round’s proposal this one started from.' }),
  })
  .meta({ id: 'Proposal' });
export type ProposalView = z.output<typeof ProposalView>;

export const ProposalSummary = z
  .object({
    id: z.uuid(),
    team: z.object({ id: z.uuid(), name: z.string() }),
    status: ProposalStatus,
    version: z.int(),
    submittedVersion: z.int().nullable(),
    submittedAt: isoDateTime().nullable(),
    title: z.string(),
    challengeArea: z.string(),
    budget: Budget,
  })
  .meta({ id: 'ProposalSummary' });
export type ProposalSummary = z.output<typeof ProposalSummary>;

export const ProposalVersionSummary = z
  .object({
    version: z.int(),
    author: Person.nullable(),
    savedAt: isoDateTime(),
    title: z.string(),
    budgetTotal: z.number(),
    submitted: z.boolean().meta({ description: 'The version the team submitted last.' }),
  })
  .meta({ id: 'ProposalVersionSummary' });
export type ProposalVersionSummary = z.output<typeof ProposalVersionSummary>;

export const ProposalVersionView = z
  .object({
    version: z.int(),
    author: Person.nullable(),
    savedAt: isoDateTime(),
    content: ProposalContent,
    budgetTotal: z.number(),
  })
  .meta({ id: 'ProposalVersion' });
export type ProposalVersionView = z.output<typeof ProposalVersionView>;

export const CompareProposalQuery = z
  .strictObject({
    from: z.coerce.number().int().min(1).meta({ example: 1 }),
    to: z.coerce.number().int().min(1).meta({ example: 3 }),
  })
  .meta({ id: 'CompareProposalQuery' });
export class CompareProposalQueryDto extends createZodDto(CompareProposalQuery) {}

export const ProposalComparison = z
  .object({
    from: ProposalVersionSummary,
    to: ProposalVersionSummary,
    sections: z.array(
      z.object({
        key: z.enum(['title', ...PROPOSAL_SECTION_KEYS, 'budget']),
        label: z.string(),
        changed: z.boolean(),
        before: z.string(),
        after: z.string(),
      }),
    ),
  })
  .meta({ id: 'ProposalComparison' });
export type ProposalComparison = z.output<typeof ProposalComparison>;

/** What writing a proposal can meet besides validation and access. */
const PROPOSAL_WRITE_REFUSALS = [
  'FUNDING_ROUND_NOT_FOUND',
  'PROPOSAL_TEAM_NOT_FOUND',
  'PROPOSAL_TEAM_MEMBERS_ONLY',
  'PROPOSAL_DEADLINE_PASSED',
  'PROPOSAL_VERSION_CONFLICT',
];

const PROPOSAL_HISTORY_REFUSALS = [
  'FUNDING_ROUND_NOT_FOUND',
  'PROPOSAL_TEAM_NOT_FOUND',
  'PROPOSAL_NOT_FOUND',
];

export const fundingRoundsOps = operations('proposals', {
  create: {
    summary:
      'Set up a funding round (organisers): pool, per-award cap, currency, deadline, rubric, sections, open or invite-only',
    response: FundingRoundView,
    errors: ['FUNDING_ROUND_INVALID', 'FUNDING_ROUND_NAME_TAKEN'],
  },
  list: {
    summary:
      "The lab's funding rounds: organisers and mentors every one, participants the open ones and those their team is invited to",
    response: [FundingRoundView],
  },
  get: {
    summary: 'One funding round with the teams one may see and where their proposals stand',
    response: FundingRoundView,
    errors: ['FUNDING_ROUND_NOT_FOUND'],
  },
  update: {
    summary: "Change a funding round's settings (organisers), naming the version edited",
    response: FundingRoundView,
    errors: [
      'FUNDING_ROUND_NOT_FOUND',
      'FUNDING_ROUND_INVALID',
      'FUNDING_ROUND_NAME_TAKEN',
      'FUNDING_ROUND_VERSION_CONFLICT',
    ],
  },
  extend: {
    summary: "Give one team a later deadline than the round's (organisers); null takes it back",
    response: FundingRoundTeam,
    errors: ['FUNDING_ROUND_NOT_FOUND', 'PROPOSAL_TEAM_NOT_FOUND', 'PROPOSAL_EXTENSION_INVALID'],
  },
});

export const proposalsOps = operations('proposals', {
  list: {
    summary:
      'The proposals of a round: organisers every one (latest version), mentors the submitted ones',
    response: [ProposalSummary],
    errors: ['FUNDING_ROUND_NOT_FOUND'],
  },
  get: {
    summary:
      "A team's proposal: its members and the organisers read the latest version, mentors the submitted one; other teams nothing",
    description:
      'Before the first save it shows version 0 with the content to start from (an invited team: its proposal to the previous round).',
    response: ProposalView,
    errors: PROPOSAL_HISTORY_REFUSALS,
  },
  save: {
    summary:
      "Save the team's proposal as a new version (team members), based on the version the edit started from",
    description:
      'A save based on an older version is refused with 409 PROPOSAL_VERSION_CONFLICT; details.current is the current proposal. Teammates get `proposal:saved` on the team channel.',
    response: ProposalView,
    errors: PROPOSAL_WRITE_REFUSALS,
  },
  submit: {
    summary:
      'Submit (or resubmit) the latest version of the proposal (team members) until the deadline or the team’s extension',
    response: ProposalView,
    status: 200,
    errors: [...PROPOSAL_WRITE_REFUSALS, 'PROPOSAL_INCOMPLETE', 'PROPOSAL_NOTHING_TO_SUBMIT'],
  },
  versions: {
    summary:
      'Every version of the proposal, newest first, with author and time (team and organisers)',
    response: [ProposalVersionSummary],
    errors: PROPOSAL_HISTORY_REFUSALS,
  },
  version: {
    summary: 'One version of the proposal as it was saved (team and organisers)',
    response: ProposalVersionView,
    errors: [...PROPOSAL_HISTORY_REFUSALS, 'PROPOSAL_VERSION_NOT_FOUND'],
  },
  compare: {
    summary: 'Two versions of the proposal compared section by section (team and organisers)',
    response: ProposalComparison,
    errors: [...PROPOSAL_HISTORY_REFUSALS, 'PROPOSAL_VERSION_NOT_FOUND'],
  },
});
