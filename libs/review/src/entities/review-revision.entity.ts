import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { ReviewAssignmentEntity } from './review-assignment.entity.js';

/**
 * One submission of an application review, as it was then. A reviewer may revise a submitted
 * review until review closes; each submission is kept here, none overwrites another.
 */
@Entity({ name: 'review_revisions' })
export class ReviewRevisionEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'assignment_id',
    primaryKeyConstraintName: 'review_revisions_pkey',
  })
  @ForeignKey(() => ReviewAssignmentEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'review_revisions_assignment_fkey',
  })
  assignmentId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'review_revisions_pkey' })
  revision: number;

  @Column({ type: 'jsonb' })
  scores: Record<string, number>;

  @Column({ type: 'text' })
  comment: string;

  @Column({ type: 'integer', name: 'rubric_version', nullable: true })
  rubricVersion: number | null;

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;
}
