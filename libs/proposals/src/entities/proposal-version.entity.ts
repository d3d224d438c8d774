import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { ProposalContent } from '@ideas-lab/domain';
import { UserEntity } from '@ideas-lab/identity';
import { ProposalEntity } from './proposal.entity.js';

/** One save of a proposal: the whole content as it was then, who saved it and when. */
@Entity({ name: 'proposal_versions' })
export class ProposalVersionEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'proposal_id',
    primaryKeyConstraintName: 'proposal_versions_pkey',
  })
  @ForeignKey(() => ProposalEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'proposal_versions_proposal_fkey',
  })
  proposalId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'proposal_versions_pkey' })
  version: number;

  @Column({ type: 'jsonb' })
  content: ProposalContent;

  @Column({ type: 'bigint', name: 'budget_total_minor' })
  budgetTotalMinor: string;

  @Column({ type: 'uuid', name: 'author_id', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'proposal_versions_author_fkey',
  })
  authorId: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
