import { LAB_PHASES, nextLabPhase, type LabPhase } from '@ideas-lab/domain/lab-phase';

export { LAB_PHASES, nextLabPhase };

const PHASE_LABELS: Record<LabPhase, string> = {
  draft: 'Draft',
  applications_open: 'Applications open',
  selection: 'Selection',
  workshop: 'Workshop',
  proposals: 'Proposals',
  review: 'Review',
  decided: 'Decided',
  follow_up: 'Follow-up',
};

export function phaseLabel(phase: string): string {
  return PHASE_LABELS[phase as LabPhase] ?? phase;
}

export function previousLabPhase(phase: LabPhase): LabPhase | null {
  const index = LAB_PHASES.indexOf(phase);
  return index > 0 ? LAB_PHASES[index - 1] : null;
}
