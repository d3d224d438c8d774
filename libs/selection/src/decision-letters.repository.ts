import { Injectable } from '@nestjs/common';
import { In, Not } from 'typeorm';
import { affectedCount, rowsOf, TransactionRunner } from '@ideas-lab/platform';
import {
  DecisionLetterEntity,
  type LetterKind,
  type OutboxOutcome,
} from './entities/decision-letter.entity.js';
import type { DecisionOutcome } from './entities/selection-decision.entity.js';

export interface NewDecisionLetter {
  labId: string;
  decisionId: string;
  outcome: DecisionOutcome;
  recipient: string;
  subject: string;
  body: string;
}

/** A letter another feature puts in the lab's outbox (see LabOutboxService). */
export interface NewOutboxLetter {
  labId: string;
  kind: Exclude<LetterKind, 'selection'>;
  referenceId: string;
  outcome: OutboxOutcome;
  recipient: string;
  subject: string;
  body: string;
}

const unsent = {
  attempts: 0,
  lastError: null,
  transport: null,
  sentAt: null,
  nextAttemptAt: null,
  claimedUntil: null,
  releasedAt: null,
};

/** A letter claimed by this instance's sender. */
export interface ClaimedLetter {
  id: string;
  labId: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/** The outbox of decision letters of each lab, and the sender's queue over every lab. */
@Injectable()
export class DecisionLettersRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(DecisionLetterEntity);
  }

  /** The lab's selection letters (the applicants' outbox). */
  findOfLab(labId: string): Promise<DecisionLetterEntity[]> {
    return this.repo.find({
      where: { labId, kind: 'selection' },
      order: { outcome: 'ASC', recipient: 'ASC', id: 'ASC' },
    });
  }

  findOfLabById(labId: string, letterId: string): Promise<DecisionLetterEntity | null> {
    return this.repo.findOneBy({ id: letterId, labId, kind: 'selection' });
  }

  /** The lab's letters of one kind, optionally only those about the given records. */
  findOfKind(
    labId: string,
    kind: LetterKind,
    referenceIds?: readonly string[],
  ): Promise<DecisionLetterEntity[]> {
    return this.repo.find({
      where: {
        labId,
        kind,
        ...(referenceIds !== undefined && { referenceId: In([...referenceIds]) }),
      },
      order: { createdAt: 'ASC', recipient: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Make the drafts of one kind about `referenceIds` exactly `letters` (one per record,
   * outcome and recipient); letters already released are left alone.
   */
  async replaceDraftsOfKind(
    labId: string,
    kind: Exclude<LetterKind, 'selection'>,
    referenceIds: readonly string[],
    letters: readonly NewOutboxLetter[],
  ): Promise<void> {
    const key = (l: { referenceId: string | null; outcome: string; recipient: string }) =>
      `${l.referenceId}:${l.outcome}:${l.recipient}`;
    const existing = await this.findOfKind(labId, kind, referenceIds);
    const wanted = new Set(letters.map(key));
    const stale = existing.filter((l) => l.status === 'draft' && !wanted.has(key(l)));
    if (stale.length > 0) await this.repo.delete(stale.map((l) => l.id));
    const byKey = new Map(existing.map((l) => [key(l), l]));
    for (const letter of letters) {
      const found = byKey.get(key(letter));
      if (!found)
        await this.repo.insert({ ...letter, decisionId: null, status: 'draft', ...unsent });
      else if (found.status === 'draft')
        await this.repo.update({ id: found.id }, { subject: letter.subject, body: letter.body });
    }
  }

  /** Letters that go out without a draft (reminders): queued for the sender at once. */
  async insertQueued(letters: readonly NewOutboxLetter[], now: Date): Promise<void> {
    if (letters.length === 0) return;
    await this.repo.insert(
      letters.map((letter) => ({
        ...letter,
        decisionId: null,
        ...unsent,
        status: 'queued' as const,
        nextAttemptAt: now,
        releasedAt: now,
      })),
    );
  }

  /**
   * Make the lab's drafts exactly `letters` (one per decision and outcome): drafts are written
   * or rewritten, drafts no longer called for (a place given up, a waitlisted applicant
   * promoted before the letter went out) are dropped, released letters are left alone.
   */
  async replaceDraftsOfLab(labId: string, letters: NewDecisionLetter[]): Promise<void> {
    const wanted = new Set(letters.map((l) => `${l.decisionId}:${l.outcome}`));
    const stale = (await this.repo.findBy({ labId, kind: 'selection', status: 'draft' })).filter(
      (l) => !wanted.has(`${l.decisionId}:${l.outcome}`),
    );
    if (stale.length > 0) await this.repo.delete(stale.map((l) => l.id));
    for (const letter of letters) {
      const existing = await this.repo.findOneBy({
        decisionId: letter.decisionId,
        outcome: letter.outcome,
      });
      if (!existing)
        await this.repo.insert({
          ...letter,
          kind: 'selection',
          referenceId: null,
          status: 'draft',
          ...unsent,
        });
      else if (existing.status === 'draft') await this.repo.update({ id: existing.id }, letter);
    }
  }

  /** Letters of the lab that have left the outbox (released, sent, logged or failed). */
  countReleasedOfLab(labId: string): Promise<number> {
    return this.repo.countBy({ labId, kind: 'selection', status: Not('draft') });
  }

  save(letter: DecisionLetterEntity): Promise<DecisionLetterEntity> {
    return this.repo.save(letter);
  }

  /**
   * Queue the drafts and the letters that gave up, of one kind (and, when given, only those
   * about the named records); returns how many were queued.
   */
  async queueReleasableOfLab(
    labId: string,
    now: Date,
    kind: LetterKind = 'selection',
    referenceIds: readonly string[] | null = null,
  ): Promise<number> {
    const count = affectedCount(
      await this.tx.manager().query(
        `UPDATE decision_letters
          SET status = 'queued', attempts = 0, next_attempt_at = $2, released_at = $2,
              claimed_until = NULL, updated_at = now()
        WHERE lab_id = $1 AND kind = $3 AND status IN ('draft', 'failed')
          AND ($4::uuid[] IS NULL OR reference_id = ANY($4::uuid[]))`,
        [labId, now, kind, referenceIds === null ? null : [...referenceIds]],
      ),
    );
    return count;
  }

  /**
   * Claim up to `limit` letters that are due (queued and past their backoff, or left
   * `sending` by an instance whose lease ran out). `FOR UPDATE SKIP LOCKED` lets several
   * instances claim at once without ever taking the same letter; the claim counts an attempt.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedLetter[]> {
    const rows = rowsOf<ClaimedLetter>(
      await this.tx.manager().query(
        `UPDATE decision_letters l
          SET status = 'sending', claimed_until = $2, attempts = l.attempts + 1, updated_at = now()
        WHERE l.id IN (SELECT id FROM decision_letters
                        WHERE (status = 'queued' AND next_attempt_at <= $1)
                           OR (status = 'sending' AND claimed_until < $1)
                        ORDER BY next_attempt_at, id
                        LIMIT $3
                        FOR UPDATE SKIP LOCKED)
       RETURNING l.id, l.lab_id AS "labId", l.recipient, l.subject, l.body, l.attempts`,
        [now, leaseUntil, limit],
      ),
    );
    return rows;
  }

  /** The claimed letter went out (or was logged); false if this instance's claim was lost. */
  async markDelivered(
    letter: ClaimedLetter,
    status: 'sent' | 'logged',
    transport: 'smtp' | 'preview',
    at: Date,
  ): Promise<boolean> {
    return this.finishClaim(letter, {
      status,
      transport,
      sent_at: at,
      last_error: null,
      next_attempt_at: null,
    });
  }

  /** The attempt failed: try again at `retryAt`, or give up (`retryAt` null). */
  async markAttemptFailed(
    letter: ClaimedLetter,
    error: string,
    retryAt: Date | null,
  ): Promise<boolean> {
    return this.finishClaim(letter, {
      status: retryAt === null ? 'failed' : 'queued',
      last_error: error,
      next_attempt_at: retryAt,
    });
  }

  private async finishClaim(
    letter: ClaimedLetter,
    changes: Record<string, string | Date | null>,
  ): Promise<boolean> {
    const columns = Object.keys(changes);
    const count = affectedCount(
      await this.tx.manager().query(
        `UPDATE decision_letters
          SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')}, claimed_until = NULL, updated_at = now()
        WHERE id = $1 AND status = 'sending' AND attempts = $2`,
        [letter.id, letter.attempts, ...Object.values(changes)],
      ),
    );
    return count === 1;
  }
}
