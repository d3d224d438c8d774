import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LabEntity } from '@ideas-lab/labs';
import type { FormationRules } from '../formation.contract.js';

/** A lab's team formation: open or not, and the organiser's rules for the optimiser. */
@Entity({ name: 'formation_settings' })
@Check('formation_settings_version_check', '"version" >= 1')
export class FormationSettingsEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'lab_id',
    primaryKeyConstraintName: 'formation_settings_pkey',
  })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'formation_settings_lab_fkey' })
  labId: string;

  /** Participants may state interests and join forming teams. */
  @Column({ type: 'boolean', default: false })
  open: boolean;

  @Column({ type: 'jsonb' })
  rules: FormationRules;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
