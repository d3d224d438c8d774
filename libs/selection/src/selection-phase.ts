import { LAB_PHASE_LABELS, type LabPhase } from '@ideas-lab/domain';
import { SelectionError } from './selection.errors.js';

/**
 * Cohort selection belongs to the lab's Selection phase: runs are made and adopted, and offers
 * are answered (or expire and are refilled) only then. Before it the call may still be open;
 * after it the cohort is fixed.
 */
export const SELECTION_PHASE: LabPhase = 'selection';

export function assertSelectionPhase(phase: LabPhase): void {
  if (phase !== SELECTION_PHASE) {
    throw new SelectionError(
      'SELECTION_PHASE_REQUIRED',
      `Selection runs are made and adopted while the lab is in the Selection phase; this lab is in the phase "${LAB_PHASE_LABELS[phase]}".`,
      { phase },
    );
  }
}

export function assertDecisionsOpen(phase: LabPhase): void {
  if (phase !== SELECTION_PHASE) {
    throw new SelectionError(
      'DECISIONS_CLOSED',
      `Offers are answered, expired and refilled during the Selection phase; this lab is in the phase "${LAB_PHASE_LABELS[phase]}", so the cohort is fixed.`,
      { phase },
    );
  }
}
