import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionRunner } from '@ideas-lab/platform';
import { BreakoutAssignmentEntity } from './entities/breakout-assignment.entity.js';
import { BreakoutRoomEntity } from './entities/breakout-room.entity.js';
import { BreakoutRoundEntity } from './entities/breakout-round.entity.js';

export interface SeatRow {
  roundId: string;
  roomId: string;
  userId: string;
  displayName: string;
}

export type NewRoom = Pick<BreakoutRoomEntity, 'name' | 'meetingUrl' | 'mentorId' | 'capacity'> & {
  participantIds?: readonly string[];
};
export type RoomChanges = Partial<
  Pick<BreakoutRoomEntity, 'name' | 'meetingUrl' | 'mentorId' | 'capacity'>
>;

/** What fills a room's video link when it has none of its own: the lab's slug and template. */
export interface RoomLinkSettings {
  labSlug: string;
  roomLinkTemplate: string | null;
}

/** Rounds, rooms and seats of breakout sessions. */
@Injectable()
export class BreakoutRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get rounds() {
    return this.tx.manager().getRepository(BreakoutRoundEntity);
  }

  private get rooms() {
    return this.tx.manager().getRepository(BreakoutRoomEntity);
  }

  private get seats() {
    return this.tx.manager().getRepository(BreakoutAssignmentEntity);
  }

  /** The lab's slug and video link template, for the rooms of a session. */
  async findRoomLinkSettingsOfSession(sessionId: string): Promise<RoomLinkSettings> {
    const rows: RoomLinkSettings[] = await this.tx.manager().query(
      `SELECT l.slug AS "labSlug", w.room_link_template AS "roomLinkTemplate"
         FROM agenda_sessions s JOIN labs l ON l.id = s.lab_id
         LEFT JOIN workshop_settings w ON w.lab_id = l.id
        WHERE s.id = $1`,
      [sessionId],
    );
    return rows[0] ?? { labSlug: '', roomLinkTemplate: null };
  }

  /** Rounds of any of the lab's sessions that are open right now. */
  async countOpenRoundsOfLab(labId: string): Promise<number> {
    const rows: { count: number }[] = await this.tx.manager().query(
      `SELECT count(*)::int AS count FROM breakout_rounds r
         JOIN agenda_sessions s ON s.id = r.session_id
        WHERE s.lab_id = $1 AND r.state = 'open'`,
      [labId],
    );
    return rows[0].count;
  }

  findRoundsOfSession(sessionId: string): Promise<BreakoutRoundEntity[]> {
    return this.rounds.find({ where: { sessionId }, order: { index: 'ASC' } });
  }

  countRoundsOfSession(sessionId: string): Promise<number> {
    return this.rounds.countBy({ sessionId });
  }

  /** A round of a session, locked until the transaction ends: state changes and seat changes queue up. */
  lockRoundOfSession(sessionId: string, roundId: string): Promise<BreakoutRoundEntity | null> {
    return this.rounds
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :roundId AND r.session_id = :sessionId', { roundId, sessionId })
      .getOne();
  }

  findRoomsOfRounds(roundIds: readonly string[]): Promise<BreakoutRoomEntity[]> {
    if (roundIds.length === 0) return Promise.resolve([]);
    return this.rooms.find({ where: { roundId: In([...roundIds]) }, order: { position: 'ASC' } });
  }

  findRoomOfRound(roundId: string, roomId: string): Promise<BreakoutRoomEntity | null> {
    return this.rooms.findOneBy({ id: roomId, roundId });
  }

  findSeatsOfRounds(roundIds: readonly string[]): Promise<SeatRow[]> {
    if (roundIds.length === 0) return Promise.resolve([]);
    return this.tx.manager().query(
      `SELECT a.round_id AS "roundId", a.room_id AS "roomId", a.user_id AS "userId", u.display_name AS "displayName"
         FROM breakout_assignments a JOIN users u ON u.id = a.user_id
        WHERE a.round_id = ANY($1::uuid[]) ORDER BY u.display_name, u.id`,
      [roundIds],
    );
  }

  findSeat(roundId: string, userId: string): Promise<BreakoutAssignmentEntity | null> {
    return this.seats.findOneBy({ roundId, userId });
  }

  /** Delete the rounds of a session that have not been opened yet; returns how many went. */
  async deletePlannedRounds(sessionId: string): Promise<number> {
    const result = await this.rounds.delete({ sessionId, state: 'planned' });
    return result.affected ?? 0;
  }

  async nextRoundIndex(sessionId: string): Promise<number> {
    const rows: { next: number }[] = await this.tx
      .manager()
      .query(
        `SELECT COALESCE(MAX(index) + 1, 0)::int AS next FROM breakout_rounds WHERE session_id = $1`,
        [sessionId],
      );
    return rows[0].next;
  }

  /** A round with its rooms and (for assigned rounds) the people seated in each room. */
  async insertRound(
    round: Pick<
      BreakoutRoundEntity,
      'sessionId' | 'index' | 'title' | 'durationMinutes' | 'mode' | 'planId'
    >,
    rooms: readonly NewRoom[],
  ): Promise<BreakoutRoundEntity> {
    const saved = await this.rounds.save(this.rounds.create(round));
    for (const [position, room] of rooms.entries()) {
      const savedRoom = await this.rooms.save(
        this.rooms.create({
          roundId: saved.id,
          position,
          name: room.name,
          meetingUrl: room.meetingUrl,
          mentorId: room.mentorId,
          capacity: room.capacity,
        }),
      );
      if (room.participantIds && room.participantIds.length > 0) {
        await this.seats.insert(
          room.participantIds.map((userId) => ({
            roundId: saved.id,
            roomId: savedRoom.id,
            userId,
          })),
        );
      }
    }
    return saved;
  }

  /** Move a round from one state to the next, only if nobody moved it meanwhile. */
  /** A room added to a round at a position. */
  async insertRoom(roundId: string, position: number, room: NewRoom): Promise<BreakoutRoomEntity> {
    return this.rooms.save(
      this.rooms.create({
        roundId,
        position,
        name: room.name,
        meetingUrl: room.meetingUrl,
        mentorId: room.mentorId,
        capacity: room.capacity,
      }),
    );
  }

  async deleteRooms(roomIds: readonly string[]): Promise<void> {
    if (roomIds.length === 0) return;
    await this.rooms.delete({ id: In([...roomIds]) });
  }

  /** Take everyone out of the rooms of a round. */
  async clearSeats(roundId: string): Promise<void> {
    await this.seats.delete({ roundId });
  }

  async seatMany(roundId: string, roomId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.seats.insert(userIds.map((userId) => ({ roundId, roomId, userId })));
  }

  async updateRoom(roomId: string, changes: RoomChanges): Promise<void> {
    await this.rooms.update({ id: roomId }, changes);
  }

  /** Seat someone in a room of a round, taking them out of any other room of that round. */
  async seat(roundId: string, roomId: string, userId: string): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO breakout_assignments (round_id, room_id, user_id) VALUES ($1, $2, $3)
       ON CONFLICT (round_id, user_id) DO UPDATE SET room_id = EXCLUDED.room_id`,
      [roundId, roomId, userId],
    );
  }

  /** Swap the rooms of two people seated in one round, in one statement. */
  async swapSeats(roundId: string, firstUserId: string, secondUserId: string): Promise<void> {
    await this.tx.manager().query(
      `UPDATE breakout_assignments a SET room_id = other.room_id
         FROM breakout_assignments other
        WHERE a.round_id = $1 AND other.round_id = $1
          AND ((a.user_id = $2 AND other.user_id = $3) OR (a.user_id = $3 AND other.user_id = $2))`,
      [roundId, firstUserId, secondUserId],
    );
  }

  /**
   * Seat someone in a room only while it has a free seat (self-select). The room row is
   * locked first, so concurrent choices of the same room queue up; the guarded insert then
   * runs as a new statement and counts the seats the earlier choices committed.
   * Must run inside a transaction. Returns false when the room is full.
   */
  async seatIfFree(roundId: string, roomId: string, userId: string): Promise<boolean> {
    await this.tx
      .manager()
      .query(`SELECT id FROM breakout_rooms WHERE id = $1 FOR UPDATE`, [roomId]);
    const rows: unknown[] = await this.tx.manager().query(
      `INSERT INTO breakout_assignments (round_id, room_id, user_id)
       SELECT $1, r.id, $3 FROM breakout_rooms r
        WHERE r.id = $2 AND r.round_id = $1
          AND (r.capacity IS NULL OR (SELECT count(*) FROM breakout_assignments a WHERE a.room_id = r.id AND a.user_id <> $3) < r.capacity)
       ON CONFLICT (round_id, user_id) DO UPDATE SET room_id = EXCLUDED.room_id
       RETURNING id`,
      [roundId, roomId, userId],
    );
    return rows.length === 1;
  }
}
