import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { dateTimeInput, isoDateTime, operations } from '@ideas-lab/platform';
import { Funnel } from '@ideas-lab/applications';
import { CohortApplicant } from '@ideas-lab/domain';

/** The selection lib's HTTP contract: runs, decisions and letters, every shape once. */

const ApplicationIds = (what: string) =>
  z.array(z.guid(`${what} must list application ids`)).max(10_000);

// ---- quotas -------------------------------------------------------------------------------

const CountBounds = z
  .strictObject({
    min: z.int().min(0).optional(),
    max: z.int().min(0).optional(),
  })
  .meta({ description: 'Inclusive bounds on how many of a group are selected; omitted: none.' });

const GroupBounds = (example: object, description: string) =>
  z.record(z.string(), CountBounds).optional().meta({ example, description });

/** What an organiser bounds per group (the lab's taxonomy values) and per place. */
const QuotaFields = {
  discipline: GroupBounds(
    { AI: { min: 2, max: 6 }, bioinformatics: { min: 2 } },
    'min/max selected per primary discipline (the lab taxonomy values).',
  ),
  careerStage: GroupBounds({ 'early career': { min: 3 } }, 'min/max selected per career stage.'),
  organisationType: GroupBounds(
    { 'national laboratory': { max: 2 } },
    'min/max selected per organisation type.',
  ),
  maxPerInstitution: z.int().min(0).optional().meta({
    example: 2,
    description:
      'At most this many from one institution (names compared trimmed and case-insensitively).',
  }),
  maxPerCountry: z
    .int()
    .min(0)
    .optional()
    .meta({ example: 10, description: 'At most this many from one country.' }),
};

const SelectionQuotasInput = z.strictObject(QuotaFields).meta({ id: 'SelectionQuotasInput' });

/** The quotas a run was solved under: the bounds plus the must-include and must-exclude lists. */
const SelectionQuotas = z
  .object({
    ...QuotaFields,
    mustInclude: z.array(z.uuid()).readonly().optional(),
    mustExclude: z.array(z.uuid()).readonly().optional(),
  })
  .meta({ id: 'SelectionQuotas' });

// ---- runs ---------------------------------------------------------------------------------

export const CreateSelectionRun = z
  .strictObject({
    quotas: SelectionQuotasInput.optional(),
    mustInclude: ApplicationIds('mustInclude')
      .optional()
      .meta({ description: 'Application ids that must be selected.' }),
    mustExclude: ApplicationIds('mustExclude')
      .optional()
      .meta({ description: 'Application ids that must not be selected.' }),
    availabilityOverrides: ApplicationIds('availabilityOverrides').optional().meta({
      description:
        'Application ids that may be selected although not available for the whole workshop.',
    }),
    capacity: z
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .meta({ example: 30, description: "Places to fill (default: the lab's capacity)." }),
    lottery: z
      .strictObject({
        tolerance: z.number().min(0).meta({
          example: 0.1,
          description:
            'Merit distance from the selection line within which applicants are drawn by lot.',
        }),
        seed: z.string().max(100).optional().meta({
          example: 'draw-2027',
          description: 'Seed of the draw (overrides the run seed).',
        }),
      })
      .optional()
      .meta({ description: 'Partial randomisation around the selection line.' }),
    seed: z.string().max(100).optional().meta({
      example: '2027-selection',
      description: 'Seed stored with the run (default: a random one).',
    }),
  })
  .meta({ id: 'CreateSelectionRun' });
export type CreateSelectionRun = z.output<typeof CreateSelectionRun>;
export class CreateSelectionRunDto extends createZodDto(CreateSelectionRun) {}

const SelectionStatus = z
  .enum(['optimal', 'feasible', 'infeasible', 'no-solution'])
  .meta({ description: 'optimal: proved optimal; feasible: a limit stopped the solver.' });
const QuotaKind = z.enum([
  'capacity',
  'discipline',
  'careerStage',
  'organisationType',
  'institution',
  'country',
  'mustInclude',
  'mustExclude',
  'availability',
]);
const Seed = z.union([z.string(), z.number()]);
const PriceOfDiversity = z
  .object({ absolute: z.number(), relative: z.number().nullable() })
  .nullable()
  .meta({ description: 'Merit given up for the quotas: absolute, and relative to the top-N.' });

const QuotaViolation = z.object({
  quota: QuotaKind,
  group: z.string().nullable(),
  bound: z.enum(['min', 'max', 'exact']),
  limit: z.number(),
  actual: z.number(),
  by: z.number().meta({ description: 'How far the selection is from the limit.' }),
  message: z.string(),
});

const QuotaConflict = z.object({
  kind: z.enum([
    'too-few-eligible',
    'minimums-exceed-capacity',
    'maximums-below-capacity',
    'min-above-max',
    'must-include-unknown',
    'must-include-unavailable',
    'must-include-excluded',
    'must-include-over-max',
    'must-include-over-capacity',
  ]),
  quota: QuotaKind,
  group: z.string().nullable(),
  by: z.number().meta({ description: 'How much the quota would have to give.' }),
  message: z.string(),
});

const SelectionResult = z
  .object({
    status: SelectionStatus,
    solverStatus: z.string(),
    optimal: z.boolean(),
    gap: z.number().nullable(),
    selectedIds: z.array(z.uuid()).meta({ description: 'Best merit first.' }),
    objective: z.number().nullable(),
    unconstrained: z
      .object({ selectedIds: z.array(z.uuid()), merit: z.number() })
      .meta({ description: 'The best `capacity` eligible applicants by merit, ignoring quotas.' }),
    priceOfDiversity: PriceOfDiversity,
    waitlistIds: z.array(z.uuid()).meta({ description: 'Best first.' }),
    ineligibleIds: z.array(z.uuid()),
    infeasibility: z
      .object({
        conflicts: z.array(QuotaConflict),
        relaxation: z.array(QuotaViolation).meta({
          description: 'The smallest relaxation: each quota that must give, and by how much.',
        }),
        relaxedSelectedIds: z.array(z.uuid()),
        messages: z.array(z.string()),
      })
      .nullable(),
    lottery: z
      .object({
        tolerance: z.number(),
        seed: Seed,
        line: z.number(),
        bandIds: z.array(z.uuid()),
        drawnIds: z.array(z.uuid()),
      })
      .nullable(),
    seed: Seed,
  })
  .meta({ id: 'SelectionResult' });

const RunLottery = z.object({ tolerance: z.number() }).nullable();

export const SelectionRun = z
  .object({
    id: z.uuid(),
    labId: z.uuid(),
    createdAt: isoDateTime(),
    createdBy: z.uuid().nullable(),
    adopted: z.boolean(),
    seed: z.string(),
    status: SelectionStatus,
    solverStatus: z.string(),
    inputs: z.object({
      applicants: z.array(CohortApplicant),
      quotas: SelectionQuotas,
      capacity: z.int(),
      lottery: RunLottery,
      seed: z.string(),
      unreviewedIds: z.array(z.uuid()).meta({
        description: 'Submitted applications left out because nobody had reviewed them.',
      }),
    }),
    result: SelectionResult,
  })
  .meta({ id: 'SelectionRun' });
export type SelectionRunView = z.output<typeof SelectionRun>;

export const SelectionRunSummary = z
  .object({
    id: z.uuid(),
    createdAt: isoDateTime(),
    adopted: z.boolean(),
    seed: z.string(),
    status: SelectionStatus,
    capacity: z.int(),
    selected: z.int(),
    objective: z.number().nullable(),
    unconstrainedMerit: z.number(),
    priceOfDiversity: PriceOfDiversity,
    infeasible: z.boolean(),
    quotas: SelectionQuotas,
    lottery: RunLottery,
  })
  .meta({ id: 'SelectionRunSummary' });
export type SelectionRunSummary = z.output<typeof SelectionRunSummary>;

const KeyFigures = SelectionResult.pick({
  status: true,
  selectedIds: true,
  objective: true,
  waitlistIds: true,
});

export const SelectionRerun = z
  .object({
    runId: z.uuid(),
    identical: z
      .boolean()
      .meta({ description: 'The same status, selection, objective and waitlist as stored.' }),
    stored: KeyFigures,
    rerun: KeyFigures,
  })
  .meta({ id: 'SelectionRerun' });
export type SelectionRerunView = z.output<typeof SelectionRerun>;

// ---- decisions ----------------------------------------------------------------------------

export const AdoptSelectionRun = z
  .strictObject({
    confirmBy: dateTimeInput().optional().meta({
      example: '2027-05-15T21:00:00Z',
      description:
        'Accepted applicants confirm or decline by then: in the future and before the workshop starts (default: 14 days from now, or the workshop start if sooner).',
    }),
    promotedConfirmDays: z
      .int({ error: 'must be a whole number of days' })
      .min(1)
      .max(60)
      .optional()
      .meta({
        example: 7,
        description:
          'Someone promoted from the waitlist (after a decline or a missed date) has this many days to answer, never past the workshop start (default: 7).',
      }),
    declineUnreviewed: z.boolean().optional().meta({
      example: false,
      description:
        'Submitted applications that are not in the run (nobody had reviewed them when it was made) are declined only when this is true; otherwise adopting is refused with SELECTION_UNREVIEWED_APPLICATIONS.',
    }),
  })
  .meta({ id: 'AdoptSelectionRun' });
export type AdoptSelectionRun = z.output<typeof AdoptSelectionRun>;
export class AdoptSelectionRunDto extends createZodDto(AdoptSelectionRun) {}

const DecisionOutcome = z.enum(['accepted', 'waitlisted', 'declined']);
const DecisionResponse = z
  .enum(['pending', 'confirmed', 'declined', 'expired'])
  .nullable()
  .meta({ description: "An accepted applicant's answer; null for the others." });

export const Decision = z
  .object({
    id: z.uuid(),
    labId: z.uuid(),
    runId: z.uuid(),
    applicationId: z.uuid(),
    applicantId: z.uuid(),
    outcome: DecisionOutcome,
    waitlistRank: z.int().nullable().meta({ description: '1 = first on the waitlist.' }),
    response: DecisionResponse,
    confirmBy: isoDateTime().nullable(),
    respondedAt: isoDateTime().nullable(),
    promotion: z
      .object({
        at: isoDateTime(),
        freedBy: z
          .array(z.uuid())
          .meta({ description: 'The applications whose places were freed.' }),
        nextInLineIds: z
          .array(z.uuid())
          .meta({ description: 'Who plain "next in line" would have promoted.' }),
        explanation: z.array(z.string()),
      })
      .nullable()
      .meta({ description: 'How the place came from the waitlist, when it did.' }),
  })
  .meta({ id: 'Decision' });
export type DecisionView = z.output<typeof Decision>;

export const Decisions = z
  .object({
    adoptedRunId: z.uuid().nullable(),
    promotedConfirmDays: z.int().nullable().meta({
      description:
        'Days someone promoted from the waitlist into a freed place has to answer (null: nothing adopted).',
    }),
    counts: z.object({
      accepted: z.int(),
      waitlisted: z.int(),
      declined: z.int(),
      confirmed: z.int(),
      pending: z.int(),
      declinedPlaces: z
        .int()
        .meta({ description: 'Accepted places given up: declined or expired answers.' }),
    }),
    decisions: z.array(Decision),
  })
  .meta({ id: 'Decisions' });
export type DecisionsView = z.output<typeof Decisions>;

export const MyDecision = z
  .object({
    id: z.uuid(),
    labId: z.uuid(),
    outcome: DecisionOutcome,
    waitlistRank: z.int().nullable(),
    response: DecisionResponse,
    confirmBy: isoDateTime().nullable(),
    respondedAt: isoDateTime().nullable(),
    promotedFromWaitlist: z.boolean(),
  })
  .meta({
    id: 'MyDecision',
    description: 'What an applicant sees of their own decision: never scores or reviews.',
  });
export type MyDecisionView = z.output<typeof MyDecision>;

export const PromotionResult = z
  .object({
    status: z.enum(['promoted', 'no-open-place', 'infeasible', 'no-solution']),
    freedBy: z.array(z.uuid()),
    promotedIds: z.array(z.uuid()),
    nextInLineIds: z.array(z.uuid()),
    explanation: z.array(z.string()),
  })
  .meta({ id: 'PromotionResult' });
export type PromotionView = z.output<typeof PromotionResult>;

export const ExpiryResult = z
  .object({
    expiredIds: z.array(z.uuid()).meta({ description: 'Decisions whose offers expired now.' }),
    promotion: PromotionResult.nullable(),
  })
  .meta({ id: 'ExpiryResult' });
export type ExpiryView = z.output<typeof ExpiryResult>;

// ---- letters ------------------------------------------------------------------------------

const LetterStatus = z.enum(['draft', 'queued', 'sending', 'sent', 'logged', 'failed']).meta({
  description:
    'draft: editable; queued/sending: with the background sender; sent: e-mailed; logged: no mail server, recorded as what would be sent; failed: every attempt failed.',
});
const Transport = z.enum(['smtp', 'preview']);

export const EditDecisionLetter = z
  .strictObject({
    subject: z
      .string()
      .min(1)
      .max(300)
      .optional()
      .meta({ example: 'Digital Twins: you have a place' }),
    body: z
      .string()
      .min(1)
      .max(20_000)
      .optional()
      .meta({ example: 'Dear Ada,\n\nWe are delighted…' }),
  })
  .meta({ id: 'EditDecisionLetter' });
export type EditDecisionLetter = z.output<typeof EditDecisionLetter>;
export class EditDecisionLetterDto extends createZodDto(EditDecisionLetter) {}

export const DecisionLetter = z
  .object({
    id: z.uuid(),
    decisionId: z.uuid(),
    outcome: DecisionOutcome,
    recipient: z.string(),
    subject: z.string(),
    body: z.string(),
    status: LetterStatus,
    attempts: z.int().meta({ description: 'Send attempts since the letter was last released.' }),
    lastError: z.string().nullable(),
    nextAttemptAt: isoDateTime()
      .nullable()
      .meta({ description: 'Queued after a failed attempt: when the next one is due.' }),
    releasedAt: isoDateTime().nullable(),
    transport: Transport.nullable(),
    sentAt: isoDateTime()
      .nullable()
      .meta({ description: 'When it was sent (or logged, without SMTP).' }),
  })
  .meta({ id: 'DecisionLetter' });
export type DecisionLetterView = z.output<typeof DecisionLetter>;

const OutboxFields = {
  transport: Transport.meta({
    description:
      'smtp: released letters are sent; preview: no SMTP_URL, released letters are only logged as what would be sent.',
  }),
  counts: z.record(LetterStatus, z.int()),
  letters: z.array(DecisionLetter),
};

export const Outbox = z.object(OutboxFields).meta({ id: 'Outbox' });
export type OutboxView = z.output<typeof Outbox>;

export const OutboxRelease = z
  .object({
    ...OutboxFields,
    released: z.object({
      queued: z.int().meta({
        description:
          'Letters this release queued (drafts, and letters whose attempts had all failed).',
      }),
    }),
  })
  .meta({ id: 'OutboxRelease' });
export type ReleaseView = z.output<typeof OutboxRelease>;

export const selectionRunsOps = operations('selection', {
  create: {
    summary:
      'Select a cohort (HiGHS) from the reviewed, submitted applications by normalised merit under the quotas; the run is stored. Infeasible quotas give a stored run that explains which quotas conflict and by how much. Only in the Selection phase.',
    response: SelectionRun,
    errors: ['SELECTION_INPUT_INVALID', 'SELECTION_PHASE_REQUIRED'],
  },
  list: {
    summary: 'The selection runs of the lab, newest first, with their key figures side by side',
    response: [SelectionRunSummary],
  },
  get: {
    summary: 'One selection run with its inputs and result',
    response: SelectionRun,
    errors: ['SELECTION_RUN_NOT_FOUND'],
  },
  rerun: {
    summary:
      'Solve a stored run again from its inputs and seed, and say whether the result is identical (nothing is stored)',
    response: SelectionRerun,
    status: 200,
    errors: ['SELECTION_INPUT_INVALID', 'SELECTION_RUN_NOT_FOUND'],
  },
  adopt: {
    summary:
      'Adopt a run that found a cohort (Selection phase only): accepted (selected, to confirm by `confirmBy`), waitlisted (ranked) and declined decisions; `promotedConfirmDays` is how long someone promoted from the waitlist has to answer. Submitted applications the run did not consider (unreviewed) make adoption refuse unless `declineUnreviewed` is true. Replaces an earlier adoption only while no applicant has answered and no letter has been released.',
    response: Decisions,
    status: 200,
    errors: [
      'SELECTION_INPUT_INVALID',
      'SELECTION_RUN_NOT_FOUND',
      'SELECTION_PHASE_REQUIRED',
      'SELECTION_RUN_INFEASIBLE',
      'SELECTION_DECISIONS_ANSWERED',
      'SELECTION_LETTERS_RELEASED',
      'SELECTION_UNREVIEWED_APPLICATIONS',
      'SELECTION_ADOPTION_CHANGED',
    ],
  },
});

export const labDecisionsOps = operations('selection', {
  list: {
    summary:
      'The decisions of the adopted run: accepted (and their answers), waitlisted by rank, declined; promotions with their reasons',
    response: Decisions,
  },
  expire: {
    summary:
      'Close the offers whose confirm-by date passed and fill those places from the waitlist, keeping every quota (a periodic sweep does the same by itself; this does it now)',
    response: ExpiryResult,
    status: 200,
    errors: ['DECISIONS_CLOSED', 'SELECTION_NOT_ADOPTED', 'SELECTION_DECISIONS_BUSY'],
  },
});

export const myDecisionsOps = operations('selection', {
  mine: {
    summary:
      'My selection decisions (outcome, waitlist rank, answer, confirm-by date); never scores or reviews',
    response: [MyDecision],
  },
  confirm: {
    summary: 'Take my place (before the confirm-by date): I become a participant of the lab',
    response: MyDecision,
    status: 200,
    errors: [
      'DECISION_NOT_FOUND',
      'DECISION_NOT_OFFERED',
      'DECISION_ALREADY_ANSWERED',
      'DECISION_CONFIRM_BY_PASSED',
      'DECISIONS_CLOSED',
    ],
  },
  decline: {
    summary: 'Give up my place; the best waitlisted applicant who keeps every quota is offered it',
    response: MyDecision,
    status: 200,
    errors: [
      'DECISION_NOT_FOUND',
      'DECISION_NOT_OFFERED',
      'DECISION_ALREADY_ANSWERED',
      'DECISION_CONFIRM_BY_PASSED',
      'SELECTION_DECISIONS_BUSY',
      'DECISIONS_CLOSED',
    ],
  },
});

export const decisionLettersOps = operations('selection', {
  list: {
    summary:
      'The outbox: decision letters with their status (draft, queued, sending, sent, logged, failed), attempts, last error and next attempt; without SMTP_URL released letters are marked logged: what would be sent',
    response: Outbox,
  },
  compose: {
    summary:
      'Compose a letter per decision of the adopted run from the templates into the outbox (drafts are rewritten, released letters kept)',
    response: Outbox,
    status: 200,
    errors: ['SELECTION_NOT_ADOPTED'],
  },
  edit: {
    summary: 'Edit a letter before it is released (a draft, or one whose attempts all failed)',
    response: DecisionLetter,
    errors: ['LETTER_NOT_FOUND', 'LETTER_ALREADY_SENT', 'LETTER_IN_QUEUE'],
  },
  release: {
    summary:
      'Release the outbox in one batch: every draft (and every letter whose attempts all failed) is queued; a background sender sends them through SMTP when SMTP_URL is set (else logs them), retrying failures with backoff',
    response: OutboxRelease,
    status: 200,
    errors: ['SELECTION_NOT_ADOPTED'],
  },
});

export const applicationFunnelOps = operations('applications', {
  funnel: {
    summary:
      'How far applications got (started → submitted → reviewed → selected → confirmed), by taxonomy attribute (organisers). Reviewed: at least one submitted review; selected: offered a place by the adopted run; confirmed: took it.',
    response: Funnel,
  },
});
