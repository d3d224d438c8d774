import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LabEntity } from '@ideas-lab/labs';

/** A heading organisers group ideas under ("Data and models", "Clinical use"). */
@Entity({ name: 'idea_themes' })
@Index('idea_themes_lab_name_key', ['labId', 'name'], { unique: true })
export class IdeaThemeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'idea_themes_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'idea_themes_lab_fkey' })
  labId: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
