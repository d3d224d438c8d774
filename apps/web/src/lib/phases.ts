import {
  applicationReviewOpen,
  LAB_PHASE_LABELS,
  LAB_PHASES,
  isLabPhase,
  nextLabPhase,
  type LabPhase,
} from '@ideas-lab/domain/lab-phase';

export { applicationReviewOpen, LAB_PHASES, nextLabPhase };

/** How people call a phase: the domain's own labels, so a screen and a refusal say the same. */
export function phaseLabel(phase: string): string {
  return isLabPhase(phase) ? LAB_PHASE_LABELS[phase] : phase;
}

export function previousLabPhase(phase: LabPhase): LabPhase | null {
  const index = LAB_PHASES.indexOf(phase);
  return index > 0 ? LAB_PHASES[index - 1] : null;
}
