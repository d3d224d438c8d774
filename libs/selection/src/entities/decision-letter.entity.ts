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
import { SelectionDecisionEntity } from './selection-decision.entity.js';

/** draft: in the outbox, editable; sent: delivered (or previewed without SMTP); failed: to retry. */
export type LetterStatus = 'draft' | 'sent' | 'failed';

/** One decision letter in the lab's outbox. */
@Entity({ name: 'decision_letters' })
@Unique('decision_letters_decision_key', ['decisionId'])
@Index('decision_letters_lab_status_idx', ['labId', 'status'])
@Check('decision_letters_status_check', `"status" IN ('draft','sent','failed')`)
export class DecisionLetterEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'decision_letters_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'decision_letters_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'decision_id' })
  @ForeignKey(() => SelectionDecisionEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'decision_letters_decision_fkey',
  })
  decisionId: string;

  @Column({ type: 'varchar', length: 20 })
  outcome: DecisionOutcome;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 20 })
  status: LetterStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

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
