import { phaseLabel } from '../lib/phases';

export function PhaseBadge({ phase }: { phase: string }) {
  return <span className={`badge badge--phase badge--${phase}`}>{phaseLabel(phase)}</span>;
}
