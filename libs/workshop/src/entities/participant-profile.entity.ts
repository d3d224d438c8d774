import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';

/**
 * What the breakout planner knows about a participant of a lab: discipline and career stage.
 * Organisers fill it for now; the applications feature may fill it from accepted applications.
 */
@Entity({ name: 'participant_profiles' })
export class ParticipantProfileEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'lab_id',
    primaryKeyConstraintName: 'participant_profiles_pkey',
  })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'participant_profiles_lab_fkey' })
  labId: string;

  @PrimaryColumn({
    type: 'uuid',
    name: 'user_id',
    primaryKeyConstraintName: 'participant_profiles_pkey',
  })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'participant_profiles_user_fkey',
  })
  userId: string;

  @Column({ type: 'text' })
  discipline: string;

  @Column({ type: 'text', name: 'career_stage', nullable: true })
  careerStage: string | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
