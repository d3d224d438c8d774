import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LabEntity } from '@ideas-lab/labs';

/** One run of the automatic reviewer assignment: its inputs and its result, to explain and re-run it. */
@Entity({ name: 'review_assignment_runs' })
@Index('review_assignment_runs_lab_created_idx', ['labId', 'createdAt'])
export class ReviewAssignmentRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'review_assignment_runs_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'review_assignment_runs_lab_fkey',
  })
  labId: string;

  /** What `assignReviewers` was given: applications, reviewers, k, loads, conflicts, fixed pairs. */
  @Column({ type: 'jsonb' })
  inputs: Record<string, unknown>;

  /** Its answer: status, loads, spread, unfilled applications, problems and warnings. */
  @Column({ type: 'jsonb' })
  result: Record<string, unknown>;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
