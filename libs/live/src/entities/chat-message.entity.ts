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
 * One chat message of a lab (room_id null) or of one breakout room. Stored before it is
 * broadcast; the bigserial id orders it; (sender, client message id) makes a retry a no-op.
 */
@Entity({ name: 'chat_messages' })
@Index('chat_messages_sender_client_id_key', ['senderId', 'clientMessageId'], { unique: true })
@Index('chat_messages_lab_room_id_idx', ['labId', 'roomId', 'id'])
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
