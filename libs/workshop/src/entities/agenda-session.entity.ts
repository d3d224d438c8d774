import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { AgendaSessionKind, AgendaSessionState } from '@ideas-lab/domain';
import { LabEntity } from '@ideas-lab/labs';

export interface SessionMaterial {
  title: string;
  url: string;
}

/** One session of a lab's workshop agenda; times are stored in UTC. */
@Entity({ name: 'agenda_sessions' })
@Index('agenda_sessions_lab_starts_idx', ['labId', 'startsAt'])
@Check('agenda_sessions_kind_check', `"kind" IN ('plenary','breakout','ideation','pitch')`)
@Check('agenda_sessions_state_check', `"state" IN ('scheduled','live','ended')`)
@Check('agenda_sessions_times_check', '"starts_at" < "ends_at"')
export class AgendaSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'agenda_sessions_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'agenda_sessions_lab_fkey' })
  labId: string;

  @Column({ type: 'text' })
  kind: AgendaSessionKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt: Date;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  materials: SessionMaterial[];

  @Column({ type: 'text', name: 'meeting_url', nullable: true })
  meetingUrl: string | null;

  @Column({ type: 'text', default: 'scheduled' })
  state: AgendaSessionState;

  @VersionColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
