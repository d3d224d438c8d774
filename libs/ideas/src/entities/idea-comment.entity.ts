import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { IdeaEntity } from './idea.entity.js';

/**
 * A comment on an idea, or a reply to one (`parentId`). Mentors' comments are marked
 * (`byMentor`, as the author's role was when writing); champions mark a comment addressed.
 * Like revisions, `ideaId` follows merges and `originIdeaId` stays where it was written.
 */
@Entity({ name: 'idea_comments' })
@Index('idea_comments_idea_idx', ['ideaId', 'createdAt'])
@Index('idea_comments_origin_idx', ['originIdeaId', 'createdAt'])
export class IdeaCommentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'idea_comments_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'idea_id' })
  @ForeignKey(() => IdeaEntity, 'id', { onDelete: 'CASCADE', name: 'idea_comments_idea_fkey' })
  ideaId: string;

  @Column({ type: 'uuid', name: 'origin_idea_id' })
  @ForeignKey(() => IdeaEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'idea_comments_origin_idea_fkey',
  })
  originIdeaId: string;

  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  @ForeignKey(() => IdeaCommentEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'idea_comments_parent_fkey',
  })
  parentId: string | null;

  @Column({ type: 'uuid', name: 'author_id' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'idea_comments_author_fkey' })
  authorId: string;

  @Column({ type: 'boolean', name: 'by_mentor', default: false })
  byMentor: boolean;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'timestamptz', name: 'addressed_at', nullable: true })
  addressedAt: Date | null;

  @Column({ type: 'uuid', name: 'addressed_by', nullable: true })
  addressedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
