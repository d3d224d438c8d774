import { CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { IdeaEntity } from './idea.entity.js';

/** A champion of an idea: one of the people who carry it and may edit it. */
@Entity({ name: 'idea_champions' })
@Index('idea_champions_user_idx', ['userId'])
export class IdeaChampionEntity {
  @PrimaryColumn({ type: 'uuid', name: 'idea_id', primaryKeyConstraintName: 'idea_champions_pkey' })
  @ForeignKey(() => IdeaEntity, 'id', { onDelete: 'CASCADE', name: 'idea_champions_idea_fkey' })
  ideaId: string;

  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'idea_champions_pkey' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'idea_champions_user_fkey' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'added_at' })
  addedAt: Date;
}
