import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AnswerValue, ApplicantProfile } from '@ideas-lab/domain';
import { ApplicationFormEntity } from './application-form.entity.js';
import { ApplicationEntity } from './application.entity.js';

export type ApplicationVersionKind = 'submitted' | 'edited';

/** The full content of an application as submitted, and after every later edit. */
@Entity({ name: 'application_versions' })
@Index('application_versions_application_version_key', ['applicationId', 'version'], {
  unique: true,
})
@Check('application_versions_kind_check', `"kind" IN ('submitted','edited')`)
export class ApplicationVersionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'application_versions_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'application_id' })
  @ForeignKey(() => ApplicationEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'application_versions_application_fkey',
  })
  applicationId: string;

  /** The application's version this content became. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  kind: ApplicationVersionKind;

  @Column({ type: 'uuid', name: 'form_id' })
  @ForeignKey(() => ApplicationFormEntity, 'id', { name: 'application_versions_form_fkey' })
  formId: string;

  @Column({ type: 'jsonb' })
  profile: ApplicantProfile;

  @Column({ type: 'jsonb' })
  answers: Record<string, AnswerValue>;

  @Column({ type: 'uuid', name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
