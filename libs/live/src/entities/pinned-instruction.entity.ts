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
import { BreakoutRoomEntity } from '@ideas-lab/workshop';

/**
 * An instruction an organiser pinned for every room of a lab (room_id null) or for one
 * breakout room. It stays on screen (and in every (re)connect snapshot) until it is unpinned;
 * unpinning keeps the row, with when and by whom.
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
