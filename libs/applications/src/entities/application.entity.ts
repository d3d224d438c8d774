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
import type { AnswerValue, ApplicantProfile, ApplicationStatus } from '@ideas-lab/domain';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { ApplicationFormEntity } from './application-form.entity.js';

/** One person's application to one lab: their profile and their answers to the form. */
@Entity({ name: 'applications' })
@Index('applications_lab_applicant_key', ['labId', 'applicantId'], { unique: true })
@Index('applications_applicant_idx', ['applicantId'])
@Check('applications_status_check', `"status" IN ('draft','submitted','withdrawn')`)
@Check('applications_version_check', '"version" >= 1')
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'applications_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'applications_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'applicant_id' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'applications_applicant_fkey' })
  applicantId: string;

  /** The form version the answers belong to: the current one while a draft, frozen at submission. */
  @Column({ type: 'uuid', name: 'form_id' })
  @ForeignKey(() => ApplicationFormEntity, 'id', { name: 'applications_form_fkey' })
  formId: string;

  @Column({ type: 'text', default: 'draft' })
  status: ApplicationStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  profile: ApplicantProfile;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  answers: Record<string, AnswerValue>;

  /** Bumped by every change of the content; edits name the version they started from. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  /** A personal deadline an organiser granted, later than the lab's. */
  @Column({ type: 'timestamptz', name: 'extension_until', nullable: true })
  extensionUntil: Date | null;

  @Column({ type: 'uuid', name: 'extension_granted_by', nullable: true })
  extensionGrantedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
