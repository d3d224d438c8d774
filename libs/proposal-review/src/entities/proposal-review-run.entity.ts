import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LabEntity } from '@ideas-lab/labs';
import { FundingRoundEntity } from '@ideas-lab/proposals';

/** One run of the automatic assignment of mentors to a round's proposals: inputs, seed, status, result. */
@Entity({ name: 'proposal_review_runs' })
@Index('proposal_review_runs_round_created_idx', ['roundId', 'createdAt'])
export class ProposalReviewRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'proposal_review_runs_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'proposal_review_runs_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_review_runs_round_fkey',
  })
  roundId: string;

  /** What `assignReviewers` was given. */
  @Column({ type: 'jsonb' })
  inputs: Record<string, unknown>;

  @Column({ type: 'text' })
  seed: string;

  /** The solver's status (`Optimal`, `Time limit reached` …). */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'jsonb' })
  result: Record<string, unknown>;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
