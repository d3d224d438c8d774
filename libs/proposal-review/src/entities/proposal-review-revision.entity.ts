import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { ProposalReviewEntity } from './proposal-review.entity.js';

/** One submission of a proposal review, as it was then: revisions never overwrite each other. */
@Entity({ name: 'proposal_review_revisions' })
export class ProposalReviewRevisionEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'review_id',
    primaryKeyConstraintName: 'proposal_review_revisions_pkey',
  })
  @ForeignKey(() => ProposalReviewEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_review_revisions_review_fkey',
  })
  reviewId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'proposal_review_revisions_pkey' })
  revision: number;

  @Column({ type: 'jsonb' })
  scores: Record<string, number>;

  @Column({ type: 'integer', nullable: true })
  confidence: number | null;

  @Column({ type: 'text', name: 'team_comment' })
  teamComment: string;

  @Column({ type: 'text', name: 'panel_comment' })
  panelComment: string;

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;
}
