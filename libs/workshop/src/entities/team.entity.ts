import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';

/**
 * A team of a lab's workshop: people working on one idea, with a chat of their own. The
 * organisers set teams up here until team formation (ideas, interests, the team optimiser)
 * takes them over.
 */
@Entity({ name: 'teams' })
@Index('teams_lab_name_key', ['labId', 'name'], { unique: true })
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'teams_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'teams_lab_fkey' })
  labId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'SET NULL', name: 'teams_created_by_fkey' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
