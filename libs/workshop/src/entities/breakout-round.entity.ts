import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AgendaSessionEntity } from './agenda-session.entity.js';
import { BreakoutPlanEntity } from './breakout-plan.entity.js';

export type BreakoutRoundState = 'planned' | 'open' | 'closed';
/** assigned: organisers (or an adopted plan) seat people; self-select: participants pick a room. */
export type BreakoutRoundMode = 'assigned' | 'self-select';

/** One round of a breakout session: everyone is in one room for `durationMinutes`. */
@Entity({ name: 'breakout_rounds' })
@Index('breakout_rounds_session_index_key', ['sessionId', 'index'], { unique: true })
// The round timer's poll (every 500 ms on every instance) looks only at open rounds by deadline.
@Index('breakout_rounds_open_ends_at_idx', ['endsAt'], { where: `"state" = 'open'` })
@Check('breakout_rounds_state_check', `"state" IN ('planned','open','closed')`)
@Check('breakout_rounds_mode_check', `"mode" IN ('assigned','self-select')`)
@Check('breakout_rounds_duration_check', '"duration_minutes" > 0')
export class BreakoutRoundEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'breakout_rounds_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'session_id' })
  @ForeignKey(() => AgendaSessionEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'breakout_rounds_session_fkey',
  })
  sessionId: string;

  @Column({ type: 'integer' })
  index: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'integer', name: 'duration_minutes' })
  durationMinutes: number;

  @Column({ type: 'text', default: 'planned' })
  state: BreakoutRoundState;

  @Column({ type: 'text', default: 'assigned' })
  mode: BreakoutRoundMode;

  @Column({ type: 'uuid', name: 'plan_id', nullable: true })
  @ForeignKey(() => BreakoutPlanEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'breakout_rounds_plan_fkey',
  })
  planId: string | null;

  // Timer columns written by BreakoutRoundsService (server-authoritative deadline, once-only warnings).
  @Column({ type: 'timestamptz', name: 'ends_at', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'timestamptz', name: 'warned_5_at', nullable: true })
  warned5At: Date | null;

  @Column({ type: 'timestamptz', name: 'warned_1_at', nullable: true })
  warned1At: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
