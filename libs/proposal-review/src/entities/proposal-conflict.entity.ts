import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { FundingRoundEntity, ProposalEntity } from '@ideas-lab/proposals';

/**
 * A conflict of interest a reviewer declared with one proposal, with their reason: the
 * assignment never gives it to them, and an assignment they had is withdrawn (or, once their
 * review was submitted, flagged).
 */
@Entity({ name: 'proposal_review_conflicts' })
@Index('proposal_review_conflicts_proposal_reviewer_key', ['proposalId', 'reviewerId'], {
  unique: true,
})
@Index('proposal_review_conflicts_round_idx', ['roundId'])
export class ProposalConflictEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'proposal_review_conflicts_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_review_conflicts_lab_fkey',
  })
  labId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_review_conflicts_round_fkey',
  })
  roundId: string;

  @Column({ type: 'uuid', name: 'proposal_id' })
  @ForeignKey(() => ProposalEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_review_conflicts_proposal_fkey',
  })
  proposalId: string;

  @Column({ type: 'uuid', name: 'reviewer_id' })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_review_conflicts_reviewer_fkey',
  })
  reviewerId: string;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
