import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { LabEntity } from '@ideas-lab/labs';
import type { DecisionOutcome } from './selection-decision.entity.js';

/** Outcomes of the letters other features put in the outbox. */
export type OutboxOutcome = 'funded' | 'not-funded' | 'reminder';
import { SelectionDecisionEntity } from './selection-decision.entity.js';

/**
 * draft: in the outbox, editable; queued: released, waiting for the sender (again after a
 * failed attempt, at `nextAttemptAt`); sending: claimed by one instance's sender; sent:
 * delivered over SMTP; logged: no SMTP server (development), recorded as what would be sent;
 * failed: every attempt failed, released again by the next release.
 */
export const LETTER_STATUSES = ['draft', 'queued', 'sending', 'sent', 'logged', 'failed'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/**
 * What a letter is about: a selection decision (the applicant's place), a funding decision
 * (libs/funding: funded, not funded, invited to the next round) or a reminder (a progress
 * report that is due). One outbox and one sender carry them all.
 */
export const LETTER_KINDS = ['selection', 'funding', 'reminder'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** One decision letter in the lab's outbox. */
@Entity({ name: 'decision_letters' })
/** One letter per decision and outcome: someone promoted from the waitlist gets an offer letter too. */
@Unique('decision_letters_decision_outcome_key', ['decisionId', 'outcome'])
@Index('decision_letters_lab_status_idx', ['labId', 'status'])
@Index('decision_letters_due_idx', ['status', 'nextAttemptAt'])
@Index('decision_letters_reference_idx', ['kind', 'referenceId'])
@Check('decision_letters_kind_check', `"kind" IN ('selection','funding','reminder')`)
@Check(
  'decision_letters_subject_check',
  `("kind" = 'selection') = ("decision_id" IS NOT NULL) AND ("kind" = 'selection' OR "reference_id" IS NOT NULL)`,
)
@Check(
  'decision_letters_status_check',
  `"status" IN ('draft','queued','sending','sent','logged','failed')`,
)
export class DecisionLetterEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'decision_letters_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'decision_letters_lab_fkey' })
  labId: string;

  @Column({ type: 'varchar', length: 20, default: 'selection' })
  kind: LetterKind;

  /** Selection letters: the decision they announce. */
  @Column({ type: 'uuid', name: 'decision_id', nullable: true })
  @ForeignKey(() => SelectionDecisionEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'decision_letters_decision_fkey',
  })
  decisionId: string | null;

  /** Funding letters and reminders: the funding decision or progress report they are about. */
  @Column({ type: 'uuid', name: 'reference_id', nullable: true })
  referenceId: string | null;

  /** Selection: accepted, waitlisted, declined; funding: funded, not-funded; reminder: reminder. */
  @Column({ type: 'varchar', length: 20 })
  outcome: DecisionOutcome | OutboxOutcome;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 20 })
  status: LetterStatus;

  /** Send attempts since the letter was last released. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Queued: not to be tried before then (backoff after a failed attempt). */
  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  /** Sending: the claiming instance's lease; after it another instance may take the letter over. */
  @Column({ type: 'timestamptz', name: 'claimed_until', nullable: true })
  claimedUntil: Date | null;

  @Column({ type: 'timestamptz', name: 'released_at', nullable: true })
  releasedAt: Date | null;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  /** smtp, or preview when no SMTP server is configured (development). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  transport: 'smtp' | 'preview' | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
