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
import { BreakoutRoomEntity, TeamEntity } from '@ideas-lab/workshop';

/**
 * One chat message of a lab (room_id and team_id null), of one breakout room or of one team. Stored before it is
 * broadcast; the bigserial id orders it; (sender, client message id) makes a retry a no-op.
 */
@Entity({ name: 'chat_messages' })
@Index('chat_messages_sender_client_id_key', ['senderId', 'clientMessageId'], { unique: true })
@Index('chat_messages_lab_room_id_idx', ['labId', 'roomId', 'id'])
@Index('chat_messages_team_id_idx', ['teamId', 'id'], { where: '"team_id" IS NOT NULL' })
@Check('chat_messages_one_channel_check', '"room_id" IS NULL OR "team_id" IS NULL')
export class ChatMessageEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'chat_messages_pkey',
  })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'chat_messages_lab_fkey' })
  labId: string;

  @Column({ type: 'uuid', name: 'room_id', nullable: true })
  @ForeignKey(() => BreakoutRoomEntity, 'id', {
    onDelete: 'CASCADE',
    name: 'chat_messages_room_fkey',
  })
  roomId: string | null;

  @Column({ type: 'uuid', name: 'team_id', nullable: true })
  @ForeignKey(() => TeamEntity, 'id', { onDelete: 'CASCADE', name: 'chat_messages_team_fkey' })
  teamId: string | null;

  @Column({ type: 'uuid', name: 'sender_id' })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'CASCADE', name: 'chat_messages_sender_fkey' })
  senderId: string;

  @Column({ type: 'text', name: 'client_message_id' })
  clientMessageId: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
