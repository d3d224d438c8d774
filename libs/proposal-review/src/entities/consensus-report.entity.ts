import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { ProposalEntity } from '@ideas-lab/proposals';

export type Recommendation = 'fund' | 'fund-with-changes' | 'do-not-fund';

/**
 * A proposal's consensus report: the lead reviewer the organisers picked writes the panel's
 * view and a recommendation. Saves name the version they were based on (409 otherwise).
 */
@Entity({ name: 'proposal_consensus_reports' })
@Check(
  'proposal_consensus_reports_recommendation_check',
  `"recommendation" IS NULL OR "recommendation" IN ('fund','fund-with-changes','do-not-fund')`,
)
export class ConsensusReportEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'proposal_id',
    primaryKeyConstraintName: 'proposal_consensus_reports_pkey',
  })
  @ForeignKey(() => ProposalEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_consensus_reports_proposal_fkey',
  })
  proposalId: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_consensus_reports_lab_fkey',
  })
  labId: string;

  @Column({ type: 'uuid', name: 'lead_reviewer_id' })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_consensus_reports_lead_fkey',
  })
  leadReviewerId: string;

  @Column({ type: 'text', nullable: true })
  recommendation: Recommendation | null;

  @Column({ type: 'text', default: '' })
  summary: string;

  /** 0 until the lead first saves it. */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ type: 'uuid', name: 'updated_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'proposal_consensus_reports_updated_by_fkey',
  })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
