import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { FormQuestion } from '@ideas-lab/domain';
import { LabEntity } from '@ideas-lab/labs';

/**
 * One published version of a lab's application form. Versions are never changed: an
 * application points at the version it was submitted with.
 */
@Entity({ name: 'application_forms' })
@Index('application_forms_lab_version_key', ['labId', 'version'], { unique: true })
@Check('application_forms_version_check', '"version" >= 1')
export class ApplicationFormEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'application_forms_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'application_forms_lab_fkey' })
  labId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  questions: FormQuestion[];

  @Column({ type: 'uuid', name: 'published_by', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'published_at' })
  publishedAt: Date;
}
