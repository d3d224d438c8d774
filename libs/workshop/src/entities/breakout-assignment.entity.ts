import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { BreakoutRoomEntity } from './breakout-room.entity.js';
import { BreakoutRoundEntity } from './breakout-round.entity.js';

/** A participant's seat in one room of a round: one seat per person per round. */
@Entity({ name: 'breakout_assignments' })
@Index('breakout_assignments_round_user_key', ['roundId', 'userId'], { unique: true })
@Index('breakout_assignments_room_idx', ['roomId'])
export class BreakoutAssignmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'breakout_assignments_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => BreakoutRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'breakout_assignments_round_fkey',
  })
  roundId: string;

  @Column({ type: 'uuid', name: 'room_id' })
  @ForeignKey(() => BreakoutRoomEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'breakout_assignments_room_fkey',
  })
  roomId: string;

  @Column({ type: 'uuid', name: 'user_id' })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'breakout_assignments_user_fkey',
  })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
