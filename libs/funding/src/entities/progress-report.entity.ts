import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { FundingRoundEntity } from '@ideas-lab/proposals';
import { TeamEntity } from '@ideas-lab/workshop';

/**
 * A progress report a funded team owes by a date (set by the organisers), and what the team
 * filed: a short form plus links. `version` goes up with every filing.
 */
@Entity({ name: 'progress_reports' })
@Index('progress_reports_round_team_due_key', ['roundId', 'teamId', 'dueAt'], { unique: true })
@Index('progress_reports_lab_idx', ['labId'])
export class ProgressReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'progress_reports_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'progress_reports_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'progress_reports_round_fkey',
  })
  roundId: string;

  @Column({ type: 'uuid', name: 'team_id' })
  @ForeignKey(() => TeamEntity, 'id', { onDelete: 'CASCADE', name: 'progress_reports_team_fkey' })
  teamId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text', default: '' })
  outcomes: string;

  @Column({ type: 'text', name: 'next_steps', default: '' })
  nextSteps: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  links: { label: string; url: string }[];

  @Column({ type: 'timestamptz', name: 'filed_at', nullable: true })
  filedAt: Date | null;

  @Column({ type: 'uuid', name: 'filed_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'progress_reports_filed_by_fkey',
  })
  filedBy: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'integer', default: 0 })
  reminders: number;

  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
