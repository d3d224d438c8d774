import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LabEntity } from './lab.entity.js';

export type InvitationRole = 'organiser' | 'mentor';
export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

/**
 * An invitation to hold a role in a lab, redeemed once with its token: by the account with the
 * invited address, or, for an "anyone with the link" invitation (mentors only), by whoever has it.
 */
@Entity({ name: 'lab_invitations' })
@Index('lab_invitations_token_hash_key', ['tokenHash'], { unique: true })
@Index('lab_invitations_lab_idx', ['labId'])
@Check('lab_invitations_role_check', `"role" IN ('organiser','mentor')`)
@Check('lab_invitations_status_check', `"status" IN ('pending','accepted','revoked')`)
@Check(
  'lab_invitations_addressee_check',
  `("anyone_with_link" AND "email" IS NULL AND "role" = 'mentor') OR (NOT "anyone_with_link" AND "email" IS NOT NULL)`,
)
export class LabInvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'lab_invitations_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'lab_invitations_lab_fkey' })
  labId: string;

  /** Lower-cased; null for an "anyone with the link" invitation. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'boolean', name: 'anyone_with_link', default: false })
  anyoneWithLink: boolean;

  @Column({ type: 'text' })
  role: InvitationRole;

  @Column({ type: 'char', length: 64, name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'text', default: 'pending' })
  status: InvitationStatus;

  @Column({ type: 'uuid', name: 'invited_by' })
  invitedBy: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'uuid', name: 'accepted_by', nullable: true })
  acceptedBy: string | null;

  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
