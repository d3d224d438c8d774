import { Injectable } from '@nestjs/common';
import {
  formatInTimezone,
  type Actor,
  type WaitlistPromotion,
  type WaitlistPromotionInput,
} from '@ideas-lab/domain';
import { SubmittedApplicationsService } from '@ideas-lab/applications';
import { LabAccessService, LabsService, MembershipsService } from '@ideas-lab/labs';
import { AuditService, SolverPool, TransactionRunner } from '@ideas-lab/platform';
import { DecisionLettersRepository } from './decision-letters.repository.js';
import type {
  DecisionOutcome,
  DecisionPromotion,
  SelectionDecisionEntity,
} from './entities/selection-decision.entity.js';
import type { SelectionRunEntity } from './entities/selection-run.entity.js';
import {
  SelectionDecisionsRepository,
  type NewDecision,
} from './selection-decisions.repository.js';
import type {
  AdoptSelectionRun,
  DecisionView,
  DecisionsView,
  ExpiryView,
  MyDecisionView,
  PromotionView,
} from './selection.contract.js';
import { SelectionError } from './selection.errors.js';
import { SelectionRunsRepository } from './selection-runs.repository.js';
import { assertDecisionsOpen, assertSelectionPhase } from './selection-phase.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Accepted applicants answer within this many days unless the organisers set a date. */
export const DEFAULT_CONFIRM_DAYS = 14;
/** Someone promoted from the waitlist gets this long to answer unless the organisers said otherwise on adoption. */
export const DEFAULT_PROMOTED_CONFIRM_DAYS = 7;

/** `days` after `now`, but never past the workshop start. */
function answerBy(now: Date, days: number, workshopStartAt: Date | null): Date {
  const by = new Date(now.getTime() + days * DAY_MS);
  return workshopStartAt !== null && workshopStartAt.getTime() < by.getTime()
    ? workshopStartAt
    : by;
}

const dateOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));

/** What one sweep over every lab did. */
export interface ExpirySweep {
  labs: { labId: string; expiredIds: string[]; promotedIds: string[] }[];
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function decisionView(d: SelectionDecisionEntity): DecisionView {
  return {
    id: d.id,
    labId: d.labId,
    runId: d.runId,
    applicationId: d.applicationId,
    applicantId: d.applicantId,
    outcome: d.outcome,
    waitlistRank: d.waitlistRank,
    response: d.response,
    confirmBy: iso(d.confirmBy),
    respondedAt: iso(d.respondedAt),
    promotion: d.promotion,
  };
}

function myDecisionView(d: SelectionDecisionEntity): MyDecisionView {
  return {
    id: d.id,
    labId: d.labId,
    outcome: d.outcome,
    waitlistRank: d.waitlistRank,
    response: d.response,
    confirmBy: iso(d.confirmBy),
    respondedAt: iso(d.respondedAt),
    promotedFromWaitlist: d.promotion !== null,
  };
}

const holdsPlace = (d: SelectionDecisionEntity) =>
  d.outcome === 'accepted' && (d.response === 'pending' || d.response === 'confirmed');
const gaveUpPlace = (d: SelectionDecisionEntity) =>
  d.outcome === 'accepted' && (d.response === 'declined' || d.response === 'expired');

/** A decision as it would be with another response (for a promotion solved ahead of the write). */
const answered = (
  d: SelectionDecisionEntity,
  response: SelectionDecisionEntity['response'],
): SelectionDecisionEntity => ({ ...d, response });

/** Tries at solving a promotion ahead of its write before the answer asks the person to try again. */
const PROMOTION_ATTEMPTS = 5;

/** The decisions a promotion was solved from changed before it could be written: solve again. */
class PromotionInputsChanged extends Error {}

/** A waitlist promotion solved outside any transaction, and the inputs it was solved from. */
interface PlannedPromotion {
  /** The run and decisions it depends on, as one string: equal keys, the same solve. */
  key: string;
  result: WaitlistPromotion;
}

/**
 * Decisions from the adopted selection run: adoption, the applicants' confirmations and
 * declines, and refilling freed places from the waitlist (re-solved so every quota holds).
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly runs: SelectionRunsRepository,
    private readonly decisions: SelectionDecisionsRepository,
    private readonly letters: DecisionLettersRepository,
    private readonly submitted: SubmittedApplicationsService,
    private readonly memberships: MembershipsService,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly solvers: SolverPool,
  ) {}

  /**
   * Adopt a feasible run (in the Selection phase): accepted (selected), waitlisted (ranked) and
   * declined (everyone else submitted). Submitted applications the run could not consider
   * (unreviewed when it was made, or submitted since) are declined only when the organiser
   * says so; otherwise adopting is refused and names how many there are. Adopting again
   * replaces the decisions only while nobody has answered an offer and no letter has gone out.
   */
  async adopt(
    actor: Actor,
    labId: string,
    runId: string,
    dto: AdoptSelectionRun,
    now = new Date(),
  ): Promise<DecisionsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const lab = await this.labs.get(actor, labId);
    assertSelectionPhase(lab.phase);
    const workshopStartAt = dateOrNull(lab.dates.workshopStartAt);
    const confirmBy = dto.confirmBy
      ? new Date(dto.confirmBy)
      : answerBy(now, DEFAULT_CONFIRM_DAYS, workshopStartAt);
    const promotedConfirmDays = dto.promotedConfirmDays ?? DEFAULT_PROMOTED_CONFIRM_DAYS;
    if (confirmBy.getTime() <= now.getTime()) {
      throw new SelectionError('SELECTION_INPUT_INVALID', 'confirmBy must be in the future.', [
        { field: 'confirmBy', message: 'confirmBy must be in the future' },
      ]);
    }
    if (workshopStartAt !== null && confirmBy.getTime() > workshopStartAt.getTime()) {
      throw new SelectionError(
        'SELECTION_INPUT_INVALID',
        `confirmBy must not be after the workshop starts (${formatInTimezone(workshopStartAt, lab.timezone)}).`,
        [{ field: 'confirmBy', message: 'confirmBy must not be after the workshop start' }],
      );
    }
    const applications = await this.submitted.ofLab(labId);
    // What this adoption replaces, as it stood when the organiser asked.
    const replacing = (await this.runs.findAdoptedOfLab(labId))?.id ?? null;
    await this.tx.run(async () => {
      await this.runs.lockLab(labId);
      const run = await this.runs.findOfLab(labId, runId);
      if (!run) throw SelectionError.runNotFound();
      // Two adoptions at the same moment: the one that took the lock second must not silently
      // replace the decisions the first just made.
      const adoptedNow = (await this.runs.findAdoptedOfLab(labId))?.id ?? null;
      if (adoptedNow !== replacing) {
        throw new SelectionError(
          'SELECTION_ADOPTION_CHANGED',
          'Another run was adopted while this one was being adopted; look at the adopted run before replacing it.',
          { adoptedRunId: adoptedNow },
        );
      }
      if (run.status !== 'optimal' && run.status !== 'feasible') {
        throw new SelectionError(
          'SELECTION_RUN_INFEASIBLE',
          'Only a run that found a cohort can be adopted.',
          { status: run.status },
        );
      }
      const answered = await this.decisions.countAnsweredOfLab(labId);
      if (answered > 0) {
        throw new SelectionError(
          'SELECTION_DECISIONS_ANSWERED',
          `${answered} applicant${answered === 1 ? ' has' : 's have'} already answered an offer of the adopted run; another run cannot be adopted now.`,
          { answered },
        );
      }
      const released = await this.letters.countReleasedOfLab(labId);
      if (released > 0) {
        throw new SelectionError(
          'SELECTION_LETTERS_RELEASED',
          `${released} decision letter${released === 1 ? ' has' : 's have'} already been released to applicants; another run cannot be adopted now.`,
          { released },
        );
      }
      const considered = new Set(run.inputs.applicants.map((a) => a.id));
      const unreviewedIds = applications.filter((a) => !considered.has(a.id)).map((a) => a.id);
      if (unreviewedIds.length > 0 && dto.declineUnreviewed !== true) {
        const n = unreviewedIds.length;
        throw new SelectionError(
          'SELECTION_UNREVIEWED_APPLICATIONS',
          `${n} submitted application${n === 1 ? ' was' : 's were'} not reviewed when this run was made, so the run did not consider ${n === 1 ? 'it' : 'them'}. Review ${n === 1 ? 'it' : 'them'} and run selection again, or adopt with declineUnreviewed: true to decline ${n === 1 ? 'it' : 'them'}.`,
          { unreviewed: n, applicationIds: unreviewedIds },
        );
      }
      const selected = new Set(run.result.selectedIds);
      const rank = new Map(run.result.waitlistIds.map((id, i) => [id, i + 1]));
      const rows: NewDecision[] = applications.map((a) => {
        const outcome: DecisionOutcome = selected.has(a.id)
          ? 'accepted'
          : rank.has(a.id)
            ? 'waitlisted'
            : 'declined';
        return {
          labId,
          runId,
          applicationId: a.id,
          applicantId: a.applicantId,
          outcome,
          waitlistRank: outcome === 'waitlisted' ? (rank.get(a.id) as number) : null,
          response: outcome === 'accepted' ? 'pending' : null,
          confirmBy: outcome === 'accepted' ? confirmBy : null,
        };
      });
      await this.runs.markAdopted(labId, runId, now, promotedConfirmDays);
      await this.decisions.replaceOfLab(labId, rows);
      const count = (o: DecisionOutcome) => rows.filter((r) => r.outcome === o).length;
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'selection.run_adopted',
        entityType: 'selection_run',
        entityId: runId,
        data: {
          accepted: count('accepted'),
          waitlisted: count('waitlisted'),
          declined: count('declined'),
          declinedUnreviewed: unreviewedIds.length,
          confirmBy: confirmBy.toISOString(),
          promotedConfirmDays,
        },
      });
    });
    return this.view(labId);
  }

  async list(actor: Actor, labId: string): Promise<DecisionsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.view(labId);
  }

  async mine(actor: Actor): Promise<MyDecisionView[]> {
    return (await this.decisions.findOfApplicant(actor.userId)).map(myDecisionView);
  }

  /** The applicant takes their place and becomes a participant of the lab. */
  async confirm(actor: Actor, decisionId: string, now = new Date()): Promise<MyDecisionView> {
    return this.answer(actor, decisionId, 'confirmed', now);
  }

  /** The applicant gives up their place; the best waitlisted applicant who keeps every quota gets it. */
  async decline(actor: Actor, decisionId: string, now = new Date()): Promise<MyDecisionView> {
    return this.answer(actor, decisionId, 'declined', now);
  }

  /** Organisers close the offers whose confirm-by date passed, and refill those places from the waitlist. */
  async expire(actor: Actor, labId: string, now = new Date()): Promise<ExpiryView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const lab = await this.labs.get(actor, labId);
    assertDecisionsOpen(lab.phase);
    if (!(await this.runs.findAdoptedOfLab(labId))) throw SelectionError.notAdopted();
    return this.expireOverdue(actor.userId, labId, dateOrNull(lab.dates.workshopStartAt), now);
  }

  /**
   * The periodic sweep (no actor): in every lab in the Selection phase, close the offers whose
   * date passed and refill the places. Any number of instances may sweep at once: each lab is
   * expired under its selection lock and only offers still pending are expired, so a place is
   * refilled once.
   */
  async expireDue(now = new Date()): Promise<ExpirySweep> {
    const labs = await this.decisions.findLabsWithOverdueOffers(now);
    const swept: ExpirySweep['labs'] = [];
    for (const { labId, workshopStartAt } of labs) {
      const result = await this.expireOverdue(null, labId, workshopStartAt, now);
      if (result.expiredIds.length > 0)
        swept.push({
          labId,
          expiredIds: result.expiredIds,
          promotedIds: result.promotion?.promotedIds ?? [],
        });
    }
    return { labs: swept };
  }

  /**
   * Expire a lab's overdue offers and refill their places. The refill is solved first, outside
   * any transaction (as if the offers had expired), then written together with the expiry in
   * one short transaction under the lab's selection lock, which checks that the overdue offers
   * and every other decision are still what it was solved from (else it is solved again).
   */
  private async expireOverdue(
    actorId: string | null,
    labId: string,
    workshopStartAt: Date | null,
    now: Date,
  ): Promise<ExpiryView> {
    return this.withPlannedPromotion(async () => {
      const overdueIds = (await this.decisions.findOverdueOfLab(labId, now)).map((d) => d.id);
      if (overdueIds.length === 0) return { expiredIds: [], promotion: null };
      const overdue = new Set(overdueIds);
      const planned = await this.planPromotion(labId, (d) =>
        overdue.has(d.id) ? answered(d, 'expired') : d,
      );
      return this.tx.run(async () => {
        await this.runs.lockLab(labId);
        const stillOverdue = await this.decisions.findOverdueOfLab(labId, now);
        if (stillOverdue.length !== overdue.size || stillOverdue.some((d) => !overdue.has(d.id)))
          throw new PromotionInputsChanged();
        for (const d of stillOverdue) {
          d.response = 'expired';
          d.respondedAt = now;
          await this.decisions.save(d);
          await this.audit.append({
            actorId,
            labId,
            action: 'decision.expired',
            entityType: 'selection_decision',
            entityId: d.id,
            data: {
              applicationId: d.applicationId,
              confirmBy: iso(d.confirmBy),
              by: actorId === null ? 'sweep' : 'organiser',
            },
          });
        }
        const expiredIds = stillOverdue.map((d) => d.applicationId);
        return {
          expiredIds,
          promotion: await this.promote(actorId, labId, expiredIds, planned, workshopStartAt, now),
        };
      });
    });
  }

  private async answer(
    actor: Actor,
    decisionId: string,
    response: 'confirmed' | 'declined',
    now: Date,
  ): Promise<MyDecisionView> {
    const found = await this.decisions.findById(decisionId);
    if (!found || found.applicantId !== actor.userId) throw SelectionError.decisionNotFound();
    const labId = found.labId;
    const lab = await this.labs.get(actor, labId);
    assertDecisionsOpen(lab.phase);
    return this.withPlannedPromotion(async () => {
      // A decline frees a place: its refill is solved first, outside the transaction.
      const planned =
        response === 'declined'
          ? await this.planPromotion(labId, (d) =>
              d.id === decisionId ? answered(d, 'declined') : d,
            )
          : null;
      return this.tx.run(async () => {
        await this.runs.lockLab(labId);
        const d = await this.decisions.findById(decisionId);
        if (!d) throw SelectionError.decisionNotFound();
        if (d.outcome !== 'accepted')
          throw new SelectionError(
            'DECISION_NOT_OFFERED',
            'You have not been offered a place (yet).',
            { outcome: d.outcome },
          );
        if (d.response !== 'pending')
          throw new SelectionError(
            'DECISION_ALREADY_ANSWERED',
            `You have already answered: ${d.response}.`,
            { response: d.response },
          );
        if (d.confirmBy !== null && d.confirmBy.getTime() < now.getTime()) {
          throw new SelectionError(
            'DECISION_CONFIRM_BY_PASSED',
            `The offer had to be answered by ${d.confirmBy.toISOString()}.`,
            { confirmBy: d.confirmBy.toISOString() },
          );
        }
        d.response = response;
        d.respondedAt = now;
        const saved = await this.decisions.save(d);
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: response === 'confirmed' ? 'decision.confirmed' : 'decision.declined',
          entityType: 'selection_decision',
          entityId: d.id,
          data: { applicationId: d.applicationId },
        });
        if (response === 'confirmed')
          await this.memberships.grantRole(actor.userId, labId, actor.userId, 'participant');
        else
          await this.promote(
            actor.userId,
            labId,
            [d.applicationId],
            planned,
            dateOrNull(lab.dates.workshopStartAt),
            now,
          );
        return myDecisionView(saved);
      });
    });
  }

  /**
   * Run `work` (which plans a promotion, then writes it in a transaction that checks its
   * inputs) again while the decisions it was planned from changed meanwhile; after
   * PROMOTION_ATTEMPTS, the person is asked to try again.
   */
  private async withPlannedPromotion<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof PromotionInputsChanged)) throw error;
        if (attempt >= PROMOTION_ATTEMPTS)
          throw new SelectionError(
            'SELECTION_DECISIONS_BUSY',
            "Other answers to this lab's offers arrived at the same moment: try again.",
          );
      }
    }
  }

  /**
   * Solve the promotion that would follow a change (`change` gives each decision as it would
   * be), in the solver pool and outside any transaction. Null when no run is adopted.
   */
  private async planPromotion(
    labId: string,
    change: (d: SelectionDecisionEntity) => SelectionDecisionEntity,
  ): Promise<PlannedPromotion | null> {
    const run = await this.runs.findAdoptedOfLab(labId);
    if (!run) return null;
    const input = promotionInput(run, (await this.decisions.findOfLab(labId)).map(change));
    return {
      key: promotionKey(run, input),
      result: await this.solvers.run('promoteFromWaitlist', input),
    };
  }

  /**
   * Write the refill of the places `freedBy` gave up, solved ahead by `planPromotion` from the
   * adopted run with every place holder fixed in and the decliners out; inside the caller's
   * transaction, under the lab's selection lock. Throws PromotionInputsChanged when the run or
   * the decisions are no longer those it was solved from.
   */
  private async promote(
    actorId: string | null,
    labId: string,
    freedBy: string[],
    planned: PlannedPromotion | null,
    workshopStartAt: Date | null,
    now: Date,
  ): Promise<PromotionView> {
    const run = await this.runs.findAdoptedOfLab(labId);
    const all = await this.decisions.findOfLab(labId);
    if (!run) {
      if (planned) throw new PromotionInputsChanged();
      return {
        status: 'no-open-place',
        freedBy,
        promotedIds: [],
        nextInLineIds: [],
        explanation: ['No run is adopted.'],
      };
    }
    if (!planned || planned.key !== promotionKey(run, promotionInput(run, all)))
      throw new PromotionInputsChanged();
    const promotion = planned.result;
    const record: DecisionPromotion = {
      at: now.toISOString(),
      freedBy,
      nextInLineIds: promotion.nextInLineIds,
      explanation: promotion.explanation,
    };
    let promotedConfirmBy: Date | null = null;
    if (promotion.status === 'promoted') {
      const confirmBy = answerBy(
        now,
        run.promotedConfirmDays ?? DEFAULT_PROMOTED_CONFIRM_DAYS,
        workshopStartAt,
      );
      promotedConfirmBy = confirmBy;
      const promoted = new Set(promotion.promotedIds);
      const rank = new Map(promotion.waitlistIds.map((id, i) => [id, i + 1]));
      for (const d of all) {
        if (promoted.has(d.applicationId)) {
          Object.assign(d, {
            outcome: 'accepted',
            waitlistRank: null,
            response: 'pending',
            confirmBy,
            promotion: record,
          });
          await this.decisions.save(d);
        } else if (
          d.outcome === 'waitlisted' &&
          d.waitlistRank !== (rank.get(d.applicationId) ?? null)
        ) {
          d.waitlistRank = rank.get(d.applicationId) ?? null;
          await this.decisions.save(d);
        }
      }
    }
    await this.audit.append({
      actorId,
      labId,
      action: 'selection.waitlist_promoted',
      entityType: 'selection_run',
      entityId: run.id,
      data: {
        status: promotion.status,
        freedBy,
        promotedIds: promotion.promotedIds,
        nextInLineIds: promotion.nextInLineIds,
        explanation: promotion.explanation,
        ...(promotedConfirmBy ? { confirmBy: promotedConfirmBy.toISOString() } : {}),
      },
    });
    return {
      status: promotion.status,
      freedBy,
      promotedIds: promotion.promotedIds,
      nextInLineIds: promotion.nextInLineIds,
      explanation: promotion.explanation,
    };
  }

  private async view(labId: string): Promise<DecisionsView> {
    const [run, all] = await Promise.all([
      this.runs.findAdoptedOfLab(labId),
      this.decisions.findOfLab(labId),
    ]);
    const count = (p: (d: SelectionDecisionEntity) => boolean) => all.filter(p).length;
    return {
      adoptedRunId: run?.id ?? null,
      promotedConfirmDays: run ? (run.promotedConfirmDays ?? DEFAULT_PROMOTED_CONFIRM_DAYS) : null,
      counts: {
        accepted: count((d) => d.outcome === 'accepted'),
        waitlisted: count((d) => d.outcome === 'waitlisted'),
        declined: count((d) => d.outcome === 'declined'),
        confirmed: count((d) => d.response === 'confirmed'),
        pending: count((d) => d.response === 'pending'),
        declinedPlaces: count(gaveUpPlace),
      },
      decisions: all.map(decisionView),
    };
  }
}

/**
 * What a waitlist promotion is solved from: the adopted run, the places held (offered and
 * pending, or confirmed) and the applications out of reach (withdrawn since, declined
 * outright, or gave their place up).
 */
function promotionInput(
  run: SelectionRunEntity,
  all: readonly SelectionDecisionEntity[],
): WaitlistPromotionInput {
  const decided = new Map(all.map((d) => [d.applicationId, d]));
  return {
    applicants: run.inputs.applicants,
    capacity: run.inputs.capacity,
    quotas: run.inputs.quotas,
    confirmedOrPending: all.filter(holdsPlace).map((d) => d.applicationId),
    declined: run.inputs.applicants
      .map((a) => a.id)
      .filter((id) => {
        const d = decided.get(id);
        return d === undefined || gaveUpPlace(d) || d.outcome === 'declined';
      }),
    seed: run.seed,
  };
}

/** The run and the decisions a promotion depends on, as one comparable string. */
function promotionKey(run: SelectionRunEntity, input: WaitlistPromotionInput): string {
  return JSON.stringify([run.id, [...input.confirmedOrPending].sort(), [...input.declined].sort()]);
}
