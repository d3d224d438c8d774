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
import { ApplicationEntity } from '@ideas-lab/applications';
import { LabEntity } from '@ideas-lab/labs';
import { SelectionRunEntity } from './selection-run.entity.js';

export type DecisionOutcome = 'accepted' | 'waitlisted' | 'declined';
/** An accepted applicant's answer: still to answer, confirmed, declined, or the date passed. */
export type DecisionResponse = 'pending' | 'confirmed' | 'declined' | 'expired';

/** How a place freed by a decline or a missed date was filled. */
export interface DecisionPromotion {
  at: string;
  /** The applications whose places were freed. */
  freedBy: string[];
  /** Who plain "next in line" would have promoted. */
  nextInLineIds: string[];
  explanation: string[];
}

/** The outcome of one application under the adopted selection run. */
@Entity({ name: 'selection_decisions' })
@Unique('selection_decisions_lab_application_key', ['labId', 'applicationId'])
@Index('selection_decisions_applicant_idx', ['applicantId'])
@Check('selection_decisions_outcome_check', `"outcome" IN ('accepted','waitlisted','declined')`)
@Check(
  'selection_decisions_response_check',
  `"response" IS NULL OR "response" IN ('pending','confirmed','declined','expired')`,
)
export class SelectionDecisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'selection_decisions_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'selection_decisions_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'run_id' })
  @ForeignKey(() => SelectionRunEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'selection_decisions_run_fkey',
  })
  runId: string;

  @Column({ type: 'uuid', name: 'application_id' })
  @ForeignKey(() => ApplicationEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'selection_decisions_application_fkey',
  })
  applicationId: string;

  @Column({ type: 'uuid', name: 'applicant_id' })
  applicantId: string;

  @Column({ type: 'varchar', length: 20 })
  outcome: DecisionOutcome;

  /** 1 = first on the waitlist; null when not waitlisted. */
  @Column({ type: 'integer', name: 'waitlist_rank', nullable: true })
  waitlistRank: number | null;

  /** Set for accepted applicants only. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  response: DecisionResponse | null;

  @Column({ type: 'timestamptz', name: 'confirm_by', nullable: true })
  confirmBy: Date | null;

  @Column({ type: 'timestamptz', name: 'responded_at', nullable: true })
  respondedAt: Date | null;

  /** Set when the place came from the waitlist. */
  @Column({ type: 'jsonb', nullable: true })
  promotion: DecisionPromotion | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
