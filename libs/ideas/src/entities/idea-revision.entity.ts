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
 * One revision of an idea, kept for ever. `originIdeaId` and `number` say where it was
 * written (revision 3 of idea A); `ideaId` is the idea whose history it belongs to now: a
 * merge carries the revisions of the merged ideas over to the result.
 */
@Entity({ name: 'idea_revisions' })
@Index('idea_revisions_origin_number_key', ['originIdeaId', 'number'], { unique: true })
@Index('idea_revisions_idea_idx', ['ideaId', 'createdAt'])
export class IdeaRevisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'idea_revisions_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'idea_id' })
  @ForeignKey(() => IdeaEntity, 'id', { onDelete: 'CASCADE', name: 'idea_revisions_idea_fkey' })
  ideaId: string;

  @Column({ type: 'uuid', name: 'origin_idea_id' })
  @ForeignKey(() => IdeaEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'idea_revisions_origin_idea_fkey',
  })
  originIdeaId: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text', name: 'challenge_area' })
  challengeArea: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tags: string[];

  @Column({ type: 'jsonb', name: 'disciplines_needed', default: () => "'[]'" })
  disciplinesNeeded: string[];

  /** Why it changed, in the author's words (optional). */
  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'uuid', name: 'author_id' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'idea_revisions_author_fkey' })
  authorId: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
