/**
 * The lifecycle of a lab, as a pure state machine.
 *
 *   draft → applications_open → selection → workshop → proposals → review → decided → follow_up
 *
 * Each forward step is guarded by checks on the lab's settings; an organiser may step back
 * one phase (to fix a mistake) only where no irreversible work has started.
 */
export const LAB_PHASES = [
  'draft',
  'applications_open',
  'selection',
  'workshop',
  'proposals',
  'review',
  'decided',
  'follow_up',
] as const;

export type LabPhase = (typeof LAB_PHASES)[number];

/** How people call each phase. */
export const LAB_PHASE_LABELS: Record<LabPhase, string> = {
  draft: 'Draft',
  applications_open: 'Applications open',
  selection: 'Selection',
  workshop: 'Workshop',
  proposals: 'Proposals',
  review: 'Review',
  decided: 'Decided',
  follow_up: 'Follow-up',
};

const SETTING_LABELS: Record<string, string> = {
  title: 'title',
  capacity: 'capacity',
  'taxonomy.disciplines': 'disciplines',
  'dates.applicationsCloseAt': 'applications close date',
  'dates.workshopStartAt': 'workshop start',
  'dates.workshopEndAt': 'workshop end',
  'dates.proposalsDueAt': 'proposals due date',
  applicationForm: 'a published application form',
};

export interface LabPhaseFacts {
  /** The lab's settings as they stand when the transition is asked for. */
  title: string;
  capacity: number;
  disciplines: readonly string[];
  applicationsOpenAt: Date | null;
  applicationsCloseAt: Date | null;
  workshopStartAt: Date | null;
  workshopEndAt: Date | null;
  proposalsDueAt: Date | null;
  /** Number of participants who have confirmed their place. */
  confirmedParticipants: number;
  /** The organiser explicitly accepts going ahead with fewer participants than capacity. */
  acceptUnderCapacity?: boolean;
  /** A version of the application form is published (applicants can fill it in). */
  applicationFormPublished: boolean;
  /** Breakout rounds of the lab that are open right now (people are in rooms). */
  openBreakoutRounds: number;
  /** A selection run has been adopted (decisions exist for the cohort). */
  selectionAdopted: boolean;
  now: Date;
}

export type LabPhaseRefusalCode =
  | 'LAB_PHASE_UNKNOWN'
  | 'LAB_PHASE_UNCHANGED'
  | 'LAB_PHASE_SKIP'
  | 'LAB_PHASE_BACKWARD_NOT_ALLOWED'
  | 'LAB_PHASE_INCOMPLETE_SETTINGS'
  | 'LAB_PHASE_UNDER_CAPACITY'
  | 'LAB_PHASE_ROUND_OPEN'
  | 'LAB_PHASE_SELECTION_ADOPTED'
  | 'LAB_PHASE_FINAL';

export type LabPhaseDecision =
  | { allowed: true; from: LabPhase; to: LabPhase; direction: 'forward' | 'backward' }
  | { allowed: false; code: LabPhaseRefusalCode; message: string; missing?: string[] };

export function isLabPhase(value: unknown): value is LabPhase {
  return typeof value === 'string' && (LAB_PHASES as readonly string[]).includes(value);
}

/** Phases in which applications are reviewed: while the call is open (submitted ones) and during selection. */
export const APPLICATION_REVIEW_PHASES: readonly LabPhase[] = ['applications_open', 'selection'];

/** Whether application review is open in this phase (the server refuses reviews outside it). */
export function applicationReviewOpen(phase: string): boolean {
  return isLabPhase(phase) && APPLICATION_REVIEW_PHASES.includes(phase);
}

export function nextLabPhase(phase: LabPhase): LabPhase | null {
  const i = LAB_PHASES.indexOf(phase);
  return i < LAB_PHASES.length - 1 ? LAB_PHASES[i + 1] : null;
}

/** Phases from which an organiser may step back one phase, and why others may not. */
const BACKWARD_ALLOWED: ReadonlySet<LabPhase> = new Set<LabPhase>([
  'applications_open',
  'selection',
]);

function missingFor(to: LabPhase, facts: LabPhaseFacts): string[] {
  const missing: string[] = [];
  const need = (ok: boolean, field: string) => {
    if (!ok) missing.push(field);
  };
  switch (to) {
    case 'draft':
      break;
    case 'applications_open':
      need(facts.title.trim().length > 0, 'title');
      need(facts.capacity > 0, 'capacity');
      need(facts.disciplines.length > 0, 'taxonomy.disciplines');
      need(facts.applicationsCloseAt !== null, 'dates.applicationsCloseAt');
      need(facts.workshopStartAt !== null, 'dates.workshopStartAt');
      need(facts.workshopEndAt !== null, 'dates.workshopEndAt');
      need(facts.applicationFormPublished, 'applicationForm');
      break;
    case 'selection':
    case 'workshop':
      need(facts.workshopStartAt !== null, 'dates.workshopStartAt');
      need(facts.workshopEndAt !== null, 'dates.workshopEndAt');
      break;
    case 'proposals':
      need(facts.proposalsDueAt !== null, 'dates.proposalsDueAt');
      break;
    case 'review':
    case 'decided':
    case 'follow_up':
      break;
    default: {
      const unreachable: never = to;
      throw new Error(`unknown phase ${String(unreachable)}`);
    }
  }
  return missing;
}

/**
 * Decide whether a lab may move from `from` to `to`. Pure: the caller supplies every fact,
 * including the clock.
 */
export function decideLabPhaseTransition(input: {
  from: LabPhase;
  to: string;
  facts: LabPhaseFacts;
}): LabPhaseDecision {
  const { from, to, facts } = input;
  if (!isLabPhase(to)) {
    return {
      allowed: false,
      code: 'LAB_PHASE_UNKNOWN',
      message: `"${to}" is not a lab phase; phases are ${LAB_PHASES.join(', ')}.`,
    };
  }
  if (to === from) {
    return {
      allowed: false,
      code: 'LAB_PHASE_UNCHANGED',
      message: `The lab is already in phase ${LAB_PHASE_LABELS[from]}.`,
    };
  }
  const fromIndex = LAB_PHASES.indexOf(from);
  const toIndex = LAB_PHASES.indexOf(to);

  if (toIndex < fromIndex) {
    if (toIndex !== fromIndex - 1 || !BACKWARD_ALLOWED.has(from)) {
      return {
        allowed: false,
        code: 'LAB_PHASE_BACKWARD_NOT_ALLOWED',
        message: `A lab in phase ${LAB_PHASE_LABELS[from]} cannot go back to ${LAB_PHASE_LABELS[to]}: only Applications open and Selection may step back, one phase at a time.`,
      };
    }
    if (from === 'selection' && facts.selectionAdopted) {
      return {
        allowed: false,
        code: 'LAB_PHASE_SELECTION_ADOPTED',
        message:
          'Selection cannot go back to Applications open: a selection run is adopted and its decisions stand.',
      };
    }
    return { allowed: true, from, to, direction: 'backward' };
  }

  if (from === 'follow_up') {
    return {
      allowed: false,
      code: 'LAB_PHASE_FINAL',
      message: 'Follow-up is the last phase of a lab.',
    };
  }
  if (toIndex !== fromIndex + 1) {
    return {
      allowed: false,
      code: 'LAB_PHASE_SKIP',
      message: `A lab moves one phase at a time: after ${LAB_PHASE_LABELS[from]} comes ${LAB_PHASE_LABELS[LAB_PHASES[fromIndex + 1]]}, not ${LAB_PHASE_LABELS[to]}.`,
    };
  }

  if (from === 'workshop' && facts.openBreakoutRounds > 0) {
    return {
      allowed: false,
      code: 'LAB_PHASE_ROUND_OPEN',
      message: `A breakout round is still open: close it in the control room before the lab leaves the Workshop.`,
    };
  }

  const missing = missingFor(to, facts);
  if (missing.length > 0) {
    return {
      allowed: false,
      code: 'LAB_PHASE_INCOMPLETE_SETTINGS',
      message: `The lab cannot move to ${LAB_PHASE_LABELS[to]} until these settings are filled in: ${missing.map((m) => SETTING_LABELS[m] ?? m).join(', ')}.`,
      missing,
    };
  }

  if (
    to === 'workshop' &&
    facts.confirmedParticipants < facts.capacity &&
    !facts.acceptUnderCapacity
  ) {
    return {
      allowed: false,
      code: 'LAB_PHASE_UNDER_CAPACITY',
      message: `Only ${facts.confirmedParticipants} of ${facts.capacity} places are confirmed. Close selection anyway by confirming that you accept an under-capacity cohort.`,
    };
  }

  return { allowed: true, from, to, direction: 'forward' };
}

/** What an organiser may do next from a phase, as the server's rules decide it. */
export interface LabPhaseOption {
  to: LabPhase;
  direction: 'forward' | 'backward';
  allowed: boolean;
  /** Why not, when not allowed: a stable code and a sentence for people. */
  code?: LabPhaseRefusalCode;
  message?: string;
  /** Settings still missing for this step (keys as in LabPhaseDecision.missing). */
  missing?: string[];
  /** True when the step cannot be taken back once made. */
  irreversible: boolean;
}

/**
 * The steps the phase bar may offer from `from`: the next phase and, where the rules ever
 * allow it, the previous one, each with the server's verdict on the facts as they stand.
 * A step back that the rules never allow from this phase is not listed at all.
 */
export function labPhaseOptions(input: { from: LabPhase; facts: LabPhaseFacts }): LabPhaseOption[] {
  const { from, facts } = input;
  const options: LabPhaseOption[] = [];
  const fromIndex = LAB_PHASES.indexOf(from);
  const candidates: { to: LabPhase; direction: 'forward' | 'backward' }[] = [];
  const next = nextLabPhase(from);
  if (next) candidates.push({ to: next, direction: 'forward' });
  if (fromIndex > 0 && BACKWARD_ALLOWED.has(from))
    candidates.push({ to: LAB_PHASES[fromIndex - 1], direction: 'backward' });
  for (const { to, direction } of candidates) {
    const decision = decideLabPhaseTransition({ from, to, facts });
    // Once a lab leaves Selection (or any later phase) it cannot come back.
    const irreversible = direction === 'forward' && !BACKWARD_ALLOWED.has(to);
    options.push(
      decision.allowed
        ? { to, direction, allowed: true, irreversible }
        : {
            to,
            direction,
            allowed: false,
            code: decision.code,
            message: decision.message,
            ...(decision.missing ? { missing: decision.missing } : {}),
            irreversible,
          },
    );
  }
  return options;
}
