import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';

/**
 * What a participant told team formation: interest per shortlisted idea (0–3), people they
 * want to work with and people they would rather not (private: only they and the optimiser
 * read it), and the skills they bring.
 */
@Entity({ name: 'formation_interests' })
@Check('formation_interests_version_check', '"version" >= 1')
export class FormationInterestEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'lab_id',
    primaryKeyConstraintName: 'formation_interests_pkey',
  })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'formation_interests_lab_fkey' })
  labId: string;

  @PrimaryColumn({
    type: 'uuid',
    name: 'user_id',
    primaryKeyConstraintName: 'formation_interests_pkey',
  })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'formation_interests_user_fkey',
  })
  userId: string;

  /** Idea id → 0..3. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  ratings: Record<string, number>;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  wants: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  avoids: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  @Column({ type: 'integer', default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
