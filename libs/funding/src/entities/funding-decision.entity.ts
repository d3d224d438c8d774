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
import { TeamEntity } from '@ideas-lab/workshop';

export type FundingDecisionOutcome = 'funded' | 'not-funded';

/**
 * The organisers' decision on one proposal: funded with an amount, or not, with a written
 * rationale, and possibly an invitation to the next (invite-only) round. `version` goes up with
 * every change, so two organisers never overwrite each other silently.
 */
@Entity({ name: 'funding_decisions' })
@Index('funding_decisions_proposal_key', ['proposalId'], { unique: true })
@Index('funding_decisions_round_idx', ['roundId'])
@Check('funding_decisions_outcome_check', `"outcome" IN ('funded','not-funded')`)
@Check(
  'funding_decisions_amount_check',
  `("outcome" = 'funded') = ("amount_minor" IS NOT NULL) AND ("amount_minor" IS NULL OR "amount_minor" > 0)`,
)
export class FundingDecisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'funding_decisions_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'funding_decisions_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'funding_decisions_round_fkey',
  })
  roundId: string;

  @Column({ type: 'uuid', name: 'proposal_id' })
  @ForeignKey(() => ProposalEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'funding_decisions_proposal_fkey',
  })
  proposalId: string;

  @Column({ type: 'uuid', name: 'team_id' })
  @ForeignKey(() => TeamEntity, 'id', { onDelete: 'CASCADE', name: 'funding_decisions_team_fkey' })
  teamId: string;

  @Column({ type: 'varchar', length: 20 })
  outcome: FundingDecisionOutcome;

  /** The award in minor units (cents); null unless funded. */
  @Column({ type: 'bigint', name: 'amount_minor', nullable: true })
  amountMinor: string | null;

  @Column({ type: 'text' })
  rationale: string;

  /** The invite-only round the team is invited to (its invitation lives in libs/proposals). */
  @Column({ type: 'uuid', name: 'invited_round_id', nullable: true })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'funding_decisions_invited_round_fkey',
  })
  invitedRoundId: string | null;

  /** The portfolio run the decision was adopted from, if any. */
  @Column({ type: 'uuid', name: 'run_id', nullable: true })
  runId: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'funding_decisions_decided_by_fkey',
  })
  decidedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
