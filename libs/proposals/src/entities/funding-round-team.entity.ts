import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { TeamEntity } from '@ideas-lab/workshop';
import { FundingRoundEntity } from './funding-round.entity.js';

/**
 * A team's standing in a funding round: invited (invite-only rounds) and any extension of
 * the deadline the organisers gave it.
 */
@Entity({ name: 'funding_round_teams' })
@Index('funding_round_teams_team_idx', ['teamId'])
export class FundingRoundTeamEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'round_id',
    primaryKeyConstraintName: 'funding_round_teams_pkey',
  })
  @ForeignKey(() => FundingRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'funding_round_teams_round_fkey',
  })
  roundId: string;

  @PrimaryColumn({
    type: 'uuid',
    name: 'team_id',
    primaryKeyConstraintName: 'funding_round_teams_pkey',
  })
  @ForeignKey(() => TeamEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'funding_round_teams_team_fkey',
  })
  teamId: string;

  @Column({ type: 'boolean', default: false })
  invited: boolean;

  @Column({ type: 'timestamptz', name: 'extension_until', nullable: true })
  extensionUntil: Date | null;

  @Column({ type: 'uuid', name: 'extension_granted_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'funding_round_teams_granted_by_fkey',
  })
  extensionGrantedBy: string | null;
}
