import {
  Check,
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

export type TimeRequestDecision = 'approved' | 'declined';

/** A room asking for two more minutes of its round; organisers approve or decline. Once per room and round unless declined. */
@Entity({ name: 'time_requests' })
@Index('time_requests_round_room_key', ['roundId', 'roomId'], {
  unique: true,
  where: `"decision" IS NULL OR "decision" = 'approved'`,
})
@Check(
  'time_requests_decision_check',
  `"decision" IS NULL OR "decision" IN ('approved','declined')`,
)
export class TimeRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'time_requests_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'time_requests_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'round_id' })
  @ForeignKey(() => BreakoutRoundEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'time_requests_round_fkey',
  })
  roundId: string;

  @Column({ type: 'uuid', name: 'room_id' })
  @ForeignKey(() => BreakoutRoomEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'time_requests_room_fkey',
  })
  roomId: string;

  @Column({ type: 'uuid', name: 'asked_by' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'time_requests_asked_by_fkey' })
  askedBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'asked_at' })
  askedAt: Date;

  @Column({ type: 'text', nullable: true })
  decision: TimeRequestDecision | null;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', {
    onDelete: 'SET NULL',
    name: 'time_requests_decided_by_fkey',
  })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}
