import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TeamEntity } from '@ideas-lab/workshop';
import { PitchSessionEntity } from './pitch-session.entity.js';

import type { PitchSlotPhase } from '../pitches.contract.js';

/** One team's turn in a pitch session: its place in the order and its pitch and question times. */
@Entity({ name: 'pitch_slots' })
@Index('pitch_slots_session_team_key', ['sessionId', 'teamId'], { unique: true })
// The pitch timer's poll (every 500 ms on every instance) reads only running slots by deadline.
@Index('pitch_slots_running_ends_at_idx', ['phaseEndsAt'], {
  where: `"phase" IN ('pitch','questions')`,
})
@Check('pitch_slots_phase_check', `"phase" IN ('waiting','pitch','questions','closed')`)
@Check('pitch_slots_times_check', '"pitch_seconds" > 0 AND "question_seconds" >= 0')
export class PitchSlotEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pitch_slots_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'session_id' })
  @ForeignKey(() => PitchSessionEntity, 'sessionId', {
    onDelete: 'CASCADE',
    name: 'pitch_slots_session_fkey',
  })
  sessionId: string;

  @Column({ type: 'uuid', name: 'team_id' })
  @ForeignKey(() => TeamEntity, 'id', { onDelete: 'CASCADE', name: 'pitch_slots_team_fkey' })
  teamId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'integer', name: 'pitch_seconds' })
  pitchSeconds: number;

  @Column({ type: 'integer', name: 'question_seconds' })
  questionSeconds: number;

  @Column({ type: 'text', default: 'waiting' })
  phase: PitchSlotPhase;

  /** When the running phase ends (server time); the timer moves the slot on then. */
  @Column({ type: 'timestamptz', name: 'phase_ends_at', nullable: true })
  phaseEndsAt: Date | null;

  /**
   * Bumped each time an organiser moves the running clock by hand: a move based on an older
   * clock is refused (409 PITCH_CLOCK_CONFLICT), so two organisers never lose each other's.
   */
  @Column({ type: 'integer', name: 'clock_version', default: 0 })
  clockVersion: number;

  /** Seconds the organisers added to (negative: took from) the running phase; 0 when it starts. */
  @Column({ type: 'integer', name: 'adjusted_seconds', default: 0 })
  adjustedSeconds: number;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;
}
