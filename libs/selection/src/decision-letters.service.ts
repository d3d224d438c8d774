import { Injectable } from '@nestjs/common';
import { formatInTimezone, type Actor } from '@ideas-lab/domain';
import { SubmittedApplicationsService } from '@ideas-lab/applications';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import { AppConfig, AuditService, TransactionRunner } from '@ideas-lab/platform';
import { composeDecisionLetter } from './decision-letters.util.js';
import {
  DecisionLettersRepository,
  type NewDecisionLetter,
} from './decision-letters.repository.js';
import { DecisionLetterSender } from './decision-letter-sender.service.js';
import { DecisionMailRepository } from './decision-mail.repository.js';
import {
  LETTER_STATUSES,
  type DecisionLetterEntity,
  type LetterStatus,
} from './entities/decision-letter.entity.js';
import { SelectionDecisionsRepository } from './selection-decisions.repository.js';
import { SelectionRunsRepository } from './selection-runs.repository.js';
import type {
  DecisionLetterView,
  EditDecisionLetter,
  OutboxView,
  ReleaseView,
} from './selection.contract.js';
import { SelectionError } from './selection.errors.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function letterView(l: DecisionLetterEntity): DecisionLetterView {
  return {
    id: l.id,
    // Selection letters (the only kind this outbox lists) always name their decision.
    decisionId: l.decisionId as string,
    outcome: l.outcome as DecisionLetterView['outcome'],
    recipient: l.recipient,
    subject: l.subject,
    body: l.body,
    status: l.status,
    attempts: l.attempts,
    lastError: l.lastError,
    nextAttemptAt: iso(l.nextAttemptAt),
    releasedAt: iso(l.releasedAt),
    transport: l.transport,
    sentAt: iso(l.sentAt),
  };
}

/** Decision letters: composed from the templates into the outbox, edited, released in one batch. */
@Injectable()
export class DecisionLettersService {
  constructor(
    private readonly letters: DecisionLettersRepository,
    private readonly decisions: SelectionDecisionsRepository,
    private readonly runs: SelectionRunsRepository,
    private readonly mail: DecisionMailRepository,
    private readonly sender: DecisionLetterSender,
    private readonly submitted: SubmittedApplicationsService,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  /** A draft per decision of the adopted run (drafts are rewritten; released letters are kept). */
  async compose(actor: Actor, labId: string): Promise<OutboxView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    if (!(await this.runs.findAdoptedOfLab(labId))) throw SelectionError.notAdopted();
    const [lab, decisions, applications] = await Promise.all([
      this.labs.get(actor, labId),
      this.decisions.findOfLab(labId),
      this.submitted.ofLab(labId),
    ]);
    const byId = new Map(applications.map((a) => [a.id, a]));
    const drafts: NewDecisionLetter[] = [];
    for (const d of decisions) {
      const application = byId.get(d.applicationId);
      if (!application) continue;
      // A place given up needs no letter of its own.
      if (d.outcome === 'accepted' && d.response !== 'pending' && d.response !== 'confirmed')
        continue;
      // The applicant's status page in the web client, where an offer is confirmed or declined.
      const statusUrl = new URL(
        `/applications/${application.id}`,
        this.config.publicUrl,
      ).toString();
      const { subject, body } = composeDecisionLetter({
        outcome: d.outcome,
        applicantName: application.profile.name ?? application.email,
        labTitle: lab.title,
        confirmBy: d.confirmBy === null ? null : formatInTimezone(d.confirmBy, lab.timezone),
        waitlistRank: d.waitlistRank,
        statusUrl,
      });
      drafts.push({
        labId,
        decisionId: d.id,
        outcome: d.outcome,
        recipient: application.email,
        subject,
        body,
      });
    }
    await this.tx.run(async () => {
      await this.letters.replaceDraftsOfLab(labId, drafts);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'letters.composed',
        entityType: 'lab',
        entityId: labId,
        data: { letters: drafts.length },
      });
    });
    return this.outbox(labId);
  }

  async list(actor: Actor, labId: string): Promise<OutboxView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.outbox(labId);
  }

  async edit(
    actor: Actor,
    labId: string,
    letterId: string,
    dto: EditDecisionLetter,
  ): Promise<DecisionLetterView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const letter = await this.letters.findOfLabById(labId, letterId);
      if (!letter)
        throw new SelectionError(
          'LETTER_NOT_FOUND',
          'There is no such letter in the outbox of this lab.',
        );
      if (letter.status === 'sent' || letter.status === 'logged')
        throw new SelectionError(
          'LETTER_ALREADY_SENT',
          'This letter has been sent and can no longer be edited.',
          { status: letter.status },
        );
      if (letter.status === 'queued' || letter.status === 'sending')
        throw new SelectionError(
          'LETTER_IN_QUEUE',
          'This letter has been released and is waiting to be sent; it can no longer be edited.',
          { status: letter.status },
        );
      if (dto.subject !== undefined) letter.subject = dto.subject;
      if (dto.body !== undefined) letter.body = dto.body;
      const saved = await this.letters.save(letter);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'letter.edited',
        entityType: 'decision_letter',
        entityId: letterId,
        data: { fields: Object.keys(dto) },
      });
      return letterView(saved);
    });
  }

  /**
   * Release the outbox in one batch: every draft, and every letter whose attempts all failed,
   * is queued for the background sender (which retries failures with backoff). Nothing is sent
   * inside this request.
   */
  async release(actor: Actor, labId: string, now = new Date()): Promise<ReleaseView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    if (!(await this.runs.findAdoptedOfLab(labId))) throw SelectionError.notAdopted();
    const queued = await this.tx.run(async () => {
      const count = await this.letters.queueReleasableOfLab(labId, now);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'letters.released',
        entityType: 'lab',
        entityId: labId,
        data: { queued: count, transport: this.mail.kind },
      });
      // The sender claims only committed letters: wake it once they are.
      if (count > 0) void this.tx.afterCommit(() => this.sender.wake());
      return count;
    });
    return { ...(await this.outbox(labId)), released: { queued } };
  }

  private async outbox(labId: string): Promise<OutboxView> {
    const all = await this.letters.findOfLab(labId);
    const counts = Object.fromEntries(
      LETTER_STATUSES.map((status) => [status, all.filter((l) => l.status === status).length]),
    ) as Record<LetterStatus, number>;
    return {
      transport: this.mail.kind,
      counts,
      letters: all.map(letterView),
    };
  }
}
