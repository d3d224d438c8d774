import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LabEntity } from '@ideas-lab/labs';
import { TeamEntity } from '@ideas-lab/workshop';
import { FundingRoundEntity } from './funding-round.entity.js';

/**
 * A team's proposal to a funding round (one per team and round). Its content lives in its
 * versions; `version` is the latest, and a save names the version it was based on, so a
 * save over someone else's is refused instead of overwriting it.
 */
@Entity({ name: 'proposals' })
@Index('proposals_round_team_key', ['roundId', 'teamId'], { unique: true })
@Index('proposals_lab_idx', ['labId'])
@Check('proposals_version_check', `"version" >= 0`)
@Check(
  'proposals_submitted_version_check',
  `"submitted_version" IS NULL OR ("submitted_version" >= 1 AND "submitted_version" <= "version")`,
)
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'proposals_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'proposals_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => FundingRoundEntity, 'id', { onDelete: 'CASCADE', name: 'proposals_round_fkey' })
  roundId: string;

  @Column({ type: 'uuid', name: 'team_id' })
  @ForeignKey(() => TeamEntity, 'id', { onDelete: 'CASCADE', name: 'proposals_team_fkey' })
  teamId: string;

  /** The latest version (0 until the first save). */
  @Column({ type: 'integer', default: 0 })
  version: number;

  /** The version the team last submitted; reviewers and mentors read this one. */
  @Column({ type: 'integer', name: 'submitted_version', nullable: true })
  submittedVersion: number | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  /** The proposal of an earlier round this one started from (invite-only rounds). */
  @Column({ type: 'uuid', name: 'started_from_proposal_id', nullable: true })
  @ForeignKey(() => ProposalEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'proposals_started_from_fkey',
  })
  startedFromProposalId: string | null;

  @Column({ type: 'integer', name: 'started_from_version', nullable: true })
  startedFromVersion: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
