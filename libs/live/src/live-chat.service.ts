import { Injectable } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { ChatMessagesRepository } from './chat-messages.repository.js';
import type { ChatHistoryQueryDto, SendChatDto } from './dto/live-requests.dto.js';
import {
  liveChannels,
  type ChatMessage,
  type LiveConnectionData,
  type LiveRequests,
} from './live-events.js';
import { LiveError } from './live.errors.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository } from './live-rounds.repository.js';
import { toChatMessage } from './live-view.js';

export interface ChatPage {
  channel: string;
  /** Oldest first. */
  messages: ChatMessage[];
  /** Pass as `before` for the previous page; null when there is none. */
  nextBefore: string | null;
}

const roomOfChannel = (channel: string): string | null =>
  channel === 'lab' ? null : channel.slice('room:'.length);

/** Chat of a lab and of its breakout rooms: stored first, then sent, once per client message id. */
@Injectable()
export class LiveChatService {
  constructor(
    private readonly messages: ChatMessagesRepository,
    private readonly rounds: LiveRoundsRepository,
    private readonly access: LabAccessService,
    private readonly publisher: LivePublisher,
  ) {}

  async send(
    me: LiveConnectionData,
    dto: SendChatDto,
  ): Promise<LiveRequests['chat:send']['result']> {
    const roomId = roomOfChannel(dto.channel);
    if (roomId) {
      const open = await this.rounds.findOpenRoomOfLab(me.labId, roomId);
      const roomOfMine = open ? await this.rounds.findRoomIdOf(open.roundId, me.userId) : null;
      if (roomOfMine !== roomId)
        throw new LiveError(
          'LIVE_CHANNEL_FORBIDDEN',
          'You can write only in the room you are in now.',
          [{ field: 'channel', message: 'not your room in the open round' }],
        );
    }
    const { row, created } = await this.messages.insertOnce({
      labId: me.labId,
      roomId,
      senderId: me.userId,
      clientMessageId: dto.clientMessageId,
      body: dto.body.trim() || dto.body,
    });
    const message = toChatMessage(row);
    if (created)
      this.publisher.emit(
        roomId ? liveChannels.room(roomId) : liveChannels.lab(me.labId),
        'chat:message',
        message,
      );
    return { message, duplicate: !created };
  }

  /** Older messages of a channel over HTTP: the lab's for its workshop people; a room's for those who were in it and the organisers. */
  async history(actor: Actor, labId: string, query: ChatHistoryQueryDto): Promise<ChatPage> {
    const roles = await this.access.requireRole(actor, labId, [
      'participant',
      'mentor',
      'organiser',
    ]);
    const channel = query.channel ?? 'lab';
    const roomId = roomOfChannel(channel);
    if (roomId) {
      if (!(await this.rounds.roomIsOfLab(labId, roomId)))
        throw new LiveError('LIVE_CHANNEL_INVALID', 'There is no such room in this lab.', [
          { field: 'channel', message: 'no such room in this lab' },
        ]);
      const oversees = actor.isAdmin || roles.includes('organiser');
      if (!oversees && !(await this.rounds.belongsToRoom(roomId, actor.userId))) {
        throw new LiveError(
          'LIVE_CHANNEL_FORBIDDEN',
          "A room's chat is for the people who were in it.",
          [{ field: 'channel', message: 'you were not in this room' }],
        );
      }
    }
    const limit = query.limit ?? 50;
    const rows = await this.messages.findPageOfChannel(
      labId,
      roomId,
      query.before ?? null,
      limit + 1,
    );
    const oldestFirst = rows.slice(0, limit).reverse();
    return {
      channel,
      messages: oldestFirst.map(toChatMessage),
      nextBefore: rows.length > limit ? oldestFirst[0].id : null,
    };
  }
}
