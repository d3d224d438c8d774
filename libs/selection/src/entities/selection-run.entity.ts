import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { CohortApplicant, CohortQuotas, CohortSelection } from '@ideas-lab/domain';
import { LabEntity } from '@ideas-lab/labs';

/** Everything `selectCohort` was given, so that the run can be repeated exactly. */
export interface SelectionRunInputs {
  applicants: CohortApplicant[];
  quotas: CohortQuotas;
  capacity: number;
  lottery: { tolerance: number } | null;
  seed: string;
  /** Submitted applications left out because nobody has reviewed them yet. */
  unreviewedIds: string[];
}

/** One cohort selection run: its inputs, seed, solver status and result. */
@Entity({ name: 'selection_runs' })
@Index('selection_runs_lab_created_idx', ['labId', 'createdAt'])
@Index('selection_runs_one_adopted_per_lab_idx', ['labId'], {
  unique: true,
  where: '"adopted_at" IS NOT NULL',
})
export class SelectionRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'selection_runs_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'selection_runs_lab_fkey' })
  labId: string;

  @Column({ type: 'jsonb' })
  inputs: SelectionRunInputs;

  @Column({ type: 'text' })
  seed: string;

  /** optimal | feasible | infeasible | no-solution */
  @Column({ type: 'varchar', length: 20 })
  status: CohortSelection['status'];

  @Column({ type: 'text', name: 'solver_status' })
  solverStatus: string;

  /** What `selectCohort` answered. */
  @Column({ type: 'jsonb' })
  result: CohortSelection;

  @Column({ type: 'timestamptz', name: 'adopted_at', nullable: true })
  adoptedAt: Date | null;

  /** Set on adoption: days a waitlisted applicant promoted into a freed place has to answer. */
  @Column({ type: 'integer', name: 'promoted_confirm_days', nullable: true })
  promotedConfirmDays: number | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
