import { LAB_PHASE_LABELS, type LabPhase } from '@ideas-lab/domain';
import { ReviewError } from './review.errors.js';

/** Phases in which applications are reviewed: while the call is open (submitted ones) and during selection. */
export const REVIEW_PHASES: readonly LabPhase[] = ['applications_open', 'selection'];

export function assertReviewOpen(phase: LabPhase): void {
  if (!REVIEW_PHASES.includes(phase)) {
    throw new ReviewError(
      'REVIEW_CLOSED',
      `Application review happens while applications are open and during selection; this lab is in the phase "${LAB_PHASE_LABELS[phase]}".`,
      { phase },
    );
  }
}
