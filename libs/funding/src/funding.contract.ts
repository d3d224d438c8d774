import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { dateTimeInput, isoDateTime, operations } from '@ideas-lab/platform';

/** The funding lib's HTTP contract: merit, portfolio runs, decisions, letters, follow-up, exports. */

const amount = () =>
  z
    .number()
    .min(0)
    .max(1e12)
    .multipleOf(0.01, 'must be an amount with at most 2 decimals')
    .meta({ description: 'Major units (e.g. dollars), at most 2 decimals.' });

const Money = z
  .object({ pool: z.number(), awardCap: z.number(), currency: z.string() })
  .meta({ id: 'FundingMoney' });

// ---- merit --------------------------------------------------------------------------------

export const MeritFlag = z
  .enum(['straddles-line', 'few-reviews', 'unscored'])
  .meta({ id: 'FundingMeritFlag' });

export const ProposalMeritRow = z
  .object({
    proposalId: z.uuid(),
    teamId: z.uuid(),
    teamName: z.string(),
    title: z.string(),
    challengeArea: z.string(),
    institution: z.string().nullable().meta({
      description: "The team's home institution: the affiliation most of its members gave.",
    }),
    request: z.number().meta({ description: 'The budget asked for, in major units.' }),
    score: z.number().nullable().meta({ description: 'Merit on the rubric’s 0..1 scale.' }),
    low: z.number().nullable(),
    high: z.number().nullable(),
    rank: z.int().nullable(),
    reviews: z.int(),
    pitchScore: z.number().nullable().meta({
      description: 'The team’s pitch score (0..1) when pitch scores are available.',
    }),
    flags: z.array(MeritFlag),
  })
  .meta({ id: 'ProposalMeritRow' });
export type ProposalMeritRow = z.output<typeof ProposalMeritRow>;

export const FundingMerit = z
  .object({
    roundId: z.uuid(),
    money: Money,
    reviewsAvailable: z.boolean().meta({
      description: 'Some proposal has review scores (the review lib answered).',
    }),
    pitchScoresAvailable: z.boolean(),
    proposals: z.array(ProposalMeritRow),
  })
  .meta({ id: 'FundingMerit' });
export type FundingMerit = z.output<typeof FundingMerit>;

// ---- portfolio runs -----------------------------------------------------------------------

export const FundingRules = z
  .strictObject({
    maxAwardsPerInstitution: z.int().min(1).max(1000).nullable().optional().meta({
      example: 1,
      description: 'At most this many awards to one institution; null: no limit.',
    }),
    minAwardsPerArea: z.int().min(0).max(100).optional().meta({
      example: 1,
      description: 'At least this many awards per challenge area, where possible.',
    }),
    mustFund: z.array(z.uuid()).max(500).optional(),
    mustNotFund: z.array(z.uuid()).max(500).optional(),
    partialAwards: z
      .strictObject({
        minFraction: z.number().gt(0).max(1).meta({ example: 0.8 }),
      })
      .nullable()
      .optional()
      .meta({ description: 'Allow awards below the request, down to this fraction of it.' }),
  })
  .meta({ id: 'FundingPortfolioRules' });
export type FundingRules = z.output<typeof FundingRules>;

export const CreatePortfolioRun = z
  .strictObject({
    rules: FundingRules,
    lottery: z.boolean().optional().meta({
      description:
        'Draw a seeded lottery among the proposals whose intervals straddle the funding line.',
    }),
    seed: z.string().trim().min(1).max(64).optional().meta({
      description: 'Seed of the lottery (default: a fresh one); stored with the run.',
    }),
    pitchWeight: z.number().min(0).max(1).optional().meta({
      description:
        'Share of merit from pitch scores, when the lab has them (0: reviews only, the default).',
    }),
  })
  .meta({ id: 'CreatePortfolioRun' });
export type CreatePortfolioRun = z.output<typeof CreatePortfolioRun>;
export class CreatePortfolioRunDto extends createZodDto(CreatePortfolioRun) {}

const RunProposal = z.object({
  proposalId: z.uuid(),
  teamName: z.string(),
  title: z.string(),
  request: z.number(),
  merit: z.number(),
});

export const PortfolioRunSummary = z
  .object({
    id: z.uuid(),
    createdAt: isoDateTime(),
    seed: z.string(),
    status: z.string(),
    optimal: z.boolean(),
    adopted: z.boolean(),
    rules: FundingRules,
    lottery: z.boolean(),
    pitchWeight: z.number(),
    fundedTeams: z.array(z.string()),
    fundedIds: z.array(z.uuid()),
    totalAwarded: z.number(),
    moneyLeft: z.number(),
    totalMerit: z.number(),
  })
  .meta({ id: 'PortfolioRunSummary' });
export type PortfolioRunSummary = z.output<typeof PortfolioRunSummary>;

export const PortfolioRun = PortfolioRunSummary.extend({
  solverStatus: z.string(),
  money: Money,
  awards: z.array(
    RunProposal.extend({
      amount: z.number(),
      fraction: z.number(),
      mustFund: z.boolean(),
      drawn: z.boolean().meta({ description: 'Funded because the lottery drew it.' }),
    }),
  ),
  unfunded: z.array(RunProposal),
  ineligible: z.array(
    z.object({ proposalId: z.uuid(), teamName: z.string(), message: z.string() }),
  ),
  areas: z.array(
    z.object({
      area: z.string(),
      awards: z.int(),
      required: z.int(),
      eligible: z.int(),
      met: z.boolean(),
    }),
  ),
  next: z.array(
    z.object({
      proposalId: z.uuid(),
      teamName: z.string(),
      merit: z.number(),
      request: z.number(),
      meritNeeded: z.number().nullable(),
      requestNeeded: z.number().nullable(),
      message: z.string(),
    }),
  ),
  draw: z
    .object({
      seed: z.string(),
      line: z.number(),
      candidates: z.array(
        z.object({
          proposalId: z.uuid(),
          teamName: z.string(),
          value: z.number(),
          won: z.boolean(),
        }),
      ),
    })
    .nullable()
    .meta({ description: 'The lottery: seed, candidates with their drawn values, who won.' }),
  infeasibility: z
    .object({ messages: z.array(z.string()), relaxation: z.array(z.string()) })
    .nullable(),
}).meta({ id: 'PortfolioRun' });
export type PortfolioRun = z.output<typeof PortfolioRun>;

export const PortfolioReplay = z
  .object({
    run: PortfolioRun,
    same: z.boolean().meta({
      description:
        'Solving the stored inputs with the stored seed again gave the same awards and draw.',
    }),
    replayedFundedIds: z.array(z.uuid()),
    replayedDrawnIds: z.array(z.uuid()),
  })
  .meta({ id: 'PortfolioReplay' });
export type PortfolioReplay = z.output<typeof PortfolioReplay>;

export const AdoptPortfolioRun = z
  .strictObject({
    rationale: z.string().trim().min(1).max(5000).meta({
      example: 'Funded within the pool by merit, at most one award per institution.',
      description: 'Written on every decision the run makes.',
    }),
  })
  .meta({ id: 'AdoptPortfolioRun' });
export type AdoptPortfolioRun = z.output<typeof AdoptPortfolioRun>;
export class AdoptPortfolioRunDto extends createZodDto(AdoptPortfolioRun) {}

// ---- decisions ----------------------------------------------------------------------------

export const FundingOutcome = z.enum(['funded', 'not-funded']).meta({ id: 'FundingOutcome' });

export const PutFundingDecision = z
  .strictObject({
    version: z.int().min(0).meta({
      description:
        'The version you read (0 when the proposal has no decision yet). Older: 409 FUNDING_DECISION_VERSION_CONFLICT.',
    }),
    outcome: FundingOutcome,
    amount: amount().nullable().optional().meta({
      description:
        'Funded: the award (at most the request and the cap; all awards within the pool).',
    }),
    rationale: z.string().trim().min(1).max(5000),
    invitedToRoundId: z.uuid().nullable().optional().meta({
      description:
        'An invite-only round that follows this one: the team is invited to it (null: not invited).',
    }),
  })
  .meta({ id: 'PutFundingDecision' });
export type PutFundingDecision = z.output<typeof PutFundingDecision>;
export class PutFundingDecisionDto extends createZodDto(PutFundingDecision) {}

export const FundingDecisionView = z
  .object({
    id: z.uuid(),
    outcome: FundingOutcome,
    amount: z.number().nullable(),
    rationale: z.string(),
    invitedToRound: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    runId: z.uuid().nullable(),
    version: z.int(),
    decidedBy: z.string().nullable(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'FundingDecision' });
export type FundingDecisionView = z.output<typeof FundingDecisionView>;

export const FundingDecisionRow = z
  .object({
    proposalId: z.uuid(),
    teamId: z.uuid(),
    teamName: z.string(),
    title: z.string(),
    request: z.number(),
    score: z.number().nullable(),
    rank: z.int().nullable(),
    flags: z.array(MeritFlag),
    decision: FundingDecisionView.nullable(),
    letters: z.object({ drafts: z.int(), released: z.int() }),
  })
  .meta({ id: 'FundingDecisionRow' });
export type FundingDecisionRow = z.output<typeof FundingDecisionRow>;

export const FundingDecisionBoard = z
  .object({
    roundId: z.uuid(),
    roundName: z.string(),
    money: Money,
    awarded: z.number(),
    left: z.number(),
    nextRounds: z.array(z.object({ id: z.uuid(), name: z.string() })).meta({
      description: 'Invite-only rounds that follow this one: where a team can be invited.',
    }),
    proposals: z.array(FundingDecisionRow),
  })
  .meta({ id: 'FundingDecisionBoard' });
export type FundingDecisionBoard = z.output<typeof FundingDecisionBoard>;

// ---- letters ------------------------------------------------------------------------------

export const FundingLetter = z
  .object({
    id: z.uuid(),
    proposalId: z.uuid().nullable(),
    teamName: z.string(),
    outcome: z.string(),
    recipient: z.string(),
    subject: z.string(),
    body: z.string(),
    status: z.enum(['draft', 'queued', 'sending', 'sent', 'logged', 'failed']),
    releasedAt: isoDateTime().nullable(),
    sentAt: isoDateTime().nullable(),
  })
  .meta({ id: 'FundingLetter' });
export type FundingLetter = z.output<typeof FundingLetter>;

export const FundingLetters = z
  .object({
    transport: z.enum(['smtp', 'preview']),
    drafts: z.int(),
    released: z.int(),
    undecided: z.array(z.string()).meta({ description: 'Teams with no decision yet (no letter).' }),
    letters: z.array(FundingLetter),
  })
  .meta({ id: 'FundingLetters' });
export type FundingLetters = z.output<typeof FundingLetters>;

export const ReleaseFundingLetters = z
  .strictObject({
    drafts: z.int().min(1).meta({
      description:
        'How many drafts you read and confirm (the outbox’s count): a different number means the letters changed meanwhile (409).',
    }),
  })
  .meta({ id: 'ReleaseFundingLetters' });
export type ReleaseFundingLetters = z.output<typeof ReleaseFundingLetters>;
export class ReleaseFundingLettersDto extends createZodDto(ReleaseFundingLetters) {}

// ---- follow-up ----------------------------------------------------------------------------

export const ScheduleProgressReports = z
  .strictObject({
    title: z.string().trim().min(1).max(200).meta({ example: '6-month progress report' }),
    dueAt: dateTimeInput().meta({ example: '2021-03-01T17:00:00Z' }),
    teamIds: z.array(z.uuid()).max(500).optional().meta({
      description: 'Default: every funded team of the round.',
    }),
  })
  .meta({ id: 'ScheduleProgressReports' });
export type ScheduleProgressReports = z.output<typeof ScheduleProgressReports>;
export class ScheduleProgressReportsDto extends createZodDto(ScheduleProgressReports) {}

const ReportLink = z.strictObject({
  label: z.string().trim().min(1).max(200).meta({ example: 'Preprint' }),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
    .max(2000)
    .meta({ example: 'https://www.biorxiv.org/content/10.1101/2021.01.01.000001' }),
});

export const FileProgressReport = z
  .strictObject({
    version: z.int().min(1).meta({ description: 'The version you read (409 when it moved on).' }),
    summary: z.string().trim().min(1).max(5000),
    outcomes: z.string().trim().max(5000).optional().meta({
      description: 'Results, publications, data, software.',
    }),
    nextSteps: z.string().trim().max(5000).optional(),
    links: z.array(ReportLink).max(20).optional(),
  })
  .meta({ id: 'FileProgressReport' });
export type FileProgressReport = z.output<typeof FileProgressReport>;
export class FileProgressReportDto extends createZodDto(FileProgressReport) {}

export const ProgressReportView = z
  .object({
    id: z.uuid(),
    roundId: z.uuid(),
    roundName: z.string(),
    team: z.object({ id: z.uuid(), name: z.string() }),
    title: z.string(),
    dueAt: isoDateTime(),
    dueInLabTimezone: z.string(),
    status: z.enum(['due', 'late', 'filed', 'filed-late']),
    summary: z.string(),
    outcomes: z.string(),
    nextSteps: z.string(),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
    filedAt: isoDateTime().nullable(),
    filedBy: z.string().nullable(),
    reminders: z.int(),
    remindedAt: isoDateTime().nullable(),
    version: z.int(),
    canFile: z.boolean().meta({ description: 'The caller is on the team.' }),
  })
  .meta({ id: 'ProgressReport' });
export type ProgressReportView = z.output<typeof ProgressReportView>;

export const ProgressReports = z
  .object({
    reports: z.array(ProgressReportView),
    late: z.array(z.uuid()).meta({ description: 'Reports past their date and not filed.' }),
  })
  .meta({ id: 'ProgressReports' });
export type ProgressReports = z.output<typeof ProgressReports>;

export const RemindLateTeams = z
  .strictObject({
    reportIds: z.array(z.uuid()).min(1).max(500).optional().meta({
      description: 'Default: every late report.',
    }),
  })
  .meta({ id: 'RemindLateTeams' });
export type RemindLateTeams = z.output<typeof RemindLateTeams>;
export class RemindLateTeamsDto extends createZodDto(RemindLateTeams) {}

export const RemindersSent = z
  .object({ reminded: z.array(z.uuid()), letters: z.int() })
  .meta({ id: 'RemindersSent' });
export type RemindersSent = z.output<typeof RemindersSent>;

// ---- exports ------------------------------------------------------------------------------

export const FundingExportTable = z
  .enum(['proposals', 'reviews', 'scores', 'decisions'])
  .meta({ id: 'FundingExportTable' });
export type FundingExportTable = z.output<typeof FundingExportTable>;

export const FundingExport = z
  .object({
    round: z.object({ id: z.uuid(), name: z.string(), currency: z.string() }),
    anonymised: z.boolean().meta({
      description: 'Reviews were blind: reviewers appear as stable pseudonyms.',
    }),
    proposals: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    reviews: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    scores: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    decisions: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  })
  .meta({ id: 'FundingExport' });
export type FundingExport = z.output<typeof FundingExport>;
export type ExportRow = FundingExport['proposals'][number];

// ---- operations ---------------------------------------------------------------------------

const ROUND_ERRORS = ['FUNDING_ROUND_NOT_FOUND'] as const;

/** The funding routes (FundingController), under one OpenAPI tag. */
export const fundingOps = operations('funding', {
  merit: {
    summary:
      'Each submitted proposal with its request, institution, merit from the reviews (score, interval, rank, flags) and pitch score (organisers)',
    response: FundingMerit,
    errors: [...ROUND_ERRORS],
  },
  createRun: {
    summary:
      'Run the portfolio optimiser under the rules given, optionally with a seeded lottery among the proposals straddling the funding line (organisers)',
    response: PortfolioRun,
    errors: [
      ...ROUND_ERRORS,
      'FUNDING_NO_PROPOSALS',
      'FUNDING_NO_MERIT',
      'FUNDING_RULES_INVALID',
      'SOLVER_BUSY',
    ],
  },
  runs: {
    summary: "The round's portfolio runs, newest first, to compare (organisers)",
    response: [PortfolioRunSummary],
    errors: [...ROUND_ERRORS],
  },
  run: {
    summary:
      'One portfolio run: awards, money left, what the next proposals would need, the lottery draw, infeasibility in words (organisers)',
    response: PortfolioRun,
    errors: [...ROUND_ERRORS, 'FUNDING_RUN_NOT_FOUND'],
  },
  replay: {
    summary:
      'Solve a run again from its stored inputs and seed and say whether it gives the same awards and draw (organisers)',
    response: PortfolioReplay,
    status: 200,
    errors: [...ROUND_ERRORS, 'FUNDING_RUN_NOT_FOUND', 'SOLVER_BUSY'],
  },
  adopt: {
    summary:
      "Adopt a run: its awards become the round's decisions, each with the rationale given (organisers)",
    response: PortfolioRun,
    status: 200,
    errors: [
      ...ROUND_ERRORS,
      'FUNDING_RUN_NOT_FOUND',
      'FUNDING_RUN_INFEASIBLE',
      'FUNDING_OVER_CAP',
      'FUNDING_OVER_POOL',
    ],
  },
  board: {
    summary:
      'The funding decision of the round: every submitted proposal with its merit and decision, money awarded and left (organisers)',
    response: FundingDecisionBoard,
    errors: [...ROUND_ERRORS],
  },
  decide: {
    summary:
      'Record the decision on one proposal: funded with an amount (within the cap, the request and the pool) or not, a rationale, an invitation to the next round (organisers)',
    response: FundingDecisionRow,
    errors: [
      ...ROUND_ERRORS,
      'FUNDING_PROPOSAL_NOT_FOUND',
      'FUNDING_DECISION_INVALID',
      'FUNDING_OVER_CAP',
      'FUNDING_OVER_REQUEST',
      'FUNDING_OVER_POOL',
      'FUNDING_DECISION_VERSION_CONFLICT',
    ],
  },
  letters: {
    summary: "The round's decision letters in the lab's outbox (organisers)",
    response: FundingLetters,
    errors: [...ROUND_ERRORS],
  },
  composeLetters: {
    summary:
      "Write the decision letters into the outbox as drafts: one per team member, with the decision, rationale, invitation and the reviewers' released comments to the team (organisers)",
    response: FundingLetters,
    status: 200,
    errors: [...ROUND_ERRORS],
  },
  releaseLetters: {
    summary:
      'Release the drafts to the sender, confirming how many were read (organisers); the sender sends them in the background',
    response: FundingLetters,
    status: 200,
    errors: [...ROUND_ERRORS, 'FUNDING_NOTHING_TO_RELEASE', 'FUNDING_LETTERS_CHANGED'],
  },
  schedule: {
    summary: 'Ask the funded teams (or those named) for a progress report by a date (organisers)',
    response: ProgressReports,
    errors: [...ROUND_ERRORS, 'FUNDING_NOT_FUNDED', 'PROGRESS_REPORT_INVALID'],
  },
  reportsOfRound: {
    summary:
      "Progress reports of the round: organisers every team's with who is late, team members their team's",
    response: ProgressReports,
    errors: [...ROUND_ERRORS],
  },
  file: {
    summary: 'File (or refile) the team’s progress report: a short form and links (team members)',
    response: ProgressReportView,
    errors: [
      ...ROUND_ERRORS,
      'PROGRESS_REPORT_NOT_FOUND',
      'PROGRESS_REPORT_TEAM_ONLY',
      'PROGRESS_REPORT_VERSION_CONFLICT',
    ],
  },
  remind: {
    summary:
      'Remind the members of late teams (or of the reports named) through the outbox, at once (organisers)',
    response: RemindersSent,
    status: 200,
    errors: [...ROUND_ERRORS, 'FUNDING_NOTHING_LATE', 'PROGRESS_REPORT_INVALID'],
  },
  exportJson: {
    summary:
      'Proposals, reviews, scores and decisions of the round as JSON; reviewers as stable pseudonyms where review was blind (organisers)',
    response: FundingExport,
    errors: [...ROUND_ERRORS],
  },
  exportCsv: {
    summary:
      'One table of the round (proposals, reviews, scores or decisions) as CSV; reviewers as pseudonyms where review was blind (organisers)',
    response: {
      mediaType: 'text/csv',
      description: 'One row per proposal, review or decision; a header row first.',
    },
    errors: [...ROUND_ERRORS],
  },
});
