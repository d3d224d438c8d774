import {
  Check,
  Column,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { IdeaEntity } from './idea.entity.js';

export type VotingBallot = 'participants' | 'mentors';

/**
 * A timeboxed dot vote on a lab's active ideas: each voter has `dotBudget` dots, at most
 * `perIdeaCap` on one idea; participants and mentors vote on separate ballots. The server
 * closes it at `endsAt` (exactly once, whichever instance gets there) unless an organiser
 * closed it first. At most one session of a lab is open at a time.
 */
@Entity({ name: 'voting_sessions' })
@Index('voting_sessions_one_open_per_lab_key', ['labId'], {
  unique: true,
  where: '"closed_at" IS NULL',
})
@Index('voting_sessions_open_ends_at_idx', ['endsAt'], { where: '"closed_at" IS NULL' })
@Check('voting_sessions_budget_check', '"dot_budget" BETWEEN 1 AND 100')
@Check('voting_sessions_cap_check', '"per_idea_cap" BETWEEN 1 AND "dot_budget"')
@Check(
  'voting_sessions_closed_by_check',
  `"closed_by" IS NULL OR "closed_by" IN ('organiser','timer')`,
)
export class VotingSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'voting_sessions_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'voting_sessions_lab_fkey' })
  labId: string;

  @Column({ type: 'text', default: '' })
  title: string;

  @Column({ type: 'integer', name: 'dot_budget' })
  dotBudget: number;

  @Column({ type: 'integer', name: 'per_idea_cap' })
  perIdeaCap: number;

  @Column({ type: 'boolean', default: false })
  blind: boolean;

  /** The ballots this session holds: participants', mentors' or both. */
  @Column({ type: 'jsonb' })
  ballots: VotingBallot[];

  @Column({ type: 'timestamptz', name: 'opened_at', default: () => 'now()' })
  openedAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt: Date;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', name: 'closed_by', nullable: true })
  closedBy: 'organiser' | 'timer' | null;

  @Column({ type: 'uuid', name: 'opened_by' })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'voting_sessions_opened_by_fkey',
  })
  openedBy: string;
}

/** One voter's ballot in a session: the dots they have placed, under a row lock per change. */
@Entity({ name: 'voting_ballots' })
@Check('voting_ballots_ballot_check', `"ballot" IN ('participants','mentors')`)
@Check('voting_ballots_dots_used_check', '"dots_used" >= 0')
export class VotingBallotEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'session_id',
    primaryKeyConstraintName: 'voting_ballots_pkey',
  })
  @ForeignKey(() => VotingSessionEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'voting_ballots_session_fkey',
  })
  sessionId: string;

  @PrimaryColumn({
    type: 'uuid',
    name: 'voter_id',
    primaryKeyConstraintName: 'voting_ballots_pkey',
  })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'voting_ballots_voter_fkey' })
  voterId: string;

  @Column({ type: 'text' })
  ballot: VotingBallot;

  @Column({ type: 'integer', name: 'dots_used', default: 0 })
  dotsUsed: number;
}

/** The dots one voter placed on one idea. */
@Entity({ name: 'voting_dots' })
@Index('voting_dots_session_idea_idx', ['sessionId', 'ideaId'])
@Check('voting_dots_dots_check', '"dots" >= 0')
export class VotingDotsEntity {
  @PrimaryColumn({ type: 'uuid', name: 'session_id', primaryKeyConstraintName: 'voting_dots_pkey' })
  @ForeignKey(() => VotingSessionEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'voting_dots_session_fkey',
  })
  sessionId: string;

  @PrimaryColumn({ type: 'uuid', name: 'voter_id', primaryKeyConstraintName: 'voting_dots_pkey' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'voting_dots_voter_fkey' })
  voterId: string;

  @PrimaryColumn({ type: 'uuid', name: 'idea_id', primaryKeyConstraintName: 'voting_dots_pkey' })
  @ForeignKey(() => IdeaEntity, 'id', { onDelete: 'CASCADE', name: 'voting_dots_idea_fkey' })
  ideaId: string;

  @Column({ type: 'integer', default: 0 })
  dots: number;
}
