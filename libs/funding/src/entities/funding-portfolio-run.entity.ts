import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { FundingCandidate, FundingPortfolio, PortfolioRules } from '@ideas-lab/domain';
import { LabEntity } from '@ideas-lab/labs';
import { FundingRoundEntity } from '@ideas-lab/proposals';

/** Everything the optimiser was given (money in minor units), so the run can be solved again. */
export interface PortfolioRunInputs {
  proposals: FundingCandidate[];
  pool: number;
  awardCap: number;
  rules: PortfolioRules;
  /** The proposals the lottery drew among (their intervals straddled the line); null: no lottery. */
  lotteryBandIds: string[] | null;
  pitchWeight: number;
  /** Names at the time, for reading the run later. */
  teamNames: Record<string, string>;
  titles: Record<string, string>;
  currency: string;
}

/** One run of the portfolio optimiser for a funding round: inputs, seed, status and result. */
@Entity({ name: 'funding_portfolio_runs' })
@Index('funding_portfolio_runs_round_created_idx', ['roundId', 'createdAt'])
export class FundingPortfolioRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'funding_portfolio_runs_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'funding_portfolio_runs_lab_fkey',
  })
  labId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'funding_portfolio_runs_round_fkey',
  })
  roundId: string;

  @Column({ type: 'jsonb' })
  inputs: PortfolioRunInputs;

  @Column({ type: 'text' })
  seed: string;

  @Column({ type: 'varchar', length: 20 })
  status: string;

  @Column({ type: 'jsonb' })
  result: FundingPortfolio;

  @Column({ type: 'timestamptz', name: 'adopted_at', nullable: true })
  adoptedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
