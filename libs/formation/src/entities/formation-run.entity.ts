import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { TeamFormationInput, TeamFormationResult } from '@ideas-lab/domain';
import { LabEntity } from '@ideas-lab/labs';
import type { FormationRules } from '../formation.contract.js';

/** Everything `formTeams` was given (so the run can be repeated), and the rules as edited. */
export interface FormationRunInputs {
  formation: Omit<TeamFormationInput, 'timeLimit' | 'solver'>;
  rules: FormationRules;
  /** Idea titles and people's names at the time, for reading the run later. */
  ideaTitles: Record<string, string>;
  names: Record<string, string>;
  /** Fingerprint of the locked and confirmed teams the run kept: adoption checks it. */
  locksFingerprint: string;
}

/** One run of the team optimiser: inputs, seed, solver status and result. */
@Entity({ name: 'formation_runs' })
@Index('formation_runs_lab_created_idx', ['labId', 'createdAt'])
export class FormationRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'formation_runs_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'formation_runs_lab_fkey' })
  labId: string;

  @Column({ type: 'jsonb' })
  inputs: FormationRunInputs;

  @Column({ type: 'text' })
  seed: string;

  /** optimal | feasible | infeasible | no-solution */
  @Column({ type: 'varchar', length: 20 })
  status: TeamFormationResult['status'];

  @Column({ type: 'text', name: 'solver_status' })
  solverStatus: string;

  @Column({ type: 'jsonb' })
  result: TeamFormationResult;

  @Column({ type: 'timestamptz', name: 'adopted_at', nullable: true })
  adoptedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
