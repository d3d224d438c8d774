import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@ideas-lab/platform';
import { BreakoutRoundsService, BreakoutService } from '@ideas-lab/workshop';
import type {
  AdjustTimerPayload,
  BroadcastPayload,
  CloseRoundPayload,
  OpenRoundPayload,
  RecreateRoomsPayload,
} from './live-events.js';
import { RoomActivityService } from './room-activity.service.js';
import {
  liveChannels,
  type LiveConnectionData,
  type LiveRequests,
  type PresenceEntry,
} from './live-events.js';
import { LiveError, notOpenAsLive } from './live.errors.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository, type LiveRoundRow } from './live-rounds.repository.js';
import { toLayout, toLiveRound } from './live-view.js';

type Result<E extends keyof LiveRequests> = LiveRequests[E]['result'];

/** The organisers' control room: open and close rounds, move the timer, broadcast, see who is online. */
@Injectable()
export class ControlRoomService {
  constructor(
    private readonly rounds: LiveRoundsRepository,
    private readonly breakout: BreakoutService,
    private readonly roundStates: BreakoutRoundsService,
    private readonly publisher: LivePublisher,
    private readonly audit: AuditService,
    private readonly activity: RoomActivityService,
  ) {}

  /**
   * Open a planned round: its clock starts, and (through the workshop's notices, as for an
   * HTTP open) every participant's connections move to their new room and each person is told where to go.
   */
  async openRound(me: LiveConnectionData, dto: OpenRoundPayload): Promise<Result<'round:open'>> {
    requireOrganiser(me);
    const round = await this.requireRound(me.labId, dto.roundId);
    const opened = await this.roundStates.open(
      actorOf(me),
      { labId: me.labId, roundId: round.id },
      { durationSeconds: dto.durationSeconds, confirmOtherDay: dto.confirmOtherDay },
    );
    const [rooms, seats] = [
      await this.rounds.findRoomsOfRound(round.id),
      await this.rounds.findSeatsOfRound(round.id),
    ];
    return { round: toLiveRound(opened), rooms: rooms.length, seated: seats.length };
  }

  /** Close a round now (grace 0) or after a countdown everyone sees (the workshop's rounds service owns both). */
  async closeRound(me: LiveConnectionData, dto: CloseRoundPayload): Promise<Result<'round:close'>> {
    requireOrganiser(me);
    const round = await this.requireRound(me.labId, dto.roundId);
    const closed = await notOpenAsLive(
      this.roundStates.close(
        actorOf(me),
        { labId: me.labId, roundId: round.id },
        { graceSeconds: dto.graceSeconds ?? 0 },
      ),
    );
    return { round: toLiveRound(closed) };
  }

  async adjustTimer(
    me: LiveConnectionData,
    dto: AdjustTimerPayload,
  ): Promise<Result<'timer:adjust'>> {
    requireOrganiser(me);
    const round = await this.requireRound(me.labId, dto.roundId);
    const moved = await notOpenAsLive(
      this.roundStates.adjustTimer(
        actorOf(me),
        { labId: me.labId, roundId: round.id },
        dto.deltaSeconds,
      ),
    );
    return { round: toLiveRound(moved) };
  }

  async broadcast(me: LiveConnectionData, dto: BroadcastPayload): Promise<Result<'broadcast'>> {
    requireOrganiser(me);
    if (dto.roomId && !(await this.rounds.findOpenRoomOfLab(me.labId, dto.roomId))) {
      throw new LiveError(
        'LIVE_ROOM_NOT_FOUND',
        'There is no such room in the round running now.',
        [{ field: 'roomId', message: 'not a room of the open round' }],
      );
    }
    const id = randomUUID();
    const message = dto.message.trim();
    await this.audit.append({
      actorId: me.userId,
      labId: me.labId,
      action: 'live.broadcast',
      entityType: 'lab',
      entityId: me.labId,
      data: { id, roomId: dto.roomId ?? null, message },
    });
    this.publisher.emit(
      dto.roomId ? liveChannels.room(dto.roomId) : liveChannels.lab(me.labId),
      'broadcast:message',
      {
        id,
        message,
        roomId: dto.roomId ?? null,
        from: { userId: me.userId, displayName: me.displayName },
        sentAt: new Date().toISOString(),
      },
    );
    return { id };
  }

  /**
   * Rebuild the rooms of a round (from its plan, or by size over everyone or only those
   * connected now); in an open round everyone is told where to go (the relay does it).
   */
  async recreateRooms(
    me: LiveConnectionData,
    dto: RecreateRoomsPayload,
  ): Promise<Result<'rooms:recreate'>> {
    requireOrganiser(me);
    const round = await this.requireRound(me.labId, dto.roundId);
    let participantIds: string[] | undefined;
    if (dto.from === 'size' && dto.onlineOnly) {
      participantIds = [
        ...new Set(
          (await this.publisher.members(liveChannels.role(me.labId, 'participant'))).map(
            (m) => m.data.userId,
          ),
        ),
      ];
    }
    await this.breakout.recreateRooms(
      { userId: me.userId, isAdmin: me.isAdmin },
      me.labId,
      round.sessionId,
      round.id,
      { from: dto.from, roomSize: dto.roomSize, participantIds },
    );
    const [now, rooms, seats] = [
      await this.requireRound(me.labId, round.id),
      await this.rounds.findRoomsOfRound(round.id),
      await this.rounds.findSeatsOfRound(round.id),
    ];
    return { round: toLiveRound(now), rooms: toLayout(rooms, seats), seated: seats.length };
  }

  /** The control room's tiles: every room of the open round with its occupancy and activity. */
  async roomsActivity(me: LiveConnectionData): Promise<Result<'rooms:activity'>> {
    requireOrganiser(me);
    return this.activity.activityOf(me.labId);
  }

  /** Who is online in the lab and in which rooms (across instances): organisers only. */
  async presence(me: LiveConnectionData): Promise<Result<'presence:list'>> {
    requireOrganiser(me);
    const byUser = new Map<string, PresenceEntry>();
    for (const member of await this.publisher.members(liveChannels.lab(me.labId))) {
      const entry = byUser.get(member.data.userId) ?? {
        userId: member.data.userId,
        displayName: member.data.displayName,
        roles: member.data.roles,
        roomIds: [],
        connections: 0,
      };
      entry.connections += 1;
      for (const channel of member.channels) {
        const roomId = channel.startsWith('room:') ? channel.slice('room:'.length) : null;
        if (roomId && !entry.roomIds.includes(roomId)) entry.roomIds.push(roomId);
      }
      byUser.set(entry.userId, entry);
    }
    return {
      online: [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)),
    };
  }

  private async requireRound(labId: string, roundId: string): Promise<LiveRoundRow> {
    const round = await this.rounds.findRoundOfLab(labId, roundId);
    if (!round) throw LiveError.roundNotFound();
    return round;
  }
}

const actorOf = (me: LiveConnectionData) => ({ userId: me.userId, isAdmin: me.isAdmin });

function requireOrganiser(me: LiveConnectionData): void {
  if (!me.isOrganiser) throw LiveError.organiserRequired();
}
