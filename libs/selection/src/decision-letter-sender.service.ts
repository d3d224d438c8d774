import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AuditService, Poller } from '@ideas-lab/platform';
import { DecisionLettersRepository, type ClaimedLetter } from './decision-letters.repository.js';
import { letterRetryDelayMs } from './decision-letters.util.js';
import { DecisionMailRepository } from './decision-mail.repository.js';

/** How often every instance looks for letters that are due (a release also wakes its own instance). */
export const LETTER_SENDER_POLL_MS = 5_000;
/** Letters claimed per round trip. */
export const LETTER_SENDER_BATCH = 20;
/** A claim lapses after this long (a crashed instance's letters are taken over then). */
export const LETTER_CLAIM_LEASE_MS = 5 * 60_000;

export interface LetterSendRound {
  sent: number;
  logged: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the released letters of every lab in the background, outside any request. Each
 * instance claims due letters with `FOR UPDATE SKIP LOCKED`, so several instances never send
 * the same letter; a failed attempt is recorded on the letter (attempts, last error) and tried
 * again after a growing pause, up to a limit. Without SMTP_URL nothing is sent: the letter is
 * marked `logged`, and the outbox shows what would have gone out.
 */
@Injectable()
export class DecisionLetterSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DecisionLetterSender');
  private readonly poller = new Poller(
    'decision letter sending',
    LETTER_SENDER_POLL_MS,
    () => this.sendAllDue(),
    this.logger,
  );

  constructor(
    private readonly letters: DecisionLettersRepository,
    private readonly mail: DecisionMailRepository,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.poller.stop();
  }

  /** Look for due letters now (after a release), without waiting for the next poll. */
  wake(): void {
    this.poller.wake();
  }

  /** Send batches until nothing is due. */
  async sendAllDue(now: () => Date = () => new Date()): Promise<LetterSendRound> {
    const total: LetterSendRound = { sent: 0, logged: 0, retrying: 0, failed: 0 };
    for (;;) {
      const round = await this.sendDue(now());
      for (const key of Object.keys(total) as (keyof LetterSendRound)[]) total[key] += round[key];
      if (round.sent + round.logged + round.retrying + round.failed < LETTER_SENDER_BATCH)
        return total;
    }
  }

  /** Claim one batch of due letters and send each; the outcome is recorded and audited per lab. */
  async sendDue(now: Date): Promise<LetterSendRound> {
    const claimed = await this.letters.claimDue(
      now,
      new Date(now.getTime() + LETTER_CLAIM_LEASE_MS),
      LETTER_SENDER_BATCH,
    );
    const byLab = new Map<string, LetterSendRound>();
    const total: LetterSendRound = { sent: 0, logged: 0, retrying: 0, failed: 0 };
    for (const letter of claimed) {
      const outcome = await this.sendOne(letter, now);
      if (outcome === null) continue;
      const lab = byLab.get(letter.labId) ?? { sent: 0, logged: 0, retrying: 0, failed: 0 };
      lab[outcome] += 1;
      total[outcome] += 1;
      byLab.set(letter.labId, lab);
    }
    for (const [labId, counts] of byLab) {
      await this.audit.append({
        actorId: null,
        labId,
        action: 'letters.delivered',
        entityType: 'lab',
        entityId: labId,
        data: { ...counts, transport: this.mail.kind },
      });
    }
    return total;
  }

  /** The outcome, or null when another instance took the letter over meanwhile. */
  private async sendOne(letter: ClaimedLetter, now: Date): Promise<keyof LetterSendRound | null> {
    try {
      await this.mail.send({ to: letter.recipient, subject: letter.subject, text: letter.body });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = letterRetryDelayMs(letter.attempts);
      const retryAt = delay === null ? null : new Date(now.getTime() + delay);
      this.logger.warn({
        msg: 'decision letter not sent',
        letterId: letter.id,
        attempt: letter.attempts,
        retryAt,
        err: message,
      });
      const recorded = await this.letters.markAttemptFailed(letter, message, retryAt);
      return recorded ? (retryAt === null ? 'failed' : 'retrying') : null;
    }
    const status = this.mail.kind === 'smtp' ? 'sent' : 'logged';
    return (await this.letters.markDelivered(letter, status, this.mail.kind, new Date()))
      ? status
      : null;
  }
}
