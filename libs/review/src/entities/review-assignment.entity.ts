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
import { ApplicationEntity } from '@ideas-lab/applications';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';

export type ReviewStatus = 'assigned' | 'draft' | 'submitted';
export type AssignmentSource = 'auto' | 'manual';

/**
 * One reviewer assigned to one application, and the review they write: assigned (nothing
 * written yet) → draft (saved) → submitted (counts in the scores; revised by submitting again
 * until review closes, each submission kept).
 */
@Entity({ name: 'review_assignments' })
@Index('review_assignments_application_reviewer_key', ['applicationId', 'reviewerId'], {
  unique: true,
})
@Index('review_assignments_lab_reviewer_idx', ['labId', 'reviewerId'])
@Check('review_assignments_status_check', `"status" IN ('assigned','draft','submitted')`)
@Check('review_assignments_source_check', `"source" IN ('auto','manual')`)
export class ReviewAssignmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'review_assignments_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'review_assignments_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'application_id' })
  @ForeignKey(() => ApplicationEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'review_assignments_application_fkey',
  })
  applicationId: string;

  @Column({ type: 'uuid', name: 'reviewer_id' })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'review_assignments_reviewer_fkey',
  })
  reviewerId: string;

  @Column({ type: 'text', default: 'auto' })
  source: AssignmentSource;

  @Column({ type: 'text', default: 'assigned' })
  status: ReviewStatus;

  /** Score per rubric criterion id. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  scores: Record<string, number>;

  @Column({ type: 'text', default: '' })
  comment: string;

  /** The rubric version the review was last saved against. */
  @Column({ type: 'integer', name: 'rubric_version', nullable: true })
  rubricVersion: number | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  /** Submissions so far (each kept in review_revisions); 0 until the first. */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  @Column({ type: 'uuid', name: 'assigned_by', nullable: true })
  assignedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
