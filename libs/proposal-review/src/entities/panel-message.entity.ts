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
import { ProposalEntity } from '@ideas-lab/proposals';

/** A message in a proposal's panel discussion (its assigned reviewers and the organisers). */
@Entity({ name: 'proposal_panel_messages' })
@Index('proposal_panel_messages_proposal_created_idx', ['proposalId', 'createdAt'])
export class PanelMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'proposal_panel_messages_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_panel_messages_lab_fkey',
  })
  labId: string;

  @Column({ type: 'uuid', name: 'proposal_id' })
  @ForeignKey(() => ProposalEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_panel_messages_proposal_fkey',
  })
  proposalId: string;

  @Column({ type: 'uuid', name: 'author_id', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'proposal_panel_messages_author_fkey',
  })
  authorId: string | null;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
