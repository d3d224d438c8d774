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
import { DecisionMailRepository } from './decision-mail.repository.js';
import type { EditDecisionLetterDto } from './dto/decision-letter.dto.js';
import type { DecisionLetterEntity, LetterStatus } from './entities/decision-letter.entity.js';
import type { DecisionOutcome } from './entities/selection-decision.entity.js';
import { SelectionDecisionsRepository } from './selection-decisions.repository.js';
import { SelectionError } from './selection.errors.js';

export interface DecisionLetterView {
  id: string;
  decisionId: string;
  outcome: DecisionOutcome;
  recipient: string;
  subject: string;
  body: string;
  status: LetterStatus;
  attempts: number;
  lastError: string | null;
  transport: 'smtp' | 'preview' | null;
  sentAt: string | null;
}

export interface OutboxView {
  /** smtp: released letters are sent; preview: no SMTP_URL, releasing only records what would be sent. */
  transport: 'smtp' | 'preview';
  counts: Record<LetterStatus, number>;
  letters: DecisionLetterView[];
}

export interface ReleaseView extends OutboxView {
  released: { sent: number; failed: number };
}

function letterView(l: DecisionLetterEntity): DecisionLetterView {
  return {
    id: l.id,
    decisionId: l.decisionId,
    outcome: l.outcome,
    recipient: l.recipient,
    subject: l.subject,
    body: l.body,
    status: l.status,
    attempts: l.attempts,
    lastError: l.lastError,
    transport: l.transport,
    sentAt: l.sentAt === null ? null : l.sentAt.toISOString(),
  };
}

/** Decision letters: composed from the templates into the outbox, edited, released in one batch. */
@Injectable()
export class DecisionLettersService {
  constructor(
    private readonly letters: DecisionLettersRepository,
    private readonly decisions: SelectionDecisionsRepository,
    private readonly mail: DecisionMailRepository,
    private readonly submitted: SubmittedApplicationsService,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  /** A draft per decision of the adopted run (drafts are rewritten; sent letters are kept). */
  async compose(actor: Actor, labId: string): Promise<OutboxView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const [lab, decisions, applications] = await Promise.all([
      this.labs.get(actor, labId),
      this.decisions.findOfLab(labId),
      this.submitted.ofLab(labId),
    ]);
    const byId = new Map(applications.map((a) => [a.id, a]));
    const statusUrl = new URL('/me/applications', this.config.publicUrl).toString();
    const drafts: NewDecisionLetter[] = [];
    for (const d of decisions) {
      const application = byId.get(d.applicationId);
      if (!application) continue;
      // A place given up needs no letter of its own.
      if (d.outcome === 'accepted' && d.response !== 'pending' && d.response !== 'confirmed')
        continue;
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
      await this.letters.upsertDrafts(drafts);
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
    dto: EditDecisionLetterDto,
  ): Promise<DecisionLetterView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const letter = await this.letters.findOfLabById(labId, letterId);
      if (!letter)
        throw new SelectionError(
          'LETTER_NOT_FOUND',
          'There is no such letter in the outbox of this lab.',
        );
      if (letter.status === 'sent')
        throw new SelectionError(
          'LETTER_ALREADY_SENT',
          'This letter has been sent and can no longer be edited.',
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

  /** Send every draft and every failed letter; a failure is recorded on the letter and retried by the next release. */
  async release(actor: Actor, labId: string, now = () => new Date()): Promise<ReleaseView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const unsent = await this.letters.findUnsentOfLab(labId);
    let sent = 0;
    let failed = 0;
    for (const letter of unsent) {
      letter.attempts += 1;
      try {
        await this.mail.send({ to: letter.recipient, subject: letter.subject, text: letter.body });
        Object.assign(letter, {
          status: 'sent',
          lastError: null,
          transport: this.mail.kind,
          sentAt: now(),
        });
        sent += 1;
      } catch (error) {
        Object.assign(letter, {
          status: 'failed',
          lastError: error instanceof Error ? error.message : String(error),
        });
        failed += 1;
      }
      await this.letters.save(letter);
    }
    await this.audit.append({
      actorId: actor.userId,
      labId,
      action: 'letters.released',
      entityType: 'lab',
      entityId: labId,
      data: { sent, failed, transport: this.mail.kind },
    });
    return { ...(await this.outbox(labId)), released: { sent, failed } };
  }

  private async outbox(labId: string): Promise<OutboxView> {
    const all = await this.letters.findOfLab(labId);
    const count = (s: LetterStatus) => all.filter((l) => l.status === s).length;
    return {
      transport: this.mail.kind,
      counts: { draft: count('draft'), sent: count('sent'), failed: count('failed') },
      letters: all.map(letterView),
    };
  }
}
