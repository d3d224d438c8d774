import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { ApplicantProfileView, FormQuestion } from '@ideas-lab/applications';
import { isoDateTime, operations } from '@ideas-lab/platform';

/** The review lib's HTTP contract: every request and response shape, once. */

const ReviewStatus = z.enum(['assigned', 'draft', 'submitted']);
const ConflictReason = z.enum([
  'declared-person',
  'declared-institution',
  'same-institution',
  'own-application',
]);
const AnswerValue = z.union([z.string(), z.array(z.string()), z.boolean()]);

// ---- rubric -------------------------------------------------------------------------------

const Scale = z.strictObject({
  min: z.int().meta({ example: 1 }),
  max: z.int().meta({ example: 5 }),
});

export const ReviewCriterion = z
  .strictObject({
    id: z
      .string()
      .max(40)
      .meta({ example: 'expertise', description: 'Stable id; scores are keyed by it.' }),
    label: z.string().max(200).meta({ example: 'Relevant expertise' }),
    description: z.string().max(2000).optional().meta({
      example: 'Depth of expertise in one of the eight areas and how it serves the challenge.',
    }),
    weight: z.number().meta({ example: 2, description: 'Relative weight, greater than 0.' }),
    scale: Scale,
  })
  .meta({ id: 'ReviewCriterion' });

export const PutRubric = z
  .strictObject({
    criteria: z.array(ReviewCriterion).max(50),
    commentPrompt: z.string().max(2000).optional().meta({
      example: 'What would this person bring to a team?',
      description: 'Shown above the free comment.',
    }),
    blind: z.boolean().optional().meta({
      description:
        'Blind phase: reviewers see no name, institution, country, ORCID iD or links, nor who the other reviewers are.',
    }),
    version: z.int().min(1).optional().meta({
      description: 'The version you edited (optimistic locking); omit to overwrite.',
    }),
  })
  .meta({ id: 'PutRubric' });
export type PutRubric = z.output<typeof PutRubric>;
export class PutRubricDto extends createZodDto(PutRubric) {}

export const RubricView = z
  .object({
    labId: z.uuid(),
    version: z.int(),
    criteria: z.array(ReviewCriterion),
    commentPrompt: z.string(),
    blind: z.boolean(),
    locked: z.boolean().meta({
      description:
        'Submitted reviews exist: criteria and scales are fixed, labels and weights may change.',
    }),
    submittedReviews: z.int(),
    updatedAt: isoDateTime(),
    closedAt: isoDateTime().nullable().meta({
      description:
        'When an organiser closed review: no review is written or revised after it (null: open while the phase allows).',
    }),
  })
  .meta({ id: 'Rubric' });
export type RubricView = z.output<typeof RubricView>;

// ---- reviewers and conflicts ----------------------------------------------------------------

const ConflictDeclaration = z.strictObject({
  applicantEmail: z.email().optional().meta({
    example: 'applicant042@ideas-lab.test',
    description: 'A person: the account e-mail of an applicant.',
  }),
  institution: z.string().max(300).optional().meta({
    example: 'Argonne National Laboratory',
    description: 'A whole institution.',
  }),
});

export const DeclareConflicts = z
  .strictObject({
    institution: z.string().max(300).optional().meta({
      example: 'University of Chicago',
      description:
        'Your institution: its applicants are conflicts of interest. Unchanged when absent.',
    }),
    conflicts: z.array(ConflictDeclaration).max(200).optional().meta({
      description: 'Replaces your declared conflicts as a whole. Unchanged when absent.',
    }),
    expertise: z
      .array(z.string().trim().min(1).max(100))
      .max(30)
      .optional()
      .meta({
        example: ['clinical', 'Oncology'],
        description:
          'Your expertise tags (e.g. clinical, computational, a discipline of the lab): proposal review covers each proposal with them where it can. Unchanged when absent.',
      }),
  })
  .meta({ id: 'DeclareConflicts' });
export type DeclareConflicts = z.output<typeof DeclareConflicts>;
export class DeclareConflictsDto extends createZodDto(DeclareConflicts) {}

export const MyReviewerProfile = z
  .object({
    labId: z.uuid(),
    institution: z.string(),
    expertise: z.array(z.string()),
    conflicts: z.array(
      z.object({
        applicantEmail: z.string().optional(),
        applicantId: z.uuid().optional(),
        institution: z.string().optional(),
      }),
    ),
    removedAssignments: z.int().meta({
      description:
        'Assignments of yours removed because they became conflicts (submitted reviews stay).',
    }),
  })
  .meta({ id: 'MyReviewerProfile' });
export type MyReviewerProfile = z.output<typeof MyReviewerProfile>;

// ---- assignments --------------------------------------------------------------------------

export const RunAssignment = z
  .strictObject({
    reviewsPerApplication: z
      .int()
      .min(1)
      .max(20)
      .meta({ example: 3, description: 'k: reviews per application.' }),
    load: z
      .strictObject({
        min: z.int().min(0).max(10_000).optional().meta({ example: 60 }),
        max: z.int().min(0).max(10_000).optional().meta({ example: 70 }),
      })
      .optional()
      .meta({ description: 'Reviews per reviewer; balanced as evenly as possible within it.' }),
    reviewerIds: z.array(z.guid('must be user ids')).max(500).optional().meta({
      description: 'The reviewers to use (default: every mentor and organiser of the lab).',
    }),
  })
  .meta({ id: 'RunAssignment' });
export type RunAssignment = z.output<typeof RunAssignment>;
export class RunAssignmentDto extends createZodDto(RunAssignment) {}

export const AddAssignment = z
  .strictObject({
    applicationId: z.guid('must be an application id'),
    reviewerId: z.guid('must be a user id'),
  })
  .meta({ id: 'AddAssignment' });
export type AddAssignment = z.output<typeof AddAssignment>;
export class AddAssignmentDto extends createZodDto(AddAssignment) {}

export const AssignmentRun = z
  .object({
    runId: z.uuid(),
    complete: z.boolean(),
    optimal: z.boolean(),
    solverStatus: z.string(),
    reviewsPerApplication: z.int(),
    applications: z.int(),
    kept: z.int().meta({
      description:
        'Assignments kept from before (started or submitted reviews, hand-made assignments).',
    }),
    added: z.int().meta({ description: 'Assignments this run added.' }),
    loads: z.array(
      z.object({
        reviewerId: z.uuid(),
        name: z.string(),
        load: z.int(),
        min: z.int(),
        max: z.int().nullable(),
      }),
    ),
    loadSpread: z.number(),
    unfilled: z.array(
      z.object({
        applicationId: z.uuid(),
        name: z.string().nullable(),
        assigned: z.int(),
        missing: z.int(),
      }),
    ),
    problems: z.array(z.string()).meta({
      description: 'Why the demand could not be met in full, in words (empty when it was).',
    }),
    warnings: z.array(z.string()),
    createdAt: isoDateTime(),
  })
  .meta({ id: 'AssignmentRun' });
export type AssignmentRunView = z.output<typeof AssignmentRun>;

export const Assignment = z
  .object({
    id: z.uuid(),
    applicationId: z.uuid(),
    applicantName: z.string().nullable(),
    reviewerId: z.uuid(),
    reviewerName: z.string(),
    source: z.enum(['auto', 'manual']),
    status: ReviewStatus,
  })
  .meta({ id: 'Assignment' });
export type AssignmentView = z.output<typeof Assignment>;

export const Assignments = z
  .object({ assignments: z.array(Assignment), latestRun: AssignmentRun.nullable() })
  .meta({ id: 'Assignments' });
export type AssignmentsView = z.output<typeof Assignments>;

// ---- reviews ------------------------------------------------------------------------------

export const SaveReview = z
  .strictObject({
    scores: z
      .record(z.string(), z.number().nullable(), 'must map criterion ids to scores')
      .optional()
      .meta({
        example: { expertise: 4, collaboration: 5 },
        description: 'Score per criterion id (null clears one); replaces the saved scores.',
      }),
    comment: z
      .string()
      .max(20_000)
      .optional()
      .meta({ example: 'Strong modeller; would pair well with a clinician.' }),
  })
  .meta({ id: 'SaveReview' });
export type SaveReview = z.output<typeof SaveReview>;
export class SaveReviewDto extends createZodDto(SaveReview) {}

const ProgressCounts = {
  assigned: z.int(),
  submitted: z.int(),
  draft: z.int(),
  notStarted: z.int(),
};
const ReviewProgress = z.object(ProgressCounts);
export type ReviewProgress = z.output<typeof ReviewProgress>;

export const ReviewQueue = z
  .object({
    labId: z.uuid(),
    blind: z.boolean(),
    progress: ReviewProgress,
    items: z.array(
      z.object({
        applicationId: z.uuid(),
        applicantName: z.string().nullable().meta({ description: 'Null in the blind phase.' }),
        primaryDiscipline: z.string().nullable(),
        careerStage: z.string().nullable(),
        organisationType: z.string().nullable(),
        status: ReviewStatus,
        conflict: ConflictReason.nullable().meta({
          description:
            'Set when the application became a conflict of interest after it was assigned: it cannot be opened.',
        }),
        submittedAt: isoDateTime().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewQueue' });
export type ReviewQueue = z.output<typeof ReviewQueue>;
export type QueueItem = ReviewQueue['items'][number];

export const MyReview = z
  .object({
    status: ReviewStatus,
    scores: z.record(z.string(), z.number()),
    comment: z.string(),
    rubricVersion: z.int().nullable(),
    submittedAt: isoDateTime().nullable(),
    updatedAt: isoDateTime(),
    revision: z.int().meta({
      description:
        'Submissions so far (each kept): a submitted review is revised by submitting it again, until review closes.',
    }),
  })
  .meta({ id: 'MyReview' });
export type MyReview = z.output<typeof MyReview>;

export const ApplicationToReview = z
  .object({
    applicationId: z.uuid(),
    blind: z.boolean(),
    profile: ApplicantProfileView.meta({
      description:
        "The applicant's profile; in the blind phase without name, institution, country, ORCID iD and links.",
    }),
    answers: z.record(z.string(), AnswerValue),
    questions: z.array(FormQuestion),
    rubric: RubricView.nullable(),
    review: MyReview,
    othersVisible: z
      .boolean()
      .meta({ description: "Others' reviews open to me once mine is submitted." }),
  })
  .meta({ id: 'ApplicationToReview' });
export type ApplicationToReview = z.output<typeof ApplicationToReview>;

export const ApplicationReviews = z
  .object({
    applicationId: z.uuid(),
    blind: z.boolean(),
    reviews: z.array(
      z.object({
        reviewerId: z.uuid().nullable().meta({
          description: 'Hidden (null) in the blind phase, except for my own review.',
        }),
        reviewerName: z.string(),
        mine: z.boolean(),
        scores: z.record(z.string(), z.number()),
        comment: z.string(),
        weightedScore: z
          .number()
          .meta({ description: "The review's weighted rubric score, 0..1." }),
        submittedAt: isoDateTime(),
        revision: z.int().meta({ description: 'Submissions of this review so far.' }),
        earlierRevisions: z
          .array(
            z.object({
              revision: z.int(),
              scores: z.record(z.string(), z.number()),
              comment: z.string(),
              weightedScore: z.number(),
              submittedAt: isoDateTime(),
            }),
          )
          .meta({
            description:
              'Organisers only (else empty): the earlier submissions of this review, oldest first, as they were.',
          }),
        conflict: ConflictReason.nullable().meta({
          description:
            'Organisers only (else null): the reviewer has a conflict of interest with this applicant, e.g. declared after the review was submitted; weigh the review with that in mind.',
        }),
      }),
    ),
    conflicts: z
      .array(z.object({ reviewerId: z.uuid(), reviewerName: z.string(), reason: ConflictReason }))
      .meta({
        description:
          'Organisers only (else empty): the reviewers of the lab with a conflict of interest with this applicant.',
      }),
  })
  .meta({ id: 'ApplicationReviews' });
export type ApplicationReviews = z.output<typeof ApplicationReviews>;
export type ReviewOfOthers = ApplicationReviews['reviews'][number];

// ---- results ------------------------------------------------------------------------------

export const ReviewProgressReport = z
  .object({
    totals: z.object({
      ...ProgressCounts,
      applications: z.int(),
      applicationsFullyReviewed: z.int(),
    }),
    perReviewer: z.array(
      z.object({
        ...ProgressCounts,
        reviewerId: z.uuid(),
        name: z.string(),
        roles: z.array(z.string()),
      }),
    ),
    perApplication: z.array(
      z.object({
        ...ProgressCounts,
        applicationId: z.uuid(),
        applicantName: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewProgressReport' });
export type ReviewProgressView = z.output<typeof ReviewProgressReport>;

export const SCORE_SORTS = [
  'merit',
  'weightedScore',
  'rawMean',
  'reviewCount',
  'spread',
  'name',
] as const;
export type ScoreSort = (typeof SCORE_SORTS)[number];

export const ScoresQuery = z
  .strictObject({
    sort: z.enum(SCORE_SORTS).optional().meta({ default: 'merit' }),
    order: z.enum(['asc', 'desc']).optional().meta({ default: 'desc' }),
  })
  .meta({ id: 'ScoresQuery' });
export class ScoresQueryDto extends createZodDto(ScoresQuery) {}

export const ApplicationScore = z
  .object({
    rank: z.int(),
    applicationId: z.uuid(),
    applicantId: z.uuid(),
    applicantName: z.string().nullable(),
    affiliation: z.string().nullable(),
    primaryDiscipline: z.string().nullable(),
    careerStage: z.string().nullable(),
    organisationType: z.string().nullable(),
    country: z.string().nullable(),
    reviewCount: z.int(),
    weightedScore: z
      .number()
      .nullable()
      .meta({ description: 'Mean weighted rubric score, 0..1; null without reviews.' }),
    rawMean: z
      .number()
      .nullable()
      .meta({ description: 'Plain mean of every criterion score, on the rubric scales.' }),
    merit: z.number().nullable().meta({
      description: 'Mean per-reviewer z-score: the normalised merit selection uses.',
    }),
    spread: z.number().nullable().meta({
      description: "Standard deviation of the reviews' weighted scores (reviewer disagreement).",
    }),
  })
  .meta({ id: 'ApplicationScore' });
export type ApplicationScoreRow = z.output<typeof ApplicationScore>;

export const Scores = z
  .object({
    rubricVersion: z.int().nullable(),
    sort: z.enum(SCORE_SORTS),
    order: z.enum(['asc', 'desc']),
    applications: z.array(ApplicationScore),
    reviewers: z.array(
      z.object({
        reviewerId: z.uuid(),
        name: z.string(),
        reviewCount: z.int(),
        mean: z.number().meta({ description: "Mean of this reviewer's weighted scores, 0..1." }),
        standardDeviation: z.number(),
        standardised: z.boolean().meta({
          description:
            "False when the reviewer's z-scores are all 0 (one review, or no variation).",
        }),
      }),
    ),
  })
  .meta({ id: 'Scores' });
export type ScoresView = z.output<typeof Scores>;

/** What writing one's review can meet besides validation and access. */
const REVIEW_WRITE_REFUSALS = [
  'REVIEW_INVALID',
  'REVIEW_CONFLICT_OF_INTEREST',
  'REVIEW_APPLICATION_NOT_FOUND',
  'REVIEW_NOT_ASSIGNED',
  'REVIEW_RUBRIC_NOT_SET',
  'REVIEW_CLOSED',
  'REVIEW_ALREADY_SUBMITTED',
];

export const reviewClosureOps = operations('review', {
  close: {
    summary:
      'Close review (organisers): no review is written or revised after it; submitted reviews stay as they are',
    response: RubricView,
    status: 200,
    errors: ['REVIEW_RUBRIC_NOT_SET'],
  },
});

export const rubricOps = operations('review', {
  get: {
    summary: "The lab's review rubric and review settings (reviewers)",
    response: RubricView,
    errors: ['REVIEW_RUBRIC_NOT_SET'],
  },
  put: {
    summary:
      'Set the rubric (organisers): criteria, weights, scales, comment prompt, blind phase; fixed criteria and scales once reviews are submitted',
    response: RubricView,
    errors: ['REVIEW_RUBRIC_INVALID', 'REVIEW_RUBRIC_LOCKED', 'REVIEW_RUBRIC_VERSION_CONFLICT'],
  },
});

export const reviewersOps = operations('review', {
  mine: {
    summary: 'My institution and declared conflicts of interest in this lab (reviewers)',
    response: MyReviewerProfile,
  },
  declare: {
    summary:
      'Set my institution and declare conflicts of interest (an applicant, or an institution); conflicting assignments without a submitted review are dropped',
    response: MyReviewerProfile,
    errors: ['CONFLICT_DECLARATION_INVALID'],
  },
});

export const reviewAssignmentsOps = operations('review', {
  run: {
    summary:
      'Assign k reviewers per submitted application (HiGHS): conflicts respected, loads balanced; started and submitted reviews and hand-made assignments are kept',
    description: 'Loads per reviewer, their spread, applications left short and why.',
    response: AssignmentRun,
    status: 200,
    errors: ['REVIEWER_NOT_IN_LAB', 'REVIEW_CLOSED', 'REVIEW_ASSIGNMENT_INPUTS_CHANGED'],
  },
  list: {
    summary: 'Every assignment of the lab and the latest run (organisers)',
    response: Assignments,
  },
  add: {
    summary: 'Assign a reviewer by hand (organisers); a conflict of interest is refused',
    response: Assignment,
    errors: [
      'REVIEWER_NOT_IN_LAB',
      'REVIEW_APPLICATION_NOT_FOUND',
      'REVIEW_CLOSED',
      'ASSIGNMENT_CONFLICT_OF_INTEREST',
      'REVIEW_ASSIGNMENT_EXISTS',
    ],
  },
  remove: {
    summary: 'Remove an assignment by hand (organisers); not one with a submitted review',
    response: null,
    errors: ['REVIEW_ASSIGNMENT_NOT_FOUND', 'REVIEW_ASSIGNMENT_HAS_REVIEW'],
  },
});

export const myReviewsOps = operations('review', {
  queue: {
    summary: 'My review queue with progress (reviewers); names hidden in the blind phase',
    response: ReviewQueue,
  },
  open: {
    summary:
      'Open an application assigned to me: profile and answers (without identity in the blind phase), the rubric and my review',
    response: ApplicationToReview,
    errors: ['REVIEW_CONFLICT_OF_INTEREST', 'REVIEW_APPLICATION_NOT_FOUND', 'REVIEW_NOT_ASSIGNED'],
  },
  save: {
    summary: 'Save my review as a draft: scores per criterion (may be incomplete) and a comment',
    response: MyReview,
    errors: REVIEW_WRITE_REFUSALS,
  },
  submit: {
    summary:
      'Submit my review (optionally with final scores and comment); every problem is listed at once; final once submitted',
    response: MyReview,
    status: 200,
    errors: REVIEW_WRITE_REFUSALS,
  },
});

export const reviewResultsOps = operations('review', {
  ofApplication: {
    summary:
      'The submitted reviews of an application: organisers always; a reviewer after submitting their own (anonymous in the blind phase)',
    response: ApplicationReviews,
    errors: [
      'REVIEWS_HIDDEN_UNTIL_SUBMITTED',
      'REVIEW_CONFLICT_OF_INTEREST',
      'REVIEW_APPLICATION_NOT_FOUND',
      'REVIEW_NOT_ASSIGNED',
    ],
  },
  progress: {
    summary: 'Reviews done per reviewer and per application (organisers)',
    response: ReviewProgressReport,
  },
  scores: {
    summary:
      'Per application: weighted rubric score, raw mean, per-reviewer normalised merit (z-scores), review count and spread (organisers)',
    response: Scores,
  },
});
