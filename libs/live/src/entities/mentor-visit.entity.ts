import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';
import { BreakoutRoomEntity, BreakoutRoundEntity } from '@ideas-lab/workshop';

/**
 * The room a mentor is visiting now (`mentor:visit`): for the open round it is the mentor's
 * room of record, before the room they mentor, so any device and instance puts them there.
 */
@Entity({ name: 'mentor_visits' })
export class MentorVisitEntity {
  @PrimaryColumn({ type: 'uuid', name: 'lab_id', primaryKeyConstraintName: 'mentor_visits_pkey' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'mentor_visits_lab_fkey' })
  labId: string;

  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'mentor_visits_pkey' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'mentor_visits_user_fkey' })
  userId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => BreakoutRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'mentor_visits_round_fkey',
  })
  roundId: string;

  @Column({ type: 'uuid', name: 'room_id' })
  @ForeignKey(() => BreakoutRoomEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'mentor_visits_room_fkey',
  })
  roomId: string;

  @UpdateDateColumn({ type: 'timestamptz', name: 'since' })
  since: Date;
}
