import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { DecisionLetterSender } from './decision-letter-sender.service.js';
import { DecisionLettersRepository, type NewOutboxLetter } from './decision-letters.repository.js';
import { DecisionMailRepository } from './decision-mail.repository.js';
import type { DecisionLetterEntity, LetterKind } from './entities/decision-letter.entity.js';

export type { NewOutboxLetter } from './decision-letters.repository.js';
export type OutboxLetterKind = Exclude<LetterKind, 'selection'>;

/**
 * The lab's outbox as other features use it (funding letters, progress-report reminders): the
 * same table, sender, retries and transport as the selection letters, so there is one letter
 * system. Drafts wait for an organiser's release; reminders are queued at once. No access
 * checks here: the calling feature decides who may do what. Call inside its transaction: the
 * sender is woken after it commits.
 */
@Injectable()
export class LabOutboxService {
  constructor(
    private readonly letters: DecisionLettersRepository,
    private readonly sender: DecisionLetterSender,
    private readonly mail: DecisionMailRepository,
    private readonly tx: TransactionRunner,
  ) {}

  /** smtp, or preview when no SMTP server is configured (letters are then only recorded). */
  get transport(): 'smtp' | 'preview' {
    return this.mail.kind;
  }

  lettersOf(
    labId: string,
    kind: OutboxLetterKind,
    referenceIds?: readonly string[],
  ): Promise<DecisionLetterEntity[]> {
    return this.letters.findOfKind(labId, kind, referenceIds);
  }

  /** The drafts about these records become exactly `letters`; released ones stay as they went. */
  replaceDrafts(
    labId: string,
    kind: OutboxLetterKind,
    referenceIds: readonly string[],
    letters: readonly NewOutboxLetter[],
  ): Promise<void> {
    return this.letters.replaceDraftsOfKind(labId, kind, referenceIds, letters);
  }

  /** Queue the drafts (and failed letters) of this kind about these records; how many. */
  async release(
    labId: string,
    kind: OutboxLetterKind,
    referenceIds: readonly string[],
    now: Date,
  ): Promise<number> {
    const count = await this.letters.queueReleasableOfLab(labId, now, kind, referenceIds);
    if (count > 0) void this.tx.afterCommit(() => this.sender.wake());
    return count;
  }

  /** Letters that need no review (reminders): queued for the sender now. */
  async send(letters: readonly NewOutboxLetter[], now: Date): Promise<void> {
    await this.letters.insertQueued(letters, now);
    if (letters.length > 0) void this.tx.afterCommit(() => this.sender.wake());
  }
}
