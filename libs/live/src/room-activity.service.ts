import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ChatMessagesRepository } from './chat-messages.repository.js';
import { HelpRequestsRepository } from './help-requests.repository.js';
import { liveChannels, type LivePerson, type RoomsActivity } from './live-events.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository } from './live-rounds.repository.js';
import { toHelpRequest, toLiveRoom, toLiveRound } from './live-view.js';

/** Pushes of `rooms:activity` to organisers: at most one per lab in this long (per instance). */
export const ROOM_ACTIVITY_THROTTLE_MS = 1_000;

/**
 * The control room's tiles: for each room of the open round, who is seated and who is
 * connected in it now (across instances), its mentor, its chat activity and its open help
 * requests — read without joining the room. Changes (presence, chat, help, moves) push a
 * fresh `rooms:activity` to the organisers, throttled per lab.
 */
@Injectable()
export class RoomActivityService implements OnModuleDestroy {
  private readonly logger = new Logger('RoomActivity');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Pushes under way: shutdown waits for them, which still read the database. */
  private readonly pushing = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly rounds: LiveRoundsRepository,
    private readonly chat: ChatMessagesRepository,
    private readonly help: HelpRequestsRepository,
    private readonly publisher: LivePublisher,
  ) {}

  async activityOf(labId: string): Promise<RoomsActivity> {
    const serverNow = new Date().toISOString();
    const round = await this.rounds.findOpenRoundOfLab(labId);
    if (!round) return { serverNow, round: null, rooms: [] };
    const [rooms, seats, members, help] = [
      await this.rounds.findRoomsOfRound(round.id),
      await this.rounds.findSeatsOfRound(round.id),
      await this.publisher.members(liveChannels.lab(labId)),
      await this.help.findUnresolvedOfLab(labId),
    ];
    const stats = await this.chat.roomStats(rooms.map((r) => r.id));
    return {
      serverNow,
      round: toLiveRound(round),
      rooms: rooms.map((room) => {
        const channel = liveChannels.room(room.id);
        const inRoom = members.filter((m) => m.channels.includes(channel));
        const here = new Set(inRoom.map((m) => m.data.userId));
        const mentorsHere = new Map<string, LivePerson>();
        for (const m of inRoom)
          if (m.data.roles.includes('mentor'))
            mentorsHere.set(m.data.userId, {
              userId: m.data.userId,
              displayName: m.data.displayName,
            });
        const seated = seats
          .filter((s) => s.roomId === room.id)
          .map((s) => ({ userId: s.userId, displayName: s.displayName }));
        const chat = stats.find((s) => s.roomId === room.id);
        return {
          room: toLiveRoom(room),
          seated,
          present: seated.filter((p) => here.has(p.userId)),
          mentorPresent: room.mentorId !== null && mentorsHere.has(room.mentorId),
          mentorsHere: [...mentorsHere.values()],
          messageCount: chat?.messageCount ?? 0,
          lastMessageAt: chat?.lastMessageAt ? new Date(chat.lastMessageAt).toISOString() : null,
          openHelpRequests: help.filter((h) => h.roomId === room.id).map(toHelpRequest),
        };
      }),
    };
  }

  /** Something on the tiles changed: push them to the organisers soon (once per throttle window). */
  touch(labId: string): void {
    if (this.stopped || this.pending.has(labId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(labId);
      const push = this.push(labId)
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'room activity push failed', err: error, labId }),
        )
        .finally(() => this.pushing.delete(push));
      this.pushing.add(push);
    }, ROOM_ACTIVITY_THROTTLE_MS);
    timer.unref();
    this.pending.set(labId, timer);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await Promise.allSettled([...this.pushing]);
  }

  private async push(labId: string): Promise<void> {
    const organisers = liveChannels.role(labId, 'organiser');
    if ((await this.publisher.members(organisers)).length === 0) return;
    this.publisher.emitEphemeral(organisers, 'rooms:activity', await this.activityOf(labId));
  }
}
