import { Injectable } from '@nestjs/common';
import { AuditService } from '@ideas-lab/platform';
import type { MentorVisitPayload } from './live-events.js';
import { liveChannels, type LiveConnectionData, type LiveRequests } from './live-events.js';
import { LiveError } from './live.errors.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository } from './live-rounds.repository.js';
import { RoomActivityService } from './room-activity.service.js';

type Result<E extends keyof LiveRequests> = LiveRequests[E]['result'];

/**
 * Mentors move between the rooms of the open round (to answer help, or to look in). Where a
 * mentor is is stored (it is their room of record until they leave it), their connections
 * follow, and organisers and both rooms see the move — as they do when a mentor's first
 * connection arrives in a room or their last one goes.
 */
@Injectable()
export class MentorVisitsService {
  constructor(
    private readonly rounds: LiveRoundsRepository,
    private readonly publisher: LivePublisher,
    private readonly activity: RoomActivityService,
    private readonly audit: AuditService,
  ) {}

  async visit(me: LiveConnectionData, dto: MentorVisitPayload): Promise<Result<'mentor:visit'>> {
    if (!me.roles.includes('mentor'))
      throw new LiveError('LIVE_MENTOR_REQUIRED', 'Only mentors visit rooms.');
    const round = await this.rounds.findOpenRoundOfLab(me.labId);
    if (!round) throw LiveError.roundNotOpen('not open');
    const target = dto.roomId ?? null;
    if (target && (await this.rounds.findOpenRoomOfLab(me.labId, target))?.roundId !== round.id)
      throw LiveError.roomNotOpen();
    const from = await this.rounds.findRoomIdOf(round.id, me.userId);
    if (target) await this.rounds.visit(me.labId, me.userId, round.id, target);
    else await this.rounds.endVisit(me.labId, me.userId);
    const to = await this.rounds.findRoomIdOf(round.id, me.userId);
    const personal = liveChannels.person(me.labId, me.userId);
    const rooms = await this.rounds.findRoomsOfRound(round.id);
    this.publisher.leave(
      personal,
      rooms.filter((r) => r.id !== to).map((r) => liveChannels.room(r.id)),
    );
    if (to) this.publisher.join(personal, [liveChannels.room(to)]);
    if (from !== to) {
      await this.audit.append({
        actorId: me.userId,
        labId: me.labId,
        action: 'live.mentor_moved',
        entityType: 'breakout_round',
        entityId: round.id,
        data: { fromRoomId: from, toRoomId: to },
      });
      this.announceMove(me, round.id, from, to);
    }
    return { roomId: to };
  }

  /** A mentor's first connection arrived in their room, or their last one left it. */
  async announcePresence(who: LiveConnectionData, arrived: boolean): Promise<void> {
    if (!who.roles.includes('mentor')) return;
    const round = await this.rounds.findOpenRoundOfLab(who.labId);
    const roomId = round ? await this.rounds.findRoomIdOf(round.id, who.userId) : null;
    if (!round || !roomId) return;
    this.announceMove(who, round.id, arrived ? null : roomId, arrived ? roomId : null);
  }

  private announceMove(
    who: LiveConnectionData,
    roundId: string,
    fromRoomId: string | null,
    toRoomId: string | null,
  ): void {
    const to = [
      liveChannels.role(who.labId, 'organiser'),
      ...[fromRoomId, toRoomId].filter((id): id is string => !!id).map(liveChannels.room),
    ];
    this.publisher.emit(to, 'mentor:moved', {
      serverNow: new Date().toISOString(),
      roundId,
      mentor: { userId: who.userId, displayName: who.displayName },
      fromRoomId,
      toRoomId,
    });
    this.activity.touch(who.labId);
  }
}
