import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LabEntity } from '@ideas-lab/labs';

/**
 * A lab's workshop settings: the video link template that gives every breakout room without
 * a link of its own a call (`https://meet.jit.si/{lab}-{room}`). Versioned, so two organisers
 * editing it at once do not overwrite each other.
 */
@Entity({ name: 'workshop_settings' })
export class WorkshopSettingsEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'lab_id',
    primaryKeyConstraintName: 'workshop_settings_pkey',
  })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'workshop_settings_lab_fkey' })
  labId: string;

  @Column({ type: 'text', name: 'room_link_template', nullable: true })
  roomLinkTemplate: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
