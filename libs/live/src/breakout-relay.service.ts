import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BreakoutNotices, TeamsService, type BreakoutNotice } from '@ideas-lab/workshop';
import { liveChannels } from './live-events.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository, type LiveRoundRow } from './live-rounds.repository.js';
import { toLayout, toLiveRoom, toLiveRound } from './live-view.js';
import { PinnedInstructionsService } from './pinned-instructions.service.js';
import { RoomActivityService } from './room-activity.service.js';

/**
 * Relays what the workshop commits — a round opened, closing or closed, its timer moved or
 * warning, people moved — to connected clients, whether it came from the control room, HTTP
 * or the round timer: sockets change rooms and each person is told where to go.
 */
@Injectable()
export class BreakoutRelayService implements OnModuleInit {
  constructor(
    private readonly notices: BreakoutNotices,
    private readonly rounds: LiveRoundsRepository,
    private readonly publisher: LivePublisher,
    private readonly activity: RoomActivityService,
    private readonly pins: PinnedInstructionsService,
    private readonly teams: TeamsService,
  ) {}

  onModuleInit(): void {
    this.notices.listen((notice) => this.relay(notice));
  }

  async relay(notice: BreakoutNotice): Promise<void> {
    const serverNow = new Date().toISOString();
    switch (notice.kind) {
      case 'team-created':
        return this.announceTeam(notice.labId, notice.teamId);
      case 'round-closing':
        this.publisher.emit(liveChannels.lab(notice.labId), 'round:closing', {
          serverNow,
          roundId: notice.roundId,
          endsAt: notice.endsAt,
          graceSeconds: notice.graceSeconds,
        });
        return;
      case 'timer-changed':
        this.publisher.emit(liveChannels.lab(notice.labId), 'timer:changed', {
          serverNow,
          roundId: notice.roundId,
          endsAt: notice.endsAt,
        });
        return;
      case 'timer-warning':
        this.publisher.emit(liveChannels.lab(notice.labId), 'timer:warning', {
          serverNow,
          roundId: notice.roundId,
          endsAt: notice.endsAt,
          minutesLeft: notice.minutesLeft,
        });
        return;
      case 'room-changed':
        return this.announceRooms(notice.labId, notice.roundId, notice.roomId);
      case 'room-links-changed': {
        const open = await this.rounds.findOpenRoundOfLab(notice.labId);
        return open ? this.announceRooms(notice.labId, open.id) : undefined;
      }
      default:
        return this.relayRound(notice);
    }
  }

  /**
   * In an open round, each room (or the one named) and the organisers get the room as it is
   * now: its name, mentor and video link (its own, or the lab's template filled in).
   */
  private async announceRooms(labId: string, roundId: string, roomId?: string): Promise<void> {
    const round = await this.rounds.findRoundOfLab(labId, roundId);
    if (!round || round.state !== 'open') return;
    const serverNow = new Date().toISOString();
    for (const room of await this.rounds.findRoomsOfRound(round.id)) {
      if (roomId && room.id !== roomId) continue;
      this.publisher.emit(
        [liveChannels.room(room.id), liveChannels.role(labId, 'organiser')],
        'room:updated',
        { serverNow, roundId: round.id, room: toLiveRoom(room) },
      );
    }
    this.activity.touch(labId);
  }

  /** Notices that change who is in which room: read the round as committed, then tell everyone. */
  private async relayRound(
    notice: Extract<
      BreakoutNotice,
      { kind: 'round-opened' | 'round-closed' | 'seats-changed' | 'rooms-recreated' }
    >,
  ): Promise<void> {
    const round = await this.rounds.findRoundOfLab(notice.labId, notice.roundId);
    if (!round) return;
    this.activity.touch(round.labId);
    switch (notice.kind) {
      case 'round-opened':
        await this.seatEveryone(round);
        this.publisher.emit(liveChannels.lab(round.labId), 'round:opened', {
          serverNow: new Date().toISOString(),
          round: toLiveRound(round),
        });
        return;
      case 'round-closed':
        return this.announceClosed(round);
      case 'seats-changed':
        return this.announceSeats(round, notice.userIds, notice.roomIds);
      case 'rooms-recreated':
        return this.announceRecreated(round);
    }
  }

  /** Tell the lab a round is over and take everyone out of its rooms. */
  private async announceClosed(round: LiveRoundRow): Promise<void> {
    const now = new Date().toISOString();
    const roomIds = (await this.rounds.findRoomsOfRound(round.id)).map((r) =>
      liveChannels.room(r.id),
    );
    this.publisher.emit(liveChannels.lab(round.labId), 'round:closed', {
      serverNow: now,
      roundId: round.id,
      closedAt: now,
    });
    this.publisher.leave(liveChannels.lab(round.labId), roomIds);
  }

  /** The members' connections join the new team's chat; each member is told. */
  private async announceTeam(labId: string, teamId: string): Promise<void> {
    const team = await this.teams.viewOfTeam(labId, teamId);
    if (!team || team.members.length === 0) return;
    const personal = team.members.map((m) => liveChannels.person(labId, m.userId));
    this.publisher.join(personal, [liveChannels.team(teamId)]);
    this.publisher.emit(personal, 'team:joined', {
      id: team.id,
      name: team.name,
      members: team.members,
    });
  }

  /** Organisers see the new layout; in an open round everyone is told where to go now. */
  private async announceRecreated(round: LiveRoundRow): Promise<void> {
    if (round.state === 'open') await this.seatEveryone(round);
    const [rooms, seats] = [
      await this.rounds.findRoomsOfRound(round.id),
      await this.rounds.findSeatsOfRound(round.id),
    ];
    this.publisher.emit(liveChannels.role(round.labId, 'organiser'), 'rooms:recreated', {
      serverNow: new Date().toISOString(),
      round: toLiveRound(round),
      rooms: toLayout(rooms, seats),
    });
  }

  /** Everyone's connections leave the session's other rooms and join their new one; each person is told where to go. */
  private async seatEveryone(round: LiveRoundRow): Promise<void> {
    const [rooms, seats, sessionRoomIds] = [
      await this.rounds.findRoomsOfRound(round.id),
      await this.rounds.findSeatsOfRound(round.id),
      await this.rounds.findRoomIdsOfSession(round.sessionId),
    ];
    const visits = await this.rounds.findVisitsOfRound(round.id);
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
      // A mentor visiting another room stays there (the visit is their room of record).
      const mentorHere =
        room.mentorId && (visits.get(room.mentorId) ?? room.id) === room.id ? [room.mentorId] : [];
      const members = [...people.map((s) => s.userId), ...mentorHere];
      const personal = members.map((id) => liveChannels.person(round.labId, id));
      if (personal.length === 0) continue;
      this.publisher.leave(
        personal,
        rooms.filter((r) => r.id !== room.id).map((r) => liveChannels.room(r.id)),
      );
      this.publisher.join(personal, [liveChannels.room(room.id)]);
      this.publisher.emitEphemeral(personal, 'room:assigned', {
        serverNow,
        round: live,
        room: toLiveRoom(room),
        roomMates,
        pinned: await this.pins.pinnedFor(round.labId, [room.id]),
      });
    }
    // Participants seated nowhere now (a recreation left them out) leave every room of the round.
    const seatedIds = new Set(seats.map((s) => s.userId));
    const unseated = (await this.rounds.findParticipantIdsOfLab(round.labId)).filter(
      (id) => !seatedIds.has(id),
    );
    if (unseated.length > 0)
      this.publisher.leave(
        unseated.map((id) => liveChannels.person(round.labId, id)),
        rooms.map((r) => liveChannels.room(r.id)),
      );
  }

  /**
   * In an open round, the people who moved change socket rooms and are told their new room;
   * every room someone left or joined gets its new room-mates.
   */
  private async announceSeats(
    round: LiveRoundRow,
    userIds: readonly string[],
    roomIds: readonly string[],
  ): Promise<void> {
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
      this.publisher.emitEphemeral(personal, 'room:assigned', {
        serverNow,
        round: live,
        room: toLiveRoom(room),
        roomMates,
        pinned: await this.pins.pinnedFor(round.labId, [room.id]),
      });
    }
    for (const roomId of roomIds) {
      if (!rooms.some((r) => r.id === roomId)) continue;
      this.publisher.emitEphemeral(liveChannels.room(roomId), 'room:mates', {
        serverNow,
        roundId: round.id,
        roomId,
        roomMates: seats
          .filter((s) => s.roomId === roomId)
          .map((s) => ({ userId: s.userId, displayName: s.displayName })),
      });
    }
  }
}
