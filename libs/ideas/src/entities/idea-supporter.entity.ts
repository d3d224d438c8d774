import { CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { IdeaEntity } from './idea.entity.js';

/** Someone who would work on an idea ("I'd work on this"). */
@Entity({ name: 'idea_supporters' })
@Index('idea_supporters_user_idx', ['userId'])
export class IdeaSupporterEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'idea_id',
    primaryKeyConstraintName: 'idea_supporters_pkey',
  })
  @ForeignKey(() => IdeaEntity, 'id', { onDelete: 'CASCADE', name: 'idea_supporters_idea_fkey' })
  ideaId: string;

  @PrimaryColumn({
    type: 'uuid',
    name: 'user_id',
    primaryKeyConstraintName: 'idea_supporters_pkey',
  })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'idea_supporters_user_fkey' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
