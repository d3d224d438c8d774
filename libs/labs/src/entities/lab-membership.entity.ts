import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { LabRole } from '@ideas-lab/domain';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from './lab.entity.js';

/** One role one person holds in one lab. */
@Entity({ name: 'lab_memberships' })
@Index('lab_memberships_lab_user_role_key', ['labId', 'userId', 'role'], { unique: true })
@Index('lab_memberships_user_idx', ['userId'])
@Check('lab_memberships_role_check', `"role" IN ('organiser','mentor','participant','applicant')`)
export class LabMembershipEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'lab_memberships_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'lab_memberships_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'lab_memberships_user_fkey' })
  userId: string;

  @Column({ type: 'text' })
  role: LabRole;

  @Column({ type: 'uuid', name: 'granted_by', nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
