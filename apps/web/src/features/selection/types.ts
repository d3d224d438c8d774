// The shapes of the selection routes (/labs/:labId/selection-runs, /decisions, /letters,
// /me/decisions), as the server documents them at /docs.

export const QUOTA_CATEGORIES = ['discipline', 'careerStage', 'organisationType'] as const;
export type QuotaCategory = (typeof QUOTA_CATEGORIES)[number];

/** Inclusive bounds on how many of a group are selected; omitted means unbounded. */
export interface CountBounds {
  min?: number;
  max?: number;
}

export interface SelectionQuotas {
  discipline?: Record<string, CountBounds>;
  careerStage?: Record<string, CountBounds>;
  organisationType?: Record<string, CountBounds>;
  maxPerInstitution?: number;
  maxPerCountry?: number;
  mustInclude?: string[];
  mustExclude?: string[];
}

/** POST /labs/:labId/selection-runs */
export interface CreateSelectionRun {
  quotas?: Omit<SelectionQuotas, 'mustInclude' | 'mustExclude'>;
  mustInclude?: string[];
  mustExclude?: string[];
  availabilityOverrides?: string[];
  capacity?: number;
  lottery?: { tolerance: number; seed?: string };
  seed?: string;
}

export type SelectionStatus = 'optimal' | 'feasible' | 'infeasible' | 'no-solution';

export interface SelectionApplicant {
  id: string;
  merit: number;
  discipline: string;
  careerStage: string;
  organisationType: string;
  institution: string;
  country: string;
  availableForWholeWorkshop: boolean;
  availabilityOverride?: boolean;
}

export interface QuotaConflict {
  kind: string;
  quota: string;
  group: string | null;
  by: number;
  message: string;
}

export interface QuotaViolation {
  quota: string;
  group: string | null;
  bound: 'min' | 'max' | 'exact';
  limit: number;
  actual: number;
  by: number;
  message: string;
}

export interface SelectionInfeasibility {
  conflicts: QuotaConflict[];
  relaxation: QuotaViolation[];
  relaxedSelectedIds: string[];
  messages: string[];
}

export interface PriceOfDiversity {
  absolute: number;
  relative: number | null;
}

export interface SelectionResult {
  status: SelectionStatus;
  solverStatus: string;
  optimal: boolean;
  gap: number | null;
  selectedIds: string[];
  objective: number | null;
  unconstrained: { selectedIds: string[]; merit: number };
  priceOfDiversity: PriceOfDiversity | null;
  waitlistIds: string[];
  ineligibleIds: string[];
  infeasibility: SelectionInfeasibility | null;
  lottery: {
    tolerance: number;
    seed: string;
    line: number;
    bandIds: string[];
    drawnIds: string[];
  } | null;
  seed: string;
}

export interface SelectionRun {
  id: string;
  labId: string;
  createdAt: string;
  createdBy: string | null;
  adopted: boolean;
  seed: string;
  status: SelectionStatus;
  solverStatus: string;
  inputs: {
    applicants: SelectionApplicant[];
    quotas: SelectionQuotas;
    capacity: number;
    lottery: { tolerance: number } | null;
    seed: string;
    unreviewedIds: string[];
  };
  result: SelectionResult;
}

export interface SelectionRunSummary {
  id: string;
  createdAt: string;
  adopted: boolean;
  seed: string;
  status: SelectionStatus;
  capacity: number;
  selected: number;
  objective: number | null;
  unconstrainedMerit: number;
  priceOfDiversity: PriceOfDiversity | null;
  infeasible: boolean;
  quotas: SelectionQuotas;
  lottery: { tolerance: number } | null;
}

type KeyFigures = Pick<SelectionResult, 'status' | 'selectedIds' | 'objective' | 'waitlistIds'>;

export interface SelectionRerun {
  runId: string;
  identical: boolean;
  stored: KeyFigures;
  rerun: KeyFigures;
}

export type DecisionOutcome = 'accepted' | 'waitlisted' | 'declined';
export type DecisionResponse = 'pending' | 'confirmed' | 'declined' | 'expired';

export interface DecisionPromotion {
  at: string;
  freedBy: string[];
  nextInLineIds: string[];
  explanation: string[];
}

export interface Decision {
  id: string;
  labId: string;
  runId: string;
  applicationId: string;
  applicantId: string;
  outcome: DecisionOutcome;
  waitlistRank: number | null;
  response: DecisionResponse | null;
  confirmBy: string | null;
  respondedAt: string | null;
  promotion: DecisionPromotion | null;
}

export interface Decisions {
  adoptedRunId: string | null;
  promotedConfirmDays?: number | null;
  counts: Record<DecisionOutcome, number> & {
    confirmed: number;
    pending: number;
    declinedPlaces: number;
  };
  decisions: Decision[];
}

export interface AdoptSelectionRun {
  confirmBy?: string;
  /** Days someone promoted from the waitlist has to answer (server default 7). */
  promotedConfirmDays?: number;
  /** Decline the submitted applications the run did not consider (unreviewed when it was made). */
  declineUnreviewed?: boolean;
}

export interface PromotionResult {
  status: string;
  freedBy: string[];
  promotedIds: string[];
  nextInLineIds: string[];
  explanation: string[];
}

export interface ExpiryResult {
  expiredIds: string[];
  promotion: PromotionResult | null;
}

/** What an applicant sees of their own decision: never scores or reviews. */
export interface MyDecision {
  id: string;
  labId: string;
  outcome: DecisionOutcome;
  waitlistRank: number | null;
  response: DecisionResponse | null;
  confirmBy: string | null;
  respondedAt: string | null;
  promotedFromWaitlist: boolean;
}

/**
 * draft: editable; queued/sending: released, with the background sender (a queued letter with
 * attempts has failed before and waits for its retry); sent: emailed; logged: no mail server,
 * recorded as what would be sent; failed: every attempt failed, released again to retry.
 */
export type LetterStatus =
  'draft' | 'queued' | 'sending' | 'sent' | 'logged' | 'failed' | (string & {});

export interface DecisionLetter {
  id: string;
  decisionId: string;
  outcome: DecisionOutcome;
  recipient: string;
  subject: string;
  body: string;
  status: LetterStatus;
  attempts: number;
  lastError: string | null;
  transport: 'smtp' | 'preview' | null;
  sentAt: string | null;
  nextAttemptAt?: string | null;
  releasedAt?: string | null;
}

export interface Outbox {
  /** smtp: released letters are sent; preview: no SMTP server, releasing records what would be sent. */
  transport: 'smtp' | 'preview';
  counts: Record<string, number>;
  letters: DecisionLetter[];
  released?: Record<string, number>;
}

export const DECISION_OUTCOMES: readonly DecisionOutcome[] = ['accepted', 'waitlisted', 'declined'];
