import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { LabEntity } from '@ideas-lab/labs';
import { IdeaEntity } from './idea.entity.js';

/** An idea the organisers shortlisted, at its place in the lab's ordered shortlist (1 first). */
@Entity({ name: 'idea_shortlist' })
@Index('idea_shortlist_lab_position_key', ['labId', 'position'], { unique: true })
export class IdeaShortlistEntryEntity {
  @PrimaryColumn({ type: 'uuid', name: 'lab_id', primaryKeyConstraintName: 'idea_shortlist_pkey' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'idea_shortlist_lab_fkey' })
  labId: string;

  @PrimaryColumn({ type: 'uuid', name: 'idea_id', primaryKeyConstraintName: 'idea_shortlist_pkey' })
  @ForeignKey(() => IdeaEntity, 'id', { onDelete: 'CASCADE', name: 'idea_shortlist_idea_fkey' })
  ideaId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'uuid', name: 'added_by', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'added_at' })
  addedAt: Date;
}
