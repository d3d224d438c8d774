import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { ReviewCriterion } from '@ideas-lab/domain';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { AgendaSessionEntity } from '@ideas-lab/workshop';

import type { PitchSessionState } from '../pitches.contract.js';

/**
 * The pitch part of an agenda session of kind `pitch`: its running order (pitch slots), the
 * short rubric mentors score on, and where the session stands. Keyed by the agenda session.
 */
@Entity({ name: 'pitch_sessions' })
@Index('pitch_sessions_lab_idx', ['labId'])
@Check('pitch_sessions_state_check', `"state" IN ('scheduled','running','ended')`)
export class PitchSessionEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'session_id',
    primaryKeyConstraintName: 'pitch_sessions_pkey',
  })
  @ForeignKey(() => AgendaSessionEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'pitch_sessions_session_fkey',
  })
  sessionId: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'pitch_sessions_lab_fkey' })
  labId: string;

  /** The rubric of this session's scores (the review rubric's shape). */
  @Column({ type: 'jsonb' })
  criteria: ReviewCriterion[];

  @Column({ type: 'text', default: 'scheduled' })
  state: PitchSessionState;

  /** The slot on stage now (or last); null before the start. */
  @Column({ type: 'uuid', name: 'current_slot_id', nullable: true })
  currentSlotId: string | null;

  /** Bumped by every change of the running order, times or rubric (409 on a stale edit). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', name: 'updated_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'pitch_sessions_updated_by_fkey',
  })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
