import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import { affectedCount, rowsOf, TransactionRunner } from '@ideas-lab/platform';
import { DecisionLetterEntity } from './entities/decision-letter.entity.js';

export type NewDecisionLetter = Pick<
  DecisionLetterEntity,
  'labId' | 'decisionId' | 'outcome' | 'recipient' | 'subject' | 'body'
>;

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

  findOfLab(labId: string): Promise<DecisionLetterEntity[]> {
    return this.repo.find({
      where: { labId },
      order: { outcome: 'ASC', recipient: 'ASC', id: 'ASC' },
    });
  }

  findOfLabById(labId: string, letterId: string): Promise<DecisionLetterEntity | null> {
    return this.repo.findOneBy({ id: letterId, labId });
  }

  /**
   * Make the lab's drafts exactly `letters` (one per decision and outcome): drafts are written
   * or rewritten, drafts no longer called for (a place given up, a waitlisted applicant
   * promoted before the letter went out) are dropped, released letters are left alone.
   */
  async replaceDraftsOfLab(labId: string, letters: NewDecisionLetter[]): Promise<void> {
    const wanted = new Set(letters.map((l) => `${l.decisionId}:${l.outcome}`));
    const stale = (await this.repo.findBy({ labId, status: 'draft' })).filter(
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
          status: 'draft',
          attempts: 0,
          lastError: null,
          transport: null,
          sentAt: null,
          nextAttemptAt: null,
          claimedUntil: null,
          releasedAt: null,
        });
      else if (existing.status === 'draft') await this.repo.update({ id: existing.id }, letter);
    }
  }

  /** Letters of the lab that have left the outbox (released, sent, logged or failed). */
  countReleasedOfLab(labId: string): Promise<number> {
    return this.repo.countBy({ labId, status: Not('draft') });
  }

  save(letter: DecisionLetterEntity): Promise<DecisionLetterEntity> {
    return this.repo.save(letter);
  }

  /** Queue the drafts and the letters that gave up; returns how many were queued. */
  async queueReleasableOfLab(labId: string, now: Date): Promise<number> {
    const count = affectedCount(
      await this.tx.manager().query(
        `UPDATE decision_letters
          SET status = 'queued', attempts = 0, next_attempt_at = $2, released_at = $2,
              claimed_until = NULL, updated_at = now()
        WHERE lab_id = $1 AND status IN ('draft', 'failed')`,
        [labId, now],
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
