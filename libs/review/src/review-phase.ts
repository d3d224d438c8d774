import { LAB_PHASE_LABELS, applicationReviewOpen, type LabPhase } from '@ideas-lab/domain';
import { ReviewError } from './review.errors.js';

export function assertReviewOpen(phase: LabPhase): void {
  if (!applicationReviewOpen(phase)) {
    throw new ReviewError(
      'REVIEW_CLOSED',
      `Application review happens while applications are open and during selection; this lab is in the phase "${LAB_PHASE_LABELS[phase]}".`,
      { phase },
    );
  }
}
