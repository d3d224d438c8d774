import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AgendaSessionEntity } from './agenda-session.entity.js';

/** What the planner was asked: enough, with the seed, to run it again and get the same plan. */
export interface BreakoutPlanInputs {
  rounds: number;
  roomSize: number;
  minDisciplinesPerRoom: number;
  roundMinutes: number;
  neverAloneCareerStages: string[];
  participants: { id: string; discipline: string; careerStage?: string }[];
  mentors: { id: string }[];
  heldRounds: { rooms: { participantIds: string[]; mentorId?: string }[] }[];
}

export interface BreakoutPlanResult {
  rounds: { rooms: { participantIds: string[]; mentorId?: string }[] }[];
  roomSizes: number[];
  metrics: Record<string, unknown>;
  iterationsUsed: number;
  start: string;
  /** The construction behind the repeat-free rounds (plans made before it was kept: absent). */
  design?: string | null;
  /** Why the search stopped: 'optimum', 'iterations' or 'time-limit'. */
  stoppedBy?: string;
}

/** One run of the rotation planner over a breakout session; several may be kept, one adopted. */
@Entity({ name: 'breakout_plans' })
@Index('breakout_plans_session_idx', ['sessionId'])
export class BreakoutPlanEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'breakout_plans_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'session_id' })
  @ForeignKey(() => AgendaSessionEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'breakout_plans_session_fkey',
  })
  sessionId: string;

  @Column({ type: 'jsonb' })
  inputs: BreakoutPlanInputs;

  @Column({ type: 'text' })
  seed: string;

  @Column({ type: 'jsonb' })
  result: BreakoutPlanResult;

  @Column({ type: 'integer', name: 'pairs_met' })
  pairsMet: number;

  @Column({ type: 'integer' })
  repeats: number;

  @Column({ type: 'timestamptz', name: 'adopted_at', nullable: true })
  adoptedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
