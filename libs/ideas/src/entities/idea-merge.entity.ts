import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { IdeaEntity } from './idea.entity.js';

export type IdeaMergeState = 'open' | 'merged' | 'declined' | 'withdrawn';

/**
 * A merge of ideas into one (`targetIdeaId` is the result; `sourceIdeaIds` are merged into
 * it). Organisers merge at once; champions propose, and the merge happens when every
 * champion of every idea involved has accepted (one declining ends the proposal).
 */
@Entity({ name: 'idea_merges' })
@Index('idea_merges_lab_state_idx', ['labId', 'state'])
@Check('idea_merges_state_check', `"state" IN ('open','merged','declined','withdrawn')`)
export class IdeaMergeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'idea_merges_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'idea_merges_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'target_idea_id' })
  @ForeignKey(() => IdeaEntity, 'id', { onDelete: 'CASCADE', name: 'idea_merges_target_fkey' })
  targetIdeaId: string;

  @Column({ type: 'jsonb', name: 'source_idea_ids' })
  sourceIdeaIds: string[];

  @Column({ type: 'text', default: 'open' })
  state: IdeaMergeState;

  @Column({ type: 'uuid', name: 'proposed_by' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'idea_merges_proposed_by_fkey' })
  proposedBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}

/** A champion's answer to a merge proposal. */
@Entity({ name: 'idea_merge_answers' })
@Check('idea_merge_answers_answer_check', `"answer" IN ('accept','decline')`)
export class IdeaMergeAnswerEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'merge_id',
    primaryKeyConstraintName: 'idea_merge_answers_pkey',
  })
  @ForeignKey(() => IdeaMergeEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'idea_merge_answers_merge_fkey',
  })
  mergeId: string;

  @PrimaryColumn({
    type: 'uuid',
    name: 'user_id',
    primaryKeyConstraintName: 'idea_merge_answers_pkey',
  })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'idea_merge_answers_user_fkey' })
  userId: string;

  @Column({ type: 'text' })
  answer: 'accept' | 'decline';

  @CreateDateColumn({ type: 'timestamptz', name: 'answered_at' })
  answeredAt: Date;
}
