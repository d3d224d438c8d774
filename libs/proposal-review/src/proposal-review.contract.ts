import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { isoDateTime, operations } from '@ideas-lab/platform';
import { ReviewCriterion } from '@ideas-lab/review';

/** The proposal-review lib's HTTP contract: every shape once. */

const Person = z
  .object({ userId: z.uuid(), displayName: z.string() })
  .meta({ id: 'ProposalReviewPerson' });

export const ProposalReviewStatus = z
  .enum(['assigned', 'draft', 'submitted'])
  .meta({ id: 'ProposalReviewStatus' });

export const ProposalReviewProgress = z
  .object({
    assigned: z.int(),
    submitted: z.int(),
    draft: z.int(),
    notStarted: z.int(),
  })
  .meta({ id: 'ProposalReviewProgress' });
export type ProposalReviewProgress = z.output<typeof ProposalReviewProgress>;

export const ConsensusRecommendation = z
  .enum(['fund', 'fund-with-changes', 'do-not-fund'])
  .meta({ id: 'ConsensusRecommendation' });

// ---- the round's review -------------------------------------------------------------------

export const ProposalReviewRoundView = z
  .object({
    roundId: z.uuid(),
    roundName: z.string(),
    blind: z.boolean().meta({
      description:
        'Reviewers do not learn who else reviewed a proposal. Teams never learn who reviewed theirs.',
    }),
    closedAt: isoDateTime().nullable().meta({
      description: 'When the organisers closed review: reviews no longer change.',
    }),
    commentsReleasedAt: isoDateTime().nullable().meta({
      description: 'When the organisers released the comments to the teams.',
    }),
    version: z.int(),
    rubric: z.array(ReviewCriterion),
    progress: ProposalReviewProgress,
    proposals: z.array(
      z.object({
        proposalId: z.uuid(),
        teamId: z.uuid(),
        teamName: z.string(),
        title: z.string(),
        progress: ProposalReviewProgress,
        lead: Person.nullable(),
        recommendation: ConsensusRecommendation.nullable(),
      }),
    ),
  })
  .meta({ id: 'ProposalReviewRound' });
export type ProposalReviewRoundView = z.output<typeof ProposalReviewRoundView>;

export const UpdateProposalReviewRound = z
  .strictObject({
    version: z.int().min(1).meta({ description: 'The version you read (409 when it moved).' }),
    blind: z.boolean().optional(),
  })
  .meta({ id: 'UpdateProposalReviewRound' });
export type UpdateProposalReviewRound = z.output<typeof UpdateProposalReviewRound>;
export class UpdateProposalReviewRoundDto extends createZodDto(UpdateProposalReviewRound) {}

export const ProposalReviewRoundCommand = z
  .strictObject({
    version: z.int().min(1).meta({ description: 'The version you read (409 when it moved).' }),
  })
  .meta({ id: 'ProposalReviewRoundCommand' });
export type ProposalReviewRoundCommand = z.output<typeof ProposalReviewRoundCommand>;
export class ProposalReviewRoundCommandDto extends createZodDto(ProposalReviewRoundCommand) {}

// ---- assignment ---------------------------------------------------------------------------

const CoverageRequirement = z
  .strictObject({
    id: z.string().trim().min(1).max(60).meta({ example: 'clinical' }),
    expertise: z
      .array(z.string().trim().min(1).max(100))
      .min(1)
      .max(30)
      .meta({ example: ['clinical', 'Oncology', 'Radiology'] }),
    min: z.int().min(1).max(10).optional().meta({ example: 1 }),
  })
  .meta({ id: 'ProposalCoverageRequirement' });

export const RunProposalAssignment = z
  .strictObject({
    reviewsPerProposal: z
      .int()
      .min(1)
      .max(20)
      .meta({ example: 3, description: 'k: reviews per proposal.' }),
    load: z
      .strictObject({
        min: z.int().min(0).max(1000).optional().meta({ example: 2 }),
        max: z.int().min(0).max(1000).optional().meta({ example: 4 }),
      })
      .optional()
      .meta({ description: 'Reviews per mentor; balanced as evenly as possible within it.' }),
    reviewerIds: z.array(z.guid('must be user ids')).max(500).optional().meta({
      description: 'The reviewers to use (default: every mentor of the lab).',
    }),
    coverage: z.array(CoverageRequirement).max(10).optional().meta({
      description:
        'Expertise every proposal should get, where available (default: one clinical and one computational reviewer).',
    }),
    seed: z.string().trim().min(1).max(100).optional().meta({
      description: 'Seed of the run (default: a fresh one, stored with the run).',
    }),
  })
  .meta({ id: 'RunProposalAssignment' });
export type RunProposalAssignment = z.output<typeof RunProposalAssignment>;
export class RunProposalAssignmentDto extends createZodDto(RunProposalAssignment) {}

export const ProposalAssignmentRunView = z
  .object({
    runId: z.uuid(),
    seed: z.string(),
    solverStatus: z.string(),
    complete: z.boolean(),
    optimal: z.boolean(),
    reviewsPerProposal: z.int(),
    proposals: z.int(),
    kept: z.int(),
    added: z.int(),
    loads: z.array(
      z.object({
        reviewerId: z.uuid(),
        name: z.string(),
        load: z.int(),
        min: z.int(),
        max: z.int().nullable(),
      }),
    ),
    loadSpread: z.int(),
    unfilled: z.array(
      z.object({ proposalId: z.uuid(), title: z.string(), assigned: z.int(), missing: z.int() }),
    ),
    uncovered: z.array(
      z.object({
        proposalId: z.uuid(),
        requirementId: z.string(),
        needed: z.int(),
        assigned: z.int(),
      }),
    ),
    unavailableCoverage: z.array(
      z.object({ requirementId: z.string(), proposalIds: z.array(z.uuid()) }),
    ),
    problems: z.array(z.string()),
    warnings: z.array(z.string()),
    createdAt: isoDateTime(),
  })
  .meta({ id: 'ProposalAssignmentRun' });
export type ProposalAssignmentRunView = z.output<typeof ProposalAssignmentRunView>;

export const ProposalConflictReason = z
  .enum([
    'team-member',
    'declared-proposal',
    'declared-person',
    'declared-institution',
    'same-institution',
  ])
  .meta({ id: 'ProposalConflictReason' });

export const ProposalAssignment = z
  .object({
    id: z.uuid(),
    proposalId: z.uuid(),
    teamName: z.string(),
    title: z.string(),
    reviewerId: z.uuid(),
    reviewerName: z.string(),
    source: z.enum(['auto', 'manual']),
    status: ProposalReviewStatus,
    conflict: ProposalConflictReason.nullable().meta({
      description:
        'A conflict of interest that arose after the assignment (teams or declarations changed).',
    }),
  })
  .meta({ id: 'ProposalAssignment' });
export type ProposalAssignment = z.output<typeof ProposalAssignment>;

export const ProposalAssignmentsView = z
  .object({
    roundId: z.uuid(),
    reviewers: z.array(
      z.object({
        userId: z.uuid(),
        displayName: z.string(),
        institution: z.string(),
        expertise: z.array(z.string()),
      }),
    ),
    proposals: z.array(z.object({ proposalId: z.uuid(), teamName: z.string(), title: z.string() })),
    assignments: z.array(ProposalAssignment),
    conflicts: z.array(
      z.object({ reviewerId: z.uuid(), proposalId: z.uuid(), reason: ProposalConflictReason }),
    ),
    latestRun: ProposalAssignmentRunView.nullable(),
  })
  .meta({ id: 'ProposalAssignments' });
export type ProposalAssignmentsView = z.output<typeof ProposalAssignmentsView>;

export const AddProposalAssignment = z
  .strictObject({
    proposalId: z.guid('must be a proposal id'),
    reviewerId: z.guid('must be a user id'),
  })
  .meta({ id: 'AddProposalAssignment' });
export type AddProposalAssignment = z.output<typeof AddProposalAssignment>;
export class AddProposalAssignmentDto extends createZodDto(AddProposalAssignment) {}

// ---- conflicts declared with one proposal ---------------------------------------------------

export const MyProposalConflicts = z
  .object({
    roundId: z.uuid(),
    proposals: z.array(
      z.object({
        proposalId: z.uuid(),
        teamName: z.string(),
        title: z.string(),
        declared: z
          .object({ reason: z.string(), declaredAt: isoDateTime() })
          .nullable()
          .meta({ description: 'The conflict you declared with this proposal, if any.' }),
        conflict: ProposalConflictReason.nullable().meta({
          description:
            'Why you may not review it, whatever the cause (declared, on the team, an institution); null when you may.',
        }),
        conflictText: z.string().nullable().meta({
          example: 'you work at the institution of a member of this team',
          description: 'The conflict in words.',
        }),
      }),
    ),
    withdrawnReviews: z.int().meta({
      description:
        'Unsubmitted reviews of yours this change withdrew (a submitted review stays, flagged to the organisers).',
    }),
  })
  .meta({ id: 'MyProposalConflicts' });
export type MyProposalConflicts = z.output<typeof MyProposalConflicts>;

export const DeclareProposalConflict = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .meta({ example: 'I co-supervise a PhD student with the team lead.' }),
  })
  .meta({ id: 'DeclareProposalConflict' });
export type DeclareProposalConflict = z.output<typeof DeclareProposalConflict>;
export class DeclareProposalConflictDto extends createZodDto(DeclareProposalConflict) {}

// ---- reviews ------------------------------------------------------------------------------

export const ProposalReviewQueue = z
  .object({
    roundId: z.uuid(),
    roundName: z.string(),
    blind: z.boolean(),
    closed: z.boolean(),
    progress: ProposalReviewProgress,
    items: z.array(
      z.object({
        proposalId: z.uuid(),
        teamId: z.uuid(),
        teamName: z.string(),
        title: z.string(),
        challengeArea: z.string(),
        status: ProposalReviewStatus,
        revision: z.int(),
        submittedAt: isoDateTime().nullable(),
        lead: z.boolean().meta({ description: 'You write the consensus report of this proposal.' }),
      }),
    ),
  })
  .meta({ id: 'ProposalReviewQueue' });
export type ProposalReviewQueue = z.output<typeof ProposalReviewQueue>;

export const MyProposalReview = z
  .object({
    status: ProposalReviewStatus,
    scores: z.record(z.string(), z.int()),
    confidence: z.int().nullable(),
    teamComment: z.string(),
    panelComment: z.string(),
    revision: z.int().meta({ description: 'Submissions so far (each kept).' }),
    submittedAt: isoDateTime().nullable(),
    updatedAt: isoDateTime(),
    missing: z.array(z.string()).meta({
      description:
        'What a submission still needs: the labels of unscored criteria, and confidence.',
    }),
  })
  .meta({ id: 'MyProposalReview' });
export type MyProposalReview = z.output<typeof MyProposalReview>;

export const ProposalToReview = z
  .object({
    proposalId: z.uuid(),
    roundId: z.uuid(),
    teamId: z.uuid(),
    teamName: z.string(),
    title: z.string(),
    challengeArea: z.string(),
    submittedVersion: z.int(),
    rubric: z.array(ReviewCriterion),
    review: MyProposalReview,
    othersVisible: z.boolean().meta({
      description:
        "Whether I read the panel (others' reviews, the discussion, the consensus): once I have submitted my review, unless I am conflicted with the proposal.",
    }),
    conflict: ProposalConflictReason.nullable().meta({
      description:
        'My conflict of interest with the proposal, arisen after I submitted (declared, or teams changed): my review stays readable to me, the panel is closed.',
    }),
    conflictText: z.string().nullable().meta({
      example: 'you declared a conflict with this proposal',
      description: 'The conflict in words.',
    }),
    closed: z.boolean(),
  })
  .meta({ id: 'ProposalToReview' });
export type ProposalToReview = z.output<typeof ProposalToReview>;

const comment = () => z.string().max(10_000);

export const SaveProposalReview = z
  .strictObject({
    scores: z
      .record(z.string(), z.int().nullable())
      .optional()
      .meta({
        example: { significance: 7, approach: 6 },
        description: 'Score per criterion id; null clears one. Unchanged when absent.',
      }),
    confidence: z.int().min(1).max(5).nullable().optional().meta({
      example: 4,
      description: 'How sure you are: 1 (outside my area) to 5 (expert).',
    }),
    teamComment: comment().optional().meta({
      description: 'To the team, once the organisers release comments.',
    }),
    panelComment: comment().optional().meta({
      description: 'To the panel only; never shown to the team.',
    }),
  })
  .meta({ id: 'SaveProposalReview' });
export type SaveProposalReview = z.output<typeof SaveProposalReview>;
export class SaveProposalReviewDto extends createZodDto(SaveProposalReview) {}

export const ProposalReviewsOfProposal = z
  .object({
    proposalId: z.uuid(),
    blind: z.boolean(),
    reviews: z.array(
      z.object({
        reviewerId: z.uuid().nullable().meta({ description: 'null in a blind review.' }),
        reviewerName: z.string(),
        mine: z.boolean(),
        scores: z.record(z.string(), z.int()),
        confidence: z.int().nullable(),
        teamComment: z.string(),
        panelComment: z.string(),
        weightedScore: z.number().meta({ description: 'Weighted rubric score, 0..1.' }),
        revision: z.int(),
        submittedAt: isoDateTime(),
      }),
    ),
  })
  .meta({ id: 'ProposalReviewsOfProposal' });
export type ProposalReviewsOfProposal = z.output<typeof ProposalReviewsOfProposal>;

export const ProposalFeedback = z
  .object({
    roundId: z.uuid(),
    teamId: z.uuid(),
    proposalId: z.uuid().nullable(),
    released: z.boolean(),
    comments: z.array(
      z.object({
        label: z.string().meta({ example: 'Reviewer 1' }),
        comment: z.string(),
      }),
    ),
  })
  .meta({ id: 'ProposalFeedback' });
export type ProposalFeedback = z.output<typeof ProposalFeedback>;

// ---- panel discussion and consensus -------------------------------------------------------

/** How the reader sees a reviewer named on the panel: in a blind review, another reviewer is "Reviewer n". */
const hiddenInBlindReview =
  'Null when unknown, or when a blind review hides this reviewer from the reader (see the label).';

export const PanelMessage = z
  .object({
    id: z.uuid(),
    author: Person.nullable().meta({ description: hiddenInBlindReview }),
    authorLabel: z.string().meta({
      description:
        'The author as the reader sees them: their name, or "Reviewer n" (as in the reviews) in a blind review.',
      example: 'Reviewer 2',
    }),
    body: z.string(),
    createdAt: isoDateTime(),
  })
  .meta({ id: 'PanelMessage' });
export type PanelMessage = z.output<typeof PanelMessage>;

export const PanelThread = z
  .object({ proposalId: z.uuid(), messages: z.array(PanelMessage) })
  .meta({ id: 'PanelThread' });
export type PanelThread = z.output<typeof PanelThread>;

export const PostPanelMessage = z
  .strictObject({ body: z.string().trim().min(1).max(5000) })
  .meta({ id: 'PostPanelMessage' });
export type PostPanelMessage = z.output<typeof PostPanelMessage>;
export class PostPanelMessageDto extends createZodDto(PostPanelMessage) {}

export const ConsensusReportView = z
  .object({
    proposalId: z.uuid(),
    lead: Person.nullable().meta({ description: hiddenInBlindReview }),
    leadLabel: z.string().nullable().meta({
      description: 'The lead as the reader sees them (name or "Reviewer n"); null: no lead yet.',
    }),
    recommendation: ConsensusRecommendation.nullable(),
    summary: z.string(),
    version: z.int().meta({ description: '0 until the lead first saves it.' }),
    updatedBy: Person.nullable().meta({ description: hiddenInBlindReview }),
    updatedAt: isoDateTime().nullable(),
    canEdit: z.boolean(),
  })
  .meta({ id: 'ConsensusReport' });
export type ConsensusReportView = z.output<typeof ConsensusReportView>;

export const SetConsensusLead = z
  .strictObject({ leadReviewerId: z.guid('must be a user id') })
  .meta({ id: 'SetConsensusLead' });
export type SetConsensusLead = z.output<typeof SetConsensusLead>;
export class SetConsensusLeadDto extends createZodDto(SetConsensusLead) {}

export const SaveConsensusReport = z
  .strictObject({
    version: z.int().min(0).meta({ description: 'The version you read (409 when it moved).' }),
    recommendation: ConsensusRecommendation,
    summary: z.string().trim().min(1).max(20_000),
  })
  .meta({ id: 'SaveConsensusReport' });
export type SaveConsensusReport = z.output<typeof SaveConsensusReport>;
export class SaveConsensusReportDto extends createZodDto(SaveConsensusReport) {}

// ---- ranking ------------------------------------------------------------------------------

export const ProposalRankingQuery = z
  .strictObject({
    line: z.coerce.number().min(0).max(1).optional().meta({
      description:
        'The funding line as a score (0..1). Default: between the last proposal the pool funds in rank order and the next.',
    }),
  })
  .meta({ id: 'ProposalRankingQuery' });
export type ProposalRankingQuery = z.output<typeof ProposalRankingQuery>;
export class ProposalRankingQueryDto extends createZodDto(ProposalRankingQuery) {}

export const ProposalFlag = z
  .enum(['straddles-line', 'few-reviews', 'unscored'])
  .meta({ id: 'ProposalRankingFlag' });

export const RankedProposalView = z
  .object({
    proposalId: z.uuid(),
    teamId: z.uuid(),
    teamName: z.string(),
    title: z.string(),
    challengeArea: z.string(),
    budgetTotal: z.number().meta({ description: 'What the proposal asks for, major units.' }),
    rank: z.int().meta({ description: '1 = best.' }),
    merit: z.number().meta({ description: 'Normalised merit (mean per-reviewer z-score).' }),
    score: z.number().meta({ description: 'Weighted rubric score on a 0..1 scale.' }),
    interval: z.object({ low: z.number(), high: z.number() }).meta({
      description: 'Bootstrap interval of the score.',
    }),
    reviewCount: z.int(),
    aboveLine: z.boolean().meta({ description: 'The score is above the funding line.' }),
    flags: z.array(ProposalFlag),
    recommendation: ConsensusRecommendation.nullable(),
  })
  .meta({ id: 'RankedProposal' });
export type RankedProposalView = z.output<typeof RankedProposalView>;

export const ProposalRankingView = z
  .object({
    roundId: z.uuid(),
    currency: z.string(),
    pool: z.number(),
    line: z
      .number()
      .nullable()
      .meta({ description: 'The funding line (a score), null when none.' }),
    lineSource: z.enum(['given', 'pool']).nullable(),
    confidence: z.number().meta({ description: 'Coverage of the intervals, e.g. 0.9.' }),
    resamples: z.int(),
    seed: z.string(),
    reviews: ProposalReviewProgress,
    proposals: z.array(RankedProposalView),
  })
  .meta({ id: 'ProposalRanking' });
export type ProposalRankingView = z.output<typeof ProposalRankingView>;

// ---- operations ---------------------------------------------------------------------------

const ROUND = 'PROPOSAL_REVIEW_ROUND_NOT_FOUND';
const PROPOSAL = 'PROPOSAL_REVIEW_PROPOSAL_NOT_FOUND';

export const proposalReviewOps = operations('proposal review', {
  overview: {
    summary:
      "The round's review (organisers): blind or not, closed, comments released, progress per proposal, lead reviewers and recommendations",
    response: ProposalReviewRoundView,
    errors: [ROUND],
  },
  update: {
    summary: 'Change how the round is reviewed (organisers): blind or not',
    response: ProposalReviewRoundView,
    errors: [ROUND, 'PROPOSAL_REVIEW_ROUND_VERSION_CONFLICT', 'PROPOSAL_REVIEW_CLOSED'],
  },
  close: {
    summary: 'Close review (organisers): reviews no longer change, the ranking stands on them',
    response: ProposalReviewRoundView,
    status: 200,
    errors: [ROUND, 'PROPOSAL_REVIEW_ROUND_VERSION_CONFLICT'],
  },
  release: {
    summary:
      'Release the comments to the teams (organisers): each team reads the comments written to it, never a panel comment or who wrote them',
    response: ProposalReviewRoundView,
    status: 200,
    errors: [ROUND, 'PROPOSAL_REVIEW_ROUND_VERSION_CONFLICT'],
  },
  runAssignment: {
    summary:
      "Assign mentors to the round's submitted proposals (organisers): k reviews each, load range, conflicts excluded, clinical and computational expertise where available; keeps started reviews and hand-made assignments",
    response: ProposalAssignmentRunView,
    errors: [
      ROUND,
      'PROPOSAL_REVIEWER_NOT_MENTOR',
      'PROPOSAL_REVIEW_NOT_OPEN',
      'PROPOSAL_REVIEW_CLOSED',
      'PROPOSAL_REVIEW_NO_PROPOSALS',
      'PROPOSAL_ASSIGNMENT_INPUTS_CHANGED',
    ],
  },
  assignments: {
    summary:
      "The round's assignments (organisers), its mentors with expertise, the conflicts of interest and the latest run",
    response: ProposalAssignmentsView,
    errors: [ROUND],
  },
  addAssignment: {
    summary:
      'Assign a mentor to a proposal by hand (organisers); a conflict of interest is refused',
    response: ProposalAssignment,
    errors: [
      ROUND,
      PROPOSAL,
      'PROPOSAL_REVIEWER_NOT_MENTOR',
      'PROPOSAL_REVIEW_NOT_OPEN',
      'PROPOSAL_REVIEW_CLOSED',
      'PROPOSAL_ASSIGNMENT_CONFLICT_OF_INTEREST',
      'PROPOSAL_ASSIGNMENT_EXISTS',
    ],
  },
  removeAssignment: {
    summary: 'Remove an assignment by hand (organisers); not one with a submitted review',
    response: null,
    errors: [ROUND, 'PROPOSAL_REVIEW_ASSIGNMENT_NOT_FOUND', 'PROPOSAL_ASSIGNMENT_HAS_REVIEW'],
  },
  myConflicts: {
    summary:
      "The round's submitted proposals and my conflicts of interest with each (mentors and organisers)",
    response: MyProposalConflicts,
    errors: [ROUND],
  },
  declareConflict: {
    summary:
      'Declare a conflict of interest with one proposal, with the reason: the assignment never gives it to me, a hand assignment is refused, and my unsubmitted review of it is withdrawn (a submitted one stays, flagged)',
    response: MyProposalConflicts,
    errors: [ROUND, PROPOSAL],
  },
  withdrawConflict: {
    summary:
      'Withdraw a conflict I declared with one proposal: the next assignment run may give it to me again',
    response: MyProposalConflicts,
    errors: [ROUND, PROPOSAL, 'PROPOSAL_CONFLICT_NOT_DECLARED'],
  },
  queue: {
    summary: 'My proposals to review in the round, with where each review stands',
    response: ProposalReviewQueue,
    errors: [ROUND],
  },
  open: {
    summary: 'One proposal I am assigned to review: the rubric and my review',
    response: ProposalToReview,
    errors: [
      ROUND,
      PROPOSAL,
      'PROPOSAL_REVIEW_NOT_ASSIGNED',
      'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
    ],
  },
  save: {
    summary: 'Save my review as a draft (scores may be incomplete)',
    response: MyProposalReview,
    errors: [
      ROUND,
      PROPOSAL,
      'PROPOSAL_REVIEW_NOT_ASSIGNED',
      'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
      'PROPOSAL_REVIEW_INVALID',
      'PROPOSAL_REVIEW_NOT_OPEN',
      'PROPOSAL_REVIEW_CLOSED',
      'PROPOSAL_REVIEW_ALREADY_SUBMITTED',
    ],
  },
  submit: {
    summary:
      'Submit (or revise) my review: every criterion scored and a confidence; each submission is kept',
    response: MyProposalReview,
    status: 200,
    errors: [
      ROUND,
      PROPOSAL,
      'PROPOSAL_REVIEW_NOT_ASSIGNED',
      'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
      'PROPOSAL_REVIEW_INVALID',
      'PROPOSAL_REVIEW_NOT_OPEN',
      'PROPOSAL_REVIEW_CLOSED',
    ],
  },
  reviews: {
    summary:
      'The submitted reviews of a proposal: organisers all, with names; an assigned reviewer once their own is submitted (without names when review is blind)',
    response: ProposalReviewsOfProposal,
    errors: [
      ROUND,
      PROPOSAL,
      'PROPOSAL_REVIEW_NOT_ASSIGNED',
      'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
      'PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED',
    ],
  },
  thread: {
    summary:
      "A proposal's panel discussion (its assigned reviewers once they have submitted, and organisers)",
    response: PanelThread,
    errors: [
      ROUND,
      PROPOSAL,
      'PROPOSAL_PANEL_MEMBERS_ONLY',
      'PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED',
      'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
    ],
  },
  post: {
    summary: "Write in a proposal's panel discussion",
    response: PanelMessage,
    errors: [
      ROUND,
      PROPOSAL,
      'PROPOSAL_PANEL_MEMBERS_ONLY',
      'PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED',
      'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
    ],
  },
  consensus: {
    summary: "A proposal's consensus report: its lead reviewer, recommendation and summary",
    response: ConsensusReportView,
    errors: [
      ROUND,
      PROPOSAL,
      'PROPOSAL_PANEL_MEMBERS_ONLY',
      'PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED',
      'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
    ],
  },
  setLead: {
    summary: "Pick a proposal's lead reviewer (organisers): one of its assigned reviewers",
    response: ConsensusReportView,
    errors: [ROUND, PROPOSAL, 'PROPOSAL_REVIEW_INVALID'],
  },
  saveConsensus: {
    summary:
      'Save the consensus report (the lead reviewer) over the version read; a save meanwhile is refused, never overwritten',
    response: ConsensusReportView,
    errors: [
      ROUND,
      PROPOSAL,
      'PROPOSAL_PANEL_MEMBERS_ONLY',
      'PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED',
      'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
      'PROPOSAL_CONSENSUS_NO_LEAD',
      'PROPOSAL_CONSENSUS_LEAD_ONLY',
      'PROPOSAL_CONSENSUS_VERSION_CONFLICT',
    ],
  },
  ranking: {
    summary:
      "The round's submitted proposals ranked on their submitted reviews (organisers): weighted rubric score normalised per reviewer, a bootstrap interval each, the funding line, and those whose interval crosses it flagged",
    response: ProposalRankingView,
    errors: [ROUND],
  },
  feedback: {
    summary:
      "What the team reads of its proposal's review: the comments to the team, once the organisers released them — never a panel comment, a score or a reviewer's name",
    response: ProposalFeedback,
    errors: [ROUND, 'PROPOSAL_REVIEW_TEAM_NOT_FOUND'],
  },
});
