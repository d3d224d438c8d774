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
import { BreakoutRoomEntity, BreakoutRoundEntity } from '@ideas-lab/workshop';

/**
 * A breakout room asking for a mentor's help with a topic: routed to a free mentor whose
 * topics fit (or to every mentor), claimed, resolved — each moment kept. One unresolved
 * request per room.
 */
@Entity({ name: 'help_requests' })
@Index('help_requests_room_unresolved_key', ['roomId'], {
  unique: true,
  where: '"resolved_at" IS NULL',
})
@Index('help_requests_lab_resolved_idx', ['labId', 'resolvedAt'])
export class HelpRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'help_requests_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'help_requests_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => BreakoutRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'help_requests_round_fkey',
  })
  roundId: string;

  @Column({ type: 'uuid', name: 'room_id' })
  @ForeignKey(() => BreakoutRoomEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'help_requests_room_fkey',
  })
  roomId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'uuid', name: 'asked_by' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'help_requests_asked_by_fkey' })
  askedBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'asked_at' })
  askedAt: Date;

  /** The mentor it was routed to; null when no mentor was free (every mentor sees it). */
  @Column({ type: 'uuid', name: 'routed_to', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'help_requests_routed_to_fkey',
  })
  routedTo: string | null;

  @Column({ type: 'uuid', name: 'claimed_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'help_requests_claimed_by_fkey',
  })
  claimedBy: string | null;

  @Column({ type: 'timestamptz', name: 'claimed_at', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;
}
