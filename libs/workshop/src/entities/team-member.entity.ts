import { Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { TeamEntity } from './team.entity.js';

/** Someone on a team. */
@Entity({ name: 'team_members' })
@Index('team_members_user_idx', ['userId'])
export class TeamMemberEntity {
  @PrimaryColumn({ type: 'uuid', name: 'team_id', primaryKeyConstraintName: 'team_members_pkey' })
  @ForeignKey(() => TeamEntity, 'id', { onDelete: 'CASCADE', name: 'team_members_team_fkey' })
  teamId: string;

  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'team_members_pkey' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'team_members_user_fkey' })
  userId: string;
}
