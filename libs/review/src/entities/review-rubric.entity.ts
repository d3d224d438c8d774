import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ReviewCriterion } from '@ideas-lab/domain';
import { LabEntity } from '@ideas-lab/labs';

/** A lab's review rubric and review settings; `version` goes up with every change. */
@Entity({ name: 'review_rubrics' })
@Check('review_rubrics_version_check', '"version" >= 1')
export class ReviewRubricEntity {
  @PrimaryColumn({ type: 'uuid', name: 'lab_id', primaryKeyConstraintName: 'review_rubrics_pkey' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'review_rubrics_lab_fkey' })
  labId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  criteria: ReviewCriterion[];

  /** What the free comment should say, shown to reviewers. */
  @Column({ type: 'text', name: 'comment_prompt', default: '' })
  commentPrompt: string;

  /** The blind phase: reviewers see no name, institution, country, ORCID iD or links. */
  @Column({ type: 'boolean', default: false })
  blind: boolean;

  /** When an organiser closed review: no review is written or revised after it. */
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', name: 'closed_by', nullable: true })
  closedBy: string | null;

  @Column({ type: 'uuid', name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
