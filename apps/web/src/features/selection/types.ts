// Cohort selection, decisions and letters: names for their shapes, every one taken from the
// generated contract (libs/selection/src/selection.contract.ts → generated/openapi.ts).
import type { Schema } from '../../api/types';

export const QUOTA_CATEGORIES = ['discipline', 'careerStage', 'organisationType'] as const;
export type QuotaCategory = (typeof QUOTA_CATEGORIES)[number];

export type SelectionQuotas = Schema<'SelectionQuotas'>;
export type CountBounds = NonNullable<SelectionQuotas['discipline']>[string];
export type CreateSelectionRun = Schema<'CreateSelectionRun'>;
export type SelectionResult = Schema<'SelectionResult'>;
export type SelectionStatus = SelectionResult['status'];
export type SelectionRun = Schema<'SelectionRun'>;
export type SelectionApplicant = SelectionRun['inputs']['applicants'][number];
export type SelectionInfeasibility = NonNullable<SelectionResult['infeasibility']>;
export type QuotaConflict = SelectionInfeasibility['conflicts'][number];
export type QuotaViolation = SelectionInfeasibility['relaxation'][number];
export type PriceOfDiversity = NonNullable<SelectionResult['priceOfDiversity']>;
export type SelectionRunSummary = Schema<'SelectionRunSummary'>;
export type SelectionRerun = Schema<'SelectionRerun'>;

export type Decision = Schema<'Decision'>;
export type DecisionOutcome = Decision['outcome'];
export type DecisionResponse = NonNullable<Decision['response']>;
export type DecisionPromotion = NonNullable<Decision['promotion']>;
export type Decisions = Schema<'Decisions'>;
export type AdoptSelectionRun = Schema<'AdoptSelectionRun'>;
export type PromotionResult = Schema<'PromotionResult'>;
export type ExpiryResult = Schema<'ExpiryResult'>;
export type MyDecision = Schema<'MyDecision'>;

export type DecisionLetter = Schema<'DecisionLetter'>;
export type LetterStatus = DecisionLetter['status'];
/** The outbox; after a release it also says how many letters were queued. */
export type Outbox = Schema<'Outbox'> & { released?: Schema<'OutboxRelease'>['released'] };

export const DECISION_OUTCOMES = [
  'accepted',
  'waitlisted',
  'declined',
] as const satisfies readonly DecisionOutcome[];
