import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { FundingRoundEntity, ProposalEntity } from '@ideas-lab/proposals';

export type ProposalReviewState = 'assigned' | 'draft' | 'submitted';
export type ProposalReviewSource = 'auto' | 'manual';

/**
 * One mentor assigned to one proposal, and the review they write on it: assigned → draft →
 * submitted, revisable (each submission kept as a revision) until the organisers close review.
 */
@Entity({ name: 'proposal_reviews' })
@Index('proposal_reviews_proposal_reviewer_key', ['proposalId', 'reviewerId'], { unique: true })
@Index('proposal_reviews_round_reviewer_idx', ['roundId', 'reviewerId'])
@Check('proposal_reviews_status_check', `"status" IN ('assigned','draft','submitted')`)
@Check('proposal_reviews_source_check', `"source" IN ('auto','manual')`)
@Check(
  'proposal_reviews_confidence_check',
  `"confidence" IS NULL OR ("confidence" >= 1 AND "confidence" <= 5)`,
)
export class ProposalReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'proposal_reviews_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'proposal_reviews_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_reviews_round_fkey',
  })
  roundId: string;

  @Column({ type: 'uuid', name: 'proposal_id' })
  @ForeignKey(() => ProposalEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_reviews_proposal_fkey',
  })
  proposalId: string;

  @Column({ type: 'uuid', name: 'reviewer_id' })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_reviews_reviewer_fkey',
  })
  reviewerId: string;

  @Column({ type: 'text', default: 'auto' })
  source: ProposalReviewSource;

  @Column({ type: 'text', default: 'assigned' })
  status: ProposalReviewState;

  /** Score per criterion id of the round's rubric. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  scores: Record<string, number>;

  /** How sure the reviewer is, 1 (not at all) to 5 (expert in this area). */
  @Column({ type: 'integer', nullable: true })
  confidence: number | null;

  /** Shown to the team once the organisers release the comments. */
  @Column({ type: 'text', name: 'team_comment', default: '' })
  teamComment: string;

  /** For the panel (other reviewers, organisers): never shown to the team. */
  @Column({ type: 'text', name: 'panel_comment', default: '' })
  panelComment: string;

  /** Submissions so far; each is kept in proposal_review_revisions. */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', name: 'assigned_by', nullable: true })
  assignedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
