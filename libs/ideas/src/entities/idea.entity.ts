import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { IdeaThemeEntity } from './idea-theme.entity.js';

export type IdeaStatus = 'active' | 'archived' | 'merged';

/**
 * An idea on a lab's board, as its latest revision says. `version` is the number of that
 * revision: an edit names the version it was made on and is refused when it is stale.
 * A merged idea stays readable and points to the idea it became part of (`mergedInto`).
 */
@Entity({ name: 'ideas' })
@Index('ideas_lab_status_idx', ['labId', 'status'])
@Check('ideas_status_check', `"status" IN ('active','archived','merged')`)
@Check('ideas_merged_into_check', `("status" = 'merged') = ("merged_into" IS NOT NULL)`)
@Check('ideas_version_check', '"version" >= 1')
export class IdeaEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'ideas_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'ideas_lab_fkey' })
  labId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  /** The part of the lab's challenge it addresses. */
  @Column({ type: 'text', name: 'challenge_area' })
  challengeArea: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tags: string[];

  @Column({ type: 'jsonb', name: 'disciplines_needed', default: () => "'[]'" })
  disciplinesNeeded: string[];

  @Column({ type: 'text', default: 'active' })
  status: IdeaStatus;

  @Column({ type: 'uuid', name: 'merged_into', nullable: true })
  @ForeignKey(() => IdeaEntity, 'id', { onDelete: 'NO ACTION', name: 'ideas_merged_into_fkey' })
  mergedInto: string | null;

  @Column({ type: 'uuid', name: 'theme_id', nullable: true })
  @ForeignKey(() => IdeaThemeEntity, 'id', { onDelete: 'SET NULL', name: 'ideas_theme_fkey' })
  themeId: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'ideas_created_by_fkey' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
