import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { LabPhase } from '@ideas-lab/domain';

export interface LabTaxonomy {
  disciplines: string[];
  careerStages: string[];
  organisationTypes: string[];
}

@Entity({ name: 'labs' })
@Index('labs_slug_key', ['slug'], { unique: true })
@Check('labs_capacity_check', '"capacity" > 0')
@Check('labs_team_size_check', '"team_size_min" >= 1 AND "team_size_min" <= "team_size_max"')
@Check(
  'labs_phase_check',
  `"phase" IN ('draft','applications_open','selection','workshop','proposals','review','decided','follow_up')`,
)
export class LabEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'labs_pkey' })
  id: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  theme: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Examples of expertise shown to applicants beside the keywords field ('' = none). */
  @Column({ type: 'text', name: 'expertise_examples', default: '' })
  expertiseExamples: string;

  @Column({ type: 'text', default: 'UTC' })
  timezone: string;

  @Column({ type: 'text', default: 'draft' })
  phase: LabPhase;

  @Column({ type: 'integer', default: 30 })
  capacity: number;

  @Column({ type: 'timestamptz', name: 'applications_open_at', nullable: true })
  applicationsOpenAt: Date | null;

  @Column({ type: 'timestamptz', name: 'applications_close_at', nullable: true })
  applicationsCloseAt: Date | null;

  @Column({ type: 'timestamptz', name: 'workshop_start_at', nullable: true })
  workshopStartAt: Date | null;

  @Column({ type: 'timestamptz', name: 'workshop_end_at', nullable: true })
  workshopEndAt: Date | null;

  @Column({ type: 'timestamptz', name: 'proposals_due_at', nullable: true })
  proposalsDueAt: Date | null;

  @Column({ type: 'jsonb' })
  taxonomy: LabTaxonomy;

  @Column({ type: 'integer', name: 'team_size_min', default: 3 })
  teamSizeMin: number;

  @Column({ type: 'integer', name: 'team_size_max', default: 6 })
  teamSizeMax: number;

  /** The seed-funding pool in minor units (cents) to keep money exact. */
  @Column({ type: 'bigint', name: 'funding_pool_minor', default: 0 })
  fundingPoolMinor: string;

  @Column({ type: 'char', length: 3, name: 'funding_currency', default: 'USD' })
  fundingCurrency: string;

  @VersionColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
