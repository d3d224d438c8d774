import { Injectable } from '@nestjs/common';
import {
  AuditService,
  type BatchedRead,
  not,
  onlyIf,
  TransactionRunner,
} from '@ideas-lab/platform';
import { BreakoutRoundsService } from '@ideas-lab/workshop';
import type { DecideTimePayload } from './live-events.js';
import { notInRoom } from './help-queue.service.js';
import {
  liveChannels,
  type LiveConnectionData,
  type LiveRequests,
  type TimeRequest,
} from './live-events.js';
import { LiveError, notOpenAsLive } from './live.errors.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository } from './live-rounds.repository.js';
import { TimeRequestsRepository, type TimeRequestRow } from './time-requests.repository.js';
import type { Arriving } from './arriving.js';
import { EXTRA_TIME_SECONDS, toLiveRound, toTimeRequest } from './live-view.js';

type Result<E extends keyof LiveRequests> = LiveRequests[E]['result'];

/** "+2 minutes": a room asks once per round (again only after a decline); organisers approve or decline. */
@Injectable()
export class TimeRequestsService {
  constructor(
    private readonly requests: TimeRequestsRepository,
    private readonly rounds: LiveRoundsRepository,
    private readonly publisher: LivePublisher,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly roundStates: BreakoutRoundsService,
  ) {}

  async ask(me: LiveConnectionData): Promise<Result<'time:request'>> {
    const round = await this.rounds.findOpenRoundOfLab(me.labId);
    const roomId = round ? await this.rounds.findRoomIdOf(round.id, me.userId) : null;
    if (!round || !roomId) throw notInRoom();
    const id = await this.requests.insertOncePerRoom({
      labId: me.labId,
      roundId: round.id,
      roomId,
      askedBy: me.userId,
    });
    if (!id)
      throw new LiveError(
        'LIVE_TIME_ALREADY_ASKED',
        'Your room already asked for more time in this round.',
      );
    await this.audit.append({
      actorId: me.userId,
      labId: me.labId,
      action: 'live.time_requested',
      entityType: 'time_request',
      entityId: id,
      data: { roundId: round.id, roomId },
    });
    const request = await this.require(me.labId, id);
    this.publisher.emit(liveChannels.role(me.labId, 'organiser'), 'time:requested', request);
    return { request };
  }

  /**
   * What a (re)connecting person sees of the open round's requests: organisers every one not
   * decided yet, a participant their room's (so a reload still shows "asked").
   */
  requestsOnArrival({
    roundId,
    roomId,
    isOrganiser,
    isParticipant,
  }: Arriving): BatchedRead<TimeRequest[]> {
    return {
      statements: [
        onlyIf(this.requests.ofRound(roundId, { undecided: true }), isOrganiser),
        onlyIf(this.requests.ofRound(roundId, { roomId }), not(isOrganiser), isParticipant),
      ],
      read: ([undecided, ofRoom]) =>
        ([...undecided, ...ofRoom] as TimeRequestRow[]).map(toTimeRequest),
    };
  }

  /** Approving moves the round's deadline by two minutes for everyone, in the same transaction as the decision. */
  async decide(me: LiveConnectionData, dto: DecideTimePayload): Promise<Result<'time:decide'>> {
    if (!me.isOrganiser) throw LiveError.organiserRequired();
    const before = await this.require(me.labId, dto.requestId);
    const decision = dto.approve ? 'approved' : 'declined';
    const round = await this.tx.run(async () => {
      if (!(await this.requests.decideIfPending(before.id, decision, me.userId))) {
        throw new LiveError('LIVE_TIME_ALREADY_DECIDED', 'This request was decided already.', {
          decision: (await this.require(me.labId, before.id)).decision,
        });
      }
      // The deadline moves through the rounds' owner, in this transaction (announced once committed).
      const moved = dto.approve
        ? await notOpenAsLive(
            this.roundStates.adjustTimer(
              { userId: me.userId, isAdmin: me.isAdmin },
              { labId: me.labId, roundId: before.roundId },
              EXTRA_TIME_SECONDS,
            ),
          )
        : await this.rounds.findRoundOfLab(me.labId, before.roundId);
      if (!moved || moved.state !== 'open') throw LiveError.roundNotOpen(moved?.state ?? 'closed');
      await this.audit.append({
        actorId: me.userId,
        labId: me.labId,
        action: 'live.time_decided',
        entityType: 'time_request',
        entityId: before.id,
        data: { decision, endsAt: moved.endsAt },
      });
      return toLiveRound(moved);
    });
    const request = await this.require(me.labId, before.id);
    this.publisher.emit(
      [liveChannels.role(me.labId, 'organiser'), liveChannels.room(request.room.id)],
      'time:decided',
      request,
    );
    return { request, round };
  }

  private async require(labId: string, id: string): Promise<TimeRequest> {
    const row = await this.requests.findOfLab(labId, id);
    if (!row)
      throw new LiveError('LIVE_TIME_NOT_FOUND', 'There is no such time request in this lab.', [
        { field: 'requestId', message: 'no such time request in this lab' },
      ]);
    return toTimeRequest(row);
  }
}
