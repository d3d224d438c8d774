import { QUOTA_LABELS } from '@ideas-lab/domain/cohort-quotas';
import type { QuotaViolation, SelectionInfeasibility } from './types';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const sentence = (text: string) => {
  const t = text.trim();
  if (!t) return t;
  const s = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
};

/** The server's words with application ids replaced by the applicants' names. */
export function withNames(text: string, nameOf: (id: string) => string): string {
  return text.replace(UUID, (id) => nameOf(id.toLowerCase()));
}

function relaxationSentence(v: QuotaViolation, nameOf: (id: string) => string): string {
  const group = v.group === null ? '' : ` “${v.group}”`;
  const what = `${QUOTA_LABELS[v.quota]}${group}`;
  const units = (n: number) => `${n} ${n === 1 ? 'place' : 'places'}`;
  if (v.quota === 'capacity')
    return `Fill ${v.actual} instead of ${v.limit} places (${units(v.by)} ${v.actual < v.limit ? 'fewer' : 'more'}).`;
  if (v.quota === 'mustInclude') return `Drop ${nameOf(v.group ?? '')} from the must-include list.`;
  if (v.quota === 'mustExclude') return `Drop ${nameOf(v.group ?? '')} from the must-exclude list.`;
  if (v.quota === 'availability')
    return `Let ${nameOf(v.group ?? '')} be selected despite their availability.`;
  if (v.bound === 'min')
    return sentence(
      `${what}: lower the minimum from ${v.limit} to ${v.limit - v.by} (${units(v.by)} short)`,
    );
  return sentence(
    `${what}: raise the maximum from ${v.limit} to ${v.limit + v.by} (${units(v.by)} over)`,
  );
}

/**
 * Infeasible quotas in words: the conflicts visible without solving ("needs at least 3 but
 * only 1 eligible applicant"), and the smallest change that would let a cohort exist.
 */
export function explainInfeasibility(
  infeasibility: SelectionInfeasibility,
  nameOf: (id: string) => string,
): { conflicts: string[]; relaxation: string[] } {
  const conflicts = infeasibility.conflicts.map((c) => sentence(withNames(c.message, nameOf)));
  const relaxation = infeasibility.relaxation.map((v) => relaxationSentence(v, nameOf));
  if (conflicts.length === 0 && relaxation.length === 0)
    return {
      conflicts: infeasibility.messages.map((m) => sentence(withNames(m, nameOf))),
      relaxation: [],
    };
  return { conflicts, relaxation };
}
