import { Injectable } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { TeamsService } from '@ideas-lab/workshop';
import { ChatMessagesRepository, type ChatScope } from './chat-messages.repository.js';
import {
  liveChannels,
  type LiveConnectionData,
  type LiveRequests,
  type SendChatPayload,
} from './live-events.js';
import type { ChatHistoryQuery, ChatPage } from './live.contract.js';
import { LiveError } from './live.errors.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository } from './live-rounds.repository.js';
import { RoomActivityService } from './room-activity.service.js';
import { toChatMessage } from './live-view.js';

/** `lab`, `room:<id>` or `team:<id>` as the scope a message is stored under. */
export const scopeOfChannel = (channel: string): ChatScope => ({
  roomId: channel.startsWith('room:') ? channel.slice('room:'.length) : null,
  teamId: channel.startsWith('team:') ? channel.slice('team:'.length) : null,
});

const teamForbidden = () =>
  new LiveError('LIVE_CHANNEL_FORBIDDEN', "A team's chat is for its members and the organisers.", [
    { field: 'channel', message: 'you are not on this team' },
  ]);
const noSuchTeam = () =>
  new LiveError('LIVE_CHANNEL_INVALID', 'There is no such team in this lab.', [
    { field: 'channel', message: 'no such team in this lab' },
  ]);

/** Chat of a lab, its breakout rooms and its teams: stored first, then sent, once per client message id. */
@Injectable()
export class LiveChatService {
  constructor(
    private readonly messages: ChatMessagesRepository,
    private readonly rounds: LiveRoundsRepository,
    private readonly access: LabAccessService,
    private readonly teams: TeamsService,
    private readonly publisher: LivePublisher,
    private readonly activity: RoomActivityService,
  ) {}

  async send(
    me: LiveConnectionData,
    dto: SendChatPayload,
  ): Promise<LiveRequests['chat:send']['result']> {
    const { roomId, teamId } = scopeOfChannel(dto.channel);
    if (teamId) {
      const { exists, member } = await this.teams.membership(me.labId, teamId, me.userId);
      if (!exists) throw noSuchTeam();
      if (!member && !me.isOrganiser) throw teamForbidden();
    }
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
      teamId,
      senderId: me.userId,
      clientMessageId: dto.clientMessageId,
      body: dto.body.trim() || dto.body,
    });
    const message = toChatMessage(row);
    if (created)
      this.publisher.emit(
        roomId
          ? liveChannels.room(roomId)
          : teamId
            ? liveChannels.team(teamId)
            : liveChannels.lab(me.labId),
        'chat:message',
        message,
      );
    if (created && roomId) this.activity.touch(me.labId);
    return { message, duplicate: !created };
  }

  /** Older messages of a channel over HTTP: the lab's for its workshop people; a room's for those who were in it and the organisers. */
  async history(actor: Actor, labId: string, query: ChatHistoryQuery): Promise<ChatPage> {
    const roles = await this.access.requireRole(actor, labId, [
      'participant',
      'mentor',
      'organiser',
    ]);
    const channel = query.channel ?? 'lab';
    const scope = scopeOfChannel(channel);
    const { roomId, teamId } = scope;
    if (teamId) {
      const { exists, member } = await this.teams.membership(labId, teamId, actor.userId);
      if (!exists) throw noSuchTeam();
      if (!member && !actor.isAdmin && !roles.includes('organiser')) throw teamForbidden();
    }
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
      scope,
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
