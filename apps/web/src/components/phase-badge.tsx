import { phaseLabel } from '../lib/phases';
import { Badge, type BadgeTone } from './badge';

/** Open for applications stands out; a draft lab is not public yet; other phases are neutral. */
const phaseTone = (phase: string): BadgeTone =>
  phase === 'applications_open' ? 'ok' : phase === 'draft' ? 'warn' : 'neutral';

export function PhaseBadge({ phase }: { phase: string }) {
  return <Badge tone={phaseTone(phase)}>{phaseLabel(phase)}</Badge>;
}
