import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { PitchSlotEntity } from './pitch-slot.entity.js';

/**
 * A mentor's score of one pitch: rubric scores, a comment to the team (the team sees it once
 * the organisers release it) and a private note (the mentor's and the organisers', never the
 * team's). A draft while the pitch runs; locked once its slot closes.
 */
@Entity({ name: 'pitch_scores' })
@Index('pitch_scores_slot_mentor_key', ['slotId', 'mentorId'], { unique: true })
export class PitchScoreEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pitch_scores_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'slot_id' })
  @ForeignKey(() => PitchSlotEntity, 'id', { onDelete: 'CASCADE', name: 'pitch_scores_slot_fkey' })
  slotId: string;

  @Column({ type: 'uuid', name: 'mentor_id' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'pitch_scores_mentor_fkey' })
  mentorId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  scores: Record<string, number>;

  @Column({ type: 'text', name: 'comment_to_team', default: '' })
  commentToTeam: string;

  @Column({ type: 'text', name: 'private_note', default: '' })
  privateNote: string;

  @Column({ type: 'integer', default: 1 })
  version: number;

  /** When the organisers released the comment to the team; null: the team does not see it. */
  @Column({ type: 'timestamptz', name: 'released_at', nullable: true })
  releasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
