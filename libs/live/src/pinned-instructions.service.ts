import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  AuditService,
  type BatchedRead,
  not,
  onlyIf,
  TransactionRunner,
} from '@ideas-lab/platform';
import { BreakoutNotices, type BreakoutNotice } from '@ideas-lab/workshop';
import type { PinPayload, UnpinPayload } from './live-events.js';
import {
  liveChannels,
  type LiveConnectionData,
  type LiveRequests,
  type PinnedInstruction,
} from './live-events.js';
import { LiveError } from './live.errors.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository } from './live-rounds.repository.js';
import type { Arriving } from './arriving.js';
import {
  PinnedInstructionsRepository,
  type PinnedInstructionRow,
} from './pinned-instructions.repository.js';
import { toPinnedInstruction } from './live-view.js';

type Result<E extends keyof LiveRequests> = LiveRequests[E]['result'];

/**
 * Pinned instructions: an organiser pins one for every room or for one room of the open
 * round; it is stored, shown on every (re)connect and pushed to the people it is for, until
 * it is unpinned or the next round opens (unless it was pinned for the whole session).
 */
@Injectable()
export class PinnedInstructionsService implements OnModuleInit {
  constructor(
    private readonly pins: PinnedInstructionsRepository,
    private readonly rounds: LiveRoundsRepository,
    private readonly publisher: LivePublisher,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly notices: BreakoutNotices,
  ) {}

  onModuleInit(): void {
    // Pins end with their round, in the transaction that opens the next one.
    this.notices.listenWithin((notice) => this.roundOpened(notice));
  }

  async pin(me: LiveConnectionData, dto: PinPayload): Promise<Result<'pin:set'>> {
    if (!me.isOrganiser) throw LiveError.organiserRequired();
    const roomId = dto.roomId ?? null;
    const forSession = dto.forSession ?? false;
    if (roomId && forSession)
      throw new LiveError(
        'LIVE_VALIDATION_FAILED',
        'A room’s pin ends with its round (the room goes with it); pin for every room to keep it for the whole session.',
        [{ field: 'forSession', message: 'only a pin for every room can be kept for the session' }],
      );
    if (roomId && !(await this.rounds.findOpenRoomOfLab(me.labId, roomId)))
      throw LiveError.roomNotOpen();
    const message = dto.message.trim();
    const id = await this.tx.run(async () => {
      const open = await this.rounds.findOpenRoundOfLab(me.labId);
      const pinId = await this.pins.insert({
        labId: me.labId,
        roomId,
        round: open ? { id: open.id, sessionId: open.sessionId } : null,
        forSession,
        message,
        pinnedBy: me.userId,
      });
      await this.audit.append({
        actorId: me.userId,
        labId: me.labId,
        action: 'live.instruction_pinned',
        entityType: 'pinned_instruction',
        entityId: pinId,
        data: { roomId, message, roundId: open?.id ?? null, forSession },
      });
      return pinId;
    });
    const pin = await this.require(me.labId, id);
    this.publisher.emit(this.audienceOf(me.labId, pin), 'pin:added', pin);
    return { pin };
  }

  async unpin(me: LiveConnectionData, dto: UnpinPayload): Promise<Result<'pin:clear'>> {
    if (!me.isOrganiser) throw LiveError.organiserRequired();
    await this.require(me.labId, dto.pinId);
    const unpinned = await this.tx.run(async () => {
      const done = await this.pins.unpin(me.labId, dto.pinId, me.userId);
      if (done)
        await this.audit.append({
          actorId: me.userId,
          labId: me.labId,
          action: 'live.instruction_unpinned',
          entityType: 'pinned_instruction',
          entityId: dto.pinId,
          data: {},
        });
      return done;
    });
    if (!unpinned) throw new LiveError('LIVE_PIN_REMOVED', 'This instruction is no longer pinned.');
    const pin = await this.require(me.labId, dto.pinId);
    this.publisher.emit(this.audienceOf(me.labId, pin), 'pin:removed', pin);
    return { pin };
  }

  /**
   * A round opened: the pins of the rounds before end (those for the whole session when it is
   * another session's round), audited, and their audience is told once the round is open.
   */
  private async roundOpened(notice: BreakoutNotice): Promise<void> {
    if (notice.kind !== 'round-opened') return;
    const ended = await this.pins.endForRound(notice.labId, {
      id: notice.roundId,
      sessionId: notice.sessionId,
    });
    if (ended.length === 0) return;
    await this.audit.append({
      actorId: null,
      labId: notice.labId,
      action: 'live.instructions_ended',
      entityType: 'breakout_round',
      entityId: notice.roundId,
      data: { pinIds: ended, reason: 'next round opened' },
    });
    for (const pinId of ended) {
      const pin = await this.require(notice.labId, pinId);
      this.publisher.emit(this.audienceOf(notice.labId, pin), 'pin:removed', pin);
    }
  }

  /** Pins in force for someone: every room's, and those of the rooms given (one's own; organisers: the open round's). */
  async pinnedFor(labId: string, roomIds: readonly string[]): Promise<PinnedInstruction[]> {
    return (await this.pins.findActive(labId, roomIds)).map(toPinnedInstruction);
  }
  /** What a (re)connecting client sees pinned: an organiser every room's of the round, others their room's. */
  pinnedOnArrival({
    labId,
    roundId,
    roomIds,
    isOrganiser,
  }: Arriving): BatchedRead<PinnedInstruction[]> {
    return {
      statements: [
        onlyIf(this.pins.activeInRound(labId, roundId), isOrganiser),
        onlyIf(this.pins.active(labId, roomIds), not(isOrganiser)),
      ],
      read: ([ofRound, ofRooms]) =>
        ([...ofRound, ...ofRooms] as PinnedInstructionRow[]).map(toPinnedInstruction),
    };
  }

  private audienceOf(labId: string, pin: PinnedInstruction): string[] {
    return [
      pin.roomId ? liveChannels.room(pin.roomId) : liveChannels.lab(labId),
      liveChannels.role(labId, 'organiser'),
    ];
  }

  private async require(labId: string, id: string): Promise<PinnedInstruction> {
    const row = await this.pins.findOfLab(labId, id);
    if (!row)
      throw new LiveError(
        'LIVE_PIN_NOT_FOUND',
        'There is no such pinned instruction in this lab.',
        [{ field: 'pinId', message: 'no such pinned instruction in this lab' }],
      );
    return toPinnedInstruction(row);
  }
}
