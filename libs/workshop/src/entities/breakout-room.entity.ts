import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { BreakoutRoundEntity } from './breakout-round.entity.js';

/** A room of a round: a name, an optional meeting link, a mentor and (self-select) a capacity. */
@Entity({ name: 'breakout_rooms' })
@Index('breakout_rooms_round_position_key', ['roundId', 'position'], { unique: true })
@Index('breakout_rooms_mentor_idx', ['mentorId'])
@Check('breakout_rooms_capacity_check', '"capacity" IS NULL OR "capacity" > 0')
export class BreakoutRoomEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'breakout_rooms_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => BreakoutRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'breakout_rooms_round_fkey',
  })
  roundId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', name: 'meeting_url', nullable: true })
  meetingUrl: string | null;

  @Column({ type: 'uuid', name: 'mentor_id', nullable: true })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'SET NULL', name: 'breakout_rooms_mentor_fkey' })
  mentorId: string | null;

  @Column({ type: 'integer', nullable: true })
  capacity: number | null;
}
