import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';

/** What a mentor of a lab can help with: help requests whose topic fits go to them first. */
@Entity({ name: 'mentor_topics' })
export class MentorTopicsEntity {
  @PrimaryColumn({ type: 'uuid', name: 'lab_id', primaryKeyConstraintName: 'mentor_topics_pkey' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'mentor_topics_lab_fkey' })
  labId: string;

  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'mentor_topics_pkey' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'mentor_topics_user_fkey' })
  userId: string;

  /** Lower-case topics. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topics: string[];

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
