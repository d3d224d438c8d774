import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { FundingRoundEntity } from '@ideas-lab/proposals';

/**
 * How a funding round's proposals are reviewed: blind or not (teams never learn who reviewed;
 * in a blind review reviewers do not learn each other's names either), when the organisers
 * closed review (reviews no longer change) and released the comments to the teams.
 * `version` goes up with every change.
 */
@Entity({ name: 'proposal_review_rounds' })
export class ProposalReviewRoundEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'round_id',
    primaryKeyConstraintName: 'proposal_review_rounds_pkey',
  })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_review_rounds_round_fkey',
  })
  roundId: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_review_rounds_lab_fkey',
  })
  labId: string;

  @Column({ type: 'boolean', default: true })
  blind: boolean;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'comments_released_at', nullable: true })
  commentsReleasedAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'uuid', name: 'updated_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'proposal_review_rounds_updated_by_fkey',
  })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
