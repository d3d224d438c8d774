import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One state change, chained by hash to the previous event of the same chain (lab). */
@Entity({ name: 'audit_events' })
@Index('audit_events_chain_seq_idx', ['chain', 'seq'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({
    type: 'bigint',
    name: 'seq',
    primaryKeyConstraintName: 'audit_events_pkey',
  })
  seq: string;

  /** The lab id, or `platform` for events that belong to no lab. */
  @Column({ type: 'text' })
  chain: string;

  @Column({ type: 'uuid', name: 'lab_id', nullable: true })
  labId: string | null;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', name: 'entity_type' })
  entityType: string;

  @Column({ type: 'text', name: 'entity_id', nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'char', length: 64, name: 'prev_hash' })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
