/**
 * Filling places freed by declines: re-solve the selection with everyone who holds a place
 * (confirmed or still to answer) fixed in, and the decliners excluded, so the replacements are
 * the best waitlisted applicants that keep every quota satisfied — not just the next in line.
 */
import { compareText } from '../shared/compare-text.js';
import type { MilpSolveOptions } from '../shared/highs-solver.js';
import type { Seed } from '../shared/seeded-random.js';
import { findQuotaViolations, isEligible } from './cohort-quotas.js';
import type { CohortApplicant } from './cohort-applicant.js';
import type { CohortQuotas } from './cohort-quotas.js';
import { selectCohort } from './select-cohort.js';
import type { CohortInfeasibility } from './select-cohort.js';

export interface WaitlistPromotionInput {
  applicants: readonly CohortApplicant[];
  capacity: number;
  quotas?: CohortQuotas;
  /** Ids that hold a place: confirmed, or offered and not yet answered. */
  confirmedOrPending: readonly string[];
  /** Ids that declined or missed the confirmation date: never promoted again. */
  declined: readonly string[];
  seed?: Seed;
  solver?: MilpSolveOptions;
}

export type WaitlistPromotionStatus = 'promoted' | 'no-open-place' | 'infeasible' | 'no-solution';

export interface WaitlistPromotion {
  status: WaitlistPromotionStatus;
  /** Places left once everyone holding one is counted. */
  openPlaces: number;
  /** Applicants to offer a place to, best merit first. */
  promotedIds: string[];
  /** Who plain "next in line" (best merit on the waitlist) would have promoted. */
  nextInLineIds: string[];
  /** Sentences for the organiser: what was done and why. */
  explanation: string[];
  /** The remaining waitlist, best first. */
  waitlistIds: string[];
  solverStatus: string;
  optimal: boolean;
  gap: number | null;
  infeasibility: CohortInfeasibility | null;
}

export async function promoteFromWaitlist({
  applicants,
  capacity,
  quotas = {},
  confirmedOrPending,
  declined,
  seed,
  solver,
}: WaitlistPromotionInput): Promise<WaitlistPromotion> {
  const holders = new Set(confirmedOrPending);
  const declinedSet = new Set(declined.filter((id) => !holders.has(id)));
  const openPlaces = capacity - holders.size;
  const excluded = new Set([...(quotas.mustExclude ?? []), ...declinedSet]);
  const waitlist = applicants
    .filter(
      (applicant) =>
        !holders.has(applicant.id) && !excluded.has(applicant.id) && isEligible(applicant),
    )
    .sort((a, b) => b.merit - a.merit || compareText(a.id, b.id));
  const nextInLineIds = waitlist.slice(0, Math.max(0, openPlaces)).map((applicant) => applicant.id);

  if (openPlaces <= 0) {
    return {
      status: 'no-open-place',
      openPlaces: Math.max(0, openPlaces),
      promotedIds: [],
      nextInLineIds: [],
      explanation: [
        `All ${capacity} places are held (${holders.size} confirmed or pending); nobody to promote.`,
      ],
      waitlistIds: waitlist.map((applicant) => applicant.id),
      solverStatus: 'Not run',
      optimal: true,
      gap: null,
      infeasibility: null,
    };
  }

  // Someone already holding a place keeps it even if their availability changed since.
  const resolvedApplicants = applicants.map((applicant) =>
    holders.has(applicant.id) ? { ...applicant, availabilityOverride: true } : applicant,
  );
  const resolvedQuotas: CohortQuotas = {
    ...quotas,
    mustInclude: [
      ...new Set([...(quotas.mustInclude ?? []).filter((id) => !declinedSet.has(id)), ...holders]),
    ],
    mustExclude: [...excluded],
  };
  const selection = await selectCohort({
    applicants: resolvedApplicants,
    capacity,
    quotas: resolvedQuotas,
    seed,
    solver,
  });
  const solverFacts = {
    solverStatus: selection.solverStatus,
    optimal: selection.optimal,
    gap: selection.gap,
  };

  const places = `${openPlaces} place${openPlaces === 1 ? '' : 's'}`;
  if (selection.status === 'infeasible' || selection.status === 'no-solution') {
    const infeasibility = selection.infeasibility;
    const suggestion = (infeasibility?.relaxedSelectedIds ?? []).filter((id) => !holders.has(id));
    return {
      status: selection.status,
      openPlaces,
      promotedIds: [],
      nextInLineIds,
      explanation: [
        selection.status === 'infeasible'
          ? `No waitlisted applicant can fill ${places} while every quota holds.`
          : `The solver stopped (${selection.solverStatus}) before finding replacements for ${places}.`,
        ...(infeasibility?.messages ?? []),
        ...(suggestion.length > 0
          ? [
              `With the quotas relaxed as listed, the best choice would be: ${suggestion.join(', ')}.`,
            ]
          : []),
      ],
      waitlistIds: waitlist.map((applicant) => applicant.id),
      infeasibility,
      ...solverFacts,
    };
  }

  const promotedIds = selection.selectedIds.filter((id) => !holders.has(id));
  const promotedSet = new Set(promotedIds);
  const byId = new Map(applicants.map((applicant) => [applicant.id, applicant]));
  const describe = (id: string): string => {
    const applicant = byId.get(id) as CohortApplicant;
    return `${id} (merit ${applicant.merit.toFixed(3)}, ${applicant.discipline}, ${applicant.careerStage}, ${applicant.organisationType})`;
  };
  const explanation = [`Filled ${places}: promoted ${promotedIds.map(describe).join('; ')}.`];
  const sameAsNextInLine =
    promotedIds.length === nextInLineIds.length && nextInLineIds.every((id) => promotedSet.has(id));
  if (sameAsNextInLine) {
    explanation.push('They are the next in line by merit, and every quota still holds.');
  } else {
    const broken = findQuotaViolations({
      applicants: resolvedApplicants,
      selectedIds: [...holders, ...nextInLineIds],
      capacity,
      quotas: resolvedQuotas,
    });
    explanation.push(
      broken.length > 0
        ? `The next in line by merit (${nextInLineIds.join(', ')}) would break: ${broken
            .map((violation) => violation.message)
            .join('; ')}.`
        : `The next in line by merit (${nextInLineIds.join(', ')}) ties with this choice on total merit.`,
    );
  }
  return {
    status: 'promoted',
    openPlaces,
    promotedIds,
    nextInLineIds,
    explanation,
    waitlistIds: waitlist
      .filter((applicant) => !promotedSet.has(applicant.id))
      .map((applicant) => applicant.id),
    infeasibility: null,
    ...solverFacts,
  };
}
