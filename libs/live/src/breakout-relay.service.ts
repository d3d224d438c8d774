import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BreakoutNotices, type BreakoutNotice } from '@ideas-lab/workshop';
import { liveChannels } from './live-events.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository, type LiveRoundRow } from './live-rounds.repository.js';
import { toLiveRoom, toLiveRound } from './live-view.js';
import { RoundTimerService } from './round-timer.service.js';

/**
 * Relays what the workshop commits — a round opened or closed, people moved — to connected
 * clients, whether it came from the control room or from HTTP: sockets change rooms and each
 * person is told where to go.
 */
@Injectable()
export class BreakoutRelayService implements OnModuleInit {
  constructor(
    private readonly notices: BreakoutNotices,
    private readonly rounds: LiveRoundsRepository,
    private readonly timer: RoundTimerService,
    private readonly publisher: LivePublisher,
  ) {}

  onModuleInit(): void {
    this.notices.listen((notice) => this.relay(notice));
  }

  async relay(notice: BreakoutNotice): Promise<void> {
    const round = await this.rounds.findRoundOfLab(notice.labId, notice.roundId);
    if (!round) return;
    switch (notice.kind) {
      case 'round-opened':
        return this.announceOpened(round);
      case 'round-closed':
        return this.timer.announceClosed(round);
      case 'seats-changed':
        return this.announceSeats(round, notice.userIds);
    }
  }

  /** Everyone's connections leave the session's other rooms and join their new one; each person is told where to go. */
  private async announceOpened(round: LiveRoundRow): Promise<void> {
    const [rooms, seats, sessionRoomIds] = [
      await this.rounds.findRoomsOfRound(round.id),
      await this.rounds.findSeatsOfRound(round.id),
      await this.rounds.findRoomIdsOfSession(round.sessionId),
    ];
    const lab = liveChannels.lab(round.labId);
    const live = toLiveRound(round);
    const serverNow = new Date().toISOString();
    this.publisher.leave(
      lab,
      sessionRoomIds.filter((id) => !rooms.some((r) => r.id === id)).map(liveChannels.room),
    );
    for (const room of rooms) {
      const people = seats.filter((s) => s.roomId === room.id);
      const roomMates = people.map((s) => ({ userId: s.userId, displayName: s.displayName }));
      const members = [...people.map((s) => s.userId), ...(room.mentorId ? [room.mentorId] : [])];
      const personal = members.map((id) => liveChannels.person(round.labId, id));
      if (personal.length === 0) continue;
      this.publisher.leave(
        personal,
        rooms.filter((r) => r.id !== room.id).map((r) => liveChannels.room(r.id)),
      );
      this.publisher.join(personal, [liveChannels.room(room.id)]);
      this.publisher.emit(personal, 'room:assigned', {
        serverNow,
        round: live,
        room: toLiveRoom(room),
        roomMates,
      });
    }
    this.publisher.emit(lab, 'round:opened', { serverNow, round: live });
  }

  /** In an open round, the people who moved change socket rooms and are told their new room. */
  private async announceSeats(round: LiveRoundRow, userIds: readonly string[]): Promise<void> {
    if (round.state !== 'open') return;
    const [rooms, seats] = [
      await this.rounds.findRoomsOfRound(round.id),
      await this.rounds.findSeatsOfRound(round.id),
    ];
    const live = toLiveRound(round);
    const serverNow = new Date().toISOString();
    for (const userId of userIds) {
      const seat = seats.find((s) => s.userId === userId);
      const room = seat ? rooms.find((r) => r.id === seat.roomId) : undefined;
      const personal = liveChannels.person(round.labId, userId);
      this.publisher.leave(
        personal,
        rooms.filter((r) => r.id !== room?.id).map((r) => liveChannels.room(r.id)),
      );
      if (!room) continue;
      this.publisher.join(personal, [liveChannels.room(room.id)]);
      const roomMates = seats
        .filter((s) => s.roomId === room.id)
        .map((s) => ({ userId: s.userId, displayName: s.displayName }));
      this.publisher.emit(personal, 'room:assigned', {
        serverNow,
        round: live,
        room: toLiveRoom(room),
        roomMates,
      });
    }
  }
}
