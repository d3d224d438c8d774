import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';

/** What review needs to know about a reviewer of a lab: their institution and expertise. */
@Entity({ name: 'reviewer_profiles' })
export class ReviewerProfileEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'lab_id',
    primaryKeyConstraintName: 'reviewer_profiles_pkey',
  })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'reviewer_profiles_lab_fkey' })
  labId: string;

  @PrimaryColumn({
    type: 'uuid',
    name: 'user_id',
    primaryKeyConstraintName: 'reviewer_profiles_pkey',
  })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'reviewer_profiles_user_fkey' })
  userId: string;

  /** Applications from this institution are conflicts of interest for the reviewer. */
  @Column({ type: 'text', default: '' })
  institution: string;

  /**
   * Expertise tags (`clinical`, `computational`, a discipline of the lab): proposal review
   * assignment covers each proposal with them where it can.
   */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  expertise: string[];

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
