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
import type { ProposalSectionSetting, ReviewCriterion } from '@ideas-lab/domain';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';

export type FundingRoundAccess = 'open' | 'invite-only';

/**
 * A lab's call for seed-funding proposals: the pool, the most one award may be, the deadline
 * and what a proposal must hold. An invite-only round names the teams it invites (usually
 * from the round before it); `version` goes up with every change of its settings.
 */
@Entity({ name: 'funding_rounds' })
@Index('funding_rounds_lab_name_key', ['labId', 'name'], { unique: true })
@Check('funding_rounds_access_check', `"access" IN ('open','invite-only')`)
@Check('funding_rounds_money_check', `"pool_minor" >= 0 AND "award_cap_minor" > 0`)
export class FundingRoundEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'funding_rounds_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'funding_rounds_lab_fkey' })
  labId: string;

  @Column({ type: 'text' })
  name: string;

  /** Money in minor units (cents), exact. */
  @Column({ type: 'bigint', name: 'pool_minor' })
  poolMinor: string;

  @Column({ type: 'bigint', name: 'award_cap_minor' })
  awardCapMinor: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'timestamptz', name: 'proposals_due_at' })
  proposalsDueAt: Date;

  /** The criteria reviewers score proposals on (the review rubric's shape). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  rubric: ReviewCriterion[];

  /** The written sections the round asks for, with guidance and word limits. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  sections: ProposalSectionSetting[];

  @Column({ type: 'text', default: 'open' })
  access: FundingRoundAccess;

  /** The round an invite-only round follows: invited teams start from their proposal there. */
  @Column({ type: 'uuid', name: 'previous_round_id', nullable: true })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'funding_rounds_previous_round_fkey',
  })
  previousRoundId: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'funding_rounds_created_by_fkey',
  })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
