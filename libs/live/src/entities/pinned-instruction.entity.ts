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
import { AgendaSessionEntity, BreakoutRoomEntity, BreakoutRoundEntity } from '@ideas-lab/workshop';

/**
 * An instruction an organiser pinned for every room of a lab (room_id null) or for one
 * breakout room. It belongs to its round (the one open when it was pinned, else the next to
 * open) and ends when another round opens, unless it was pinned for the whole session
 * (for_session: it ends when a round of another session opens). Until then it stays on screen
 * and in every (re)connect snapshot, or until it is unpinned; ending keeps the row, with when
 * and by whom (unpinned_by null: the next round ended it).
 */
@Entity({ name: 'pinned_instructions' })
@Index('pinned_instructions_lab_active_idx', ['labId'], { where: '"unpinned_at" IS NULL' })
export class PinnedInstructionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pinned_instructions_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'pinned_instructions_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'room_id', nullable: true })
  @ForeignKey(() => BreakoutRoomEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'pinned_instructions_room_fkey',
  })
  roomId: string | null;

  /** The round it belongs to; null until the next round opens (pinned between rounds). */
  @Column({ type: 'uuid', name: 'round_id', nullable: true })
  @ForeignKey(() => BreakoutRoundEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'pinned_instructions_round_fkey',
  })
  roundId: string | null;

  /** The session it belongs to when pinned for the whole session; null until one runs. */
  @Column({ type: 'uuid', name: 'session_id', nullable: true })
  @ForeignKey(() => AgendaSessionEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'pinned_instructions_session_fkey',
  })
  sessionId: string | null;

  @Column({ type: 'boolean', name: 'for_session', default: false })
  forSession: boolean;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'uuid', name: 'pinned_by' })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'pinned_instructions_pinned_by_fkey',
  })
  pinnedBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'pinned_at' })
  pinnedAt: Date;

  @Column({ type: 'timestamptz', name: 'unpinned_at', nullable: true })
  unpinnedAt: Date | null;

  @Column({ type: 'uuid', name: 'unpinned_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'pinned_instructions_unpinned_by_fkey',
  })
  unpinnedBy: string | null;
}
