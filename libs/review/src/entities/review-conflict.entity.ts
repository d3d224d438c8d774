import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';

/** A conflict of interest a reviewer declared: with one applicant, or with a whole institution. */
@Entity({ name: 'review_conflicts' })
@Index('review_conflicts_lab_reviewer_idx', ['labId', 'reviewerId'])
@Check('review_conflicts_target_check', '("applicant_id" IS NULL) <> ("institution" IS NULL)')
export class ReviewConflictEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'review_conflicts_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'review_conflicts_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'reviewer_id' })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'review_conflicts_reviewer_fkey',
  })
  reviewerId: string;

  @Column({ type: 'uuid', name: 'applicant_id', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'review_conflicts_applicant_fkey',
  })
  applicantId: string | null;

  @Column({ type: 'text', nullable: true })
  institution: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
