import { Injectable } from '@nestjs/common';
import {
  type Derived,
  derived,
  type Statement,
  statement,
  TransactionRunner,
} from '@ideas-lab/platform';
import type { BreakoutRoundRow } from '@ideas-lab/workshop';

/** A breakout round with what the live layer needs to place it: its session and lab. */
export type LiveRoundRow = BreakoutRoundRow;

export interface LiveSessionRow {
  id: string;
  kind: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  meetingUrl: string | null;
}

export interface LiveRoomRow {
  id: string;
  roundId: string;
  name: string;
  position: number;
  /** The room's own link; the lab's template (below) fills it when null. */
  meetingUrl: string | null;
  mentorId: string | null;
  mentorName: string | null;
  labSlug: string;
  linkTemplate: string | null;
}

export interface LiveSeatRow {
  roomId: string;
  userId: string;
  displayName: string;
}

/** Where a person is in the lab's open round, read in one round trip (`findWhereabouts`). */
export interface LiveWhereabouts {
  round: LiveRoundRow;
  session: LiveSessionRow | null;
  /** Their room of record: the room a mentor visits, else their seat, else the room they mentor. */
  room: LiveRoomRow | null;
  roomMates: { userId: string; displayName: string }[];
}

/** `LiveRoundsRepository.whereabouts`'s row: JSON, its timestamps as text. */
export interface WhereaboutsRow {
  round: Omit<LiveRoundRow, 'endsAt'> & { endsAt: string | null };
  session:
    (Omit<LiveSessionRow, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string }) | null;
  room: LiveRoomRow | null;
  roomMates: { userId: string; displayName: string }[];
}

/** Where the person is, from `whereabouts`' rows (none: no round is open). */
export function whereaboutsOf(rows: readonly WhereaboutsRow[]): LiveWhereabouts | null {
  const row = rows[0];
  if (!row) return null;
  return {
    round: { ...row.round, endsAt: row.round.endsAt ? new Date(row.round.endsAt) : null },
    session: row.session
      ? {
          ...row.session,
          startsAt: new Date(row.session.startsAt),
          endsAt: new Date(row.session.endsAt),
        }
      : null,
    room: row.room,
    roomMates: row.room ? row.roomMates : [],
  };
}

const ROUND = `SELECT r.id, r.session_id AS "sessionId", s.lab_id AS "labId", r.index, r.title, r.state,
                      r.duration_minutes AS "durationMinutes", r.ends_at AS "endsAt"
                 FROM breakout_rounds r JOIN agenda_sessions s ON s.id = r.session_id`;
/** A room with its mentor's name and what fills its video link (the lab's slug and template). */
const ROOM = `SELECT r.id, r.round_id AS "roundId", r.name, r.position, r.meeting_url AS "meetingUrl",
                     r.mentor_id AS "mentorId", u.display_name AS "mentorName",
                     l.slug AS "labSlug", w.room_link_template AS "linkTemplate"
                FROM breakout_rooms r LEFT JOIN users u ON u.id = r.mentor_id
                JOIN breakout_rounds rd ON rd.id = r.round_id JOIN agenda_sessions sd ON sd.id = rd.session_id
                JOIN labs l ON l.id = sd.lab_id LEFT JOIN workshop_settings w ON w.lab_id = l.id`;

/**
 * What the live layer reads of breakout rounds (tables of libs/workshop): rounds, rooms,
 * seats and the room of record, and mentors' visits. It changes no round: every round
 * transition belongs to the workshop's BreakoutRoundsService.
 */
@Injectable()
export class LiveRoundsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async findRoundOfLab(labId: string, roundId: string): Promise<LiveRoundRow | null> {
    const rows: LiveRoundRow[] = await this.tx
      .manager()
      .query(`${ROUND} WHERE s.lab_id = $1 AND r.id = $2`, [labId, roundId]);
    return rows[0] ?? null;
  }

  /** The round running now in a lab (the latest opened, should there be several). */
  async findOpenRoundOfLab(labId: string): Promise<LiveRoundRow | null> {
    const rows: LiveRoundRow[] = await this.tx
      .manager()
      .query(
        `${ROUND} WHERE s.lab_id = $1 AND r.state = 'open' ORDER BY r.ends_at DESC NULLS LAST, r.index DESC LIMIT 1`,
        [labId],
      );
    return rows[0] ?? null;
  }

  /**
   * The open round of a lab (as `findOpenRoundOfLab`), its session, the person's room of
   * record (as `findRoomIdOf`) and the people seated there, as one statement to batch (read
   * its rows with `whereaboutsOf`): every (re)connect reads this, and a storm of 1,000
   * reconnects paid five round trips each.
   */
  whereabouts(labId: string, userId: string): Statement<WhereaboutsRow> {
    return statement<WhereaboutsRow>(
      `WITH round AS (
         ${ROUND} WHERE s.lab_id = $1 AND r.state = 'open' ORDER BY r.ends_at DESC NULLS LAST, r.index DESC LIMIT 1
       ), place AS (
         SELECT places."roomId" FROM round, LATERAL (
           SELECT room_id AS "roomId", 0 AS rank FROM mentor_visits WHERE round_id = round.id AND user_id = $2
           UNION ALL
           SELECT room_id, 1 FROM breakout_assignments WHERE round_id = round.id AND user_id = $2
           UNION ALL
           SELECT id, 2 FROM breakout_rooms WHERE round_id = round.id AND mentor_id = $2
         ) places ORDER BY places.rank LIMIT 1
       )
       SELECT row_to_json(round) AS round,
              (SELECT row_to_json(x) FROM (
                 SELECT id, kind, title, starts_at AS "startsAt", ends_at AS "endsAt", meeting_url AS "meetingUrl"
                   FROM agenda_sessions WHERE id = round."sessionId") x) AS session,
              (SELECT row_to_json(x) FROM (
                 ${ROOM} WHERE r.id = (SELECT "roomId" FROM place)) x) AS room,
              (SELECT coalesce(json_agg(json_build_object('userId', a.user_id, 'displayName', u.display_name) ORDER BY u.display_name, u.id), '[]'::json)
                 FROM breakout_assignments a JOIN users u ON u.id = a.user_id
                WHERE a.room_id = (SELECT "roomId" FROM place)) AS "roomMates"
         FROM round`,
      [labId, userId],
    );
  }

  /** The open round's id that a `whereabouts` statement found, read by the same batch (NULL: none). */
  roundIdIn(whereabouts: Statement<WhereaboutsRow>): Derived<string | null> {
    return derived(whereabouts, `(round->>'id')::uuid`);
  }

  /** The room of record a `whereabouts` statement found, read by the same batch (NULL: none). */
  roomIdIn(whereabouts: Statement<WhereaboutsRow>): Derived<string | null> {
    return derived(whereabouts, `(room->>'id')::uuid`);
  }

  /** The same room as a list: empty when there is none. */
  roomIdsIn(whereabouts: Statement<WhereaboutsRow>): Derived<string[]> {
    return derived(
      whereabouts,
      `coalesce(array_agg((room->>'id')::uuid) FILTER (WHERE room IS NOT NULL), '{}')`,
    );
  }

  findRoomsOfRound(roundId: string): Promise<LiveRoomRow[]> {
    return this.tx.manager().query(`${ROOM} WHERE r.round_id = $1 ORDER BY r.position`, [roundId]);
  }

  findSeatsOfRound(roundId: string): Promise<LiveSeatRow[]> {
    return this.tx.manager().query(
      `SELECT a.room_id AS "roomId", a.user_id AS "userId", u.display_name AS "displayName"
         FROM breakout_assignments a JOIN users u ON u.id = a.user_id
        WHERE a.round_id = $1 ORDER BY u.display_name, u.id`,
      [roundId],
    );
  }

  async findParticipantIdsOfLab(labId: string): Promise<string[]> {
    const rows: { userId: string }[] = await this.tx
      .manager()
      .query(
        `SELECT user_id AS "userId" FROM lab_memberships WHERE lab_id = $1 AND role = 'participant'`,
        [labId],
      );
    return rows.map((r) => r.userId);
  }

  /** Every room of every round of a session: the channels to leave when another round opens. */
  async findRoomIdsOfSession(sessionId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx
      .manager()
      .query(
        `SELECT b.id FROM breakout_rooms b JOIN breakout_rounds r ON r.id = b.round_id WHERE r.session_id = $1`,
        [sessionId],
      );
    return rows.map((r) => r.id);
  }

  /** The room someone belongs to in a round: the room a mentor is visiting, their seat, or the room they mentor. */
  async findRoomIdOf(roundId: string, userId: string): Promise<string | null> {
    const rows: { roomId: string }[] = await this.tx.manager().query(
      `SELECT "roomId" FROM (
         SELECT room_id AS "roomId", 0 AS rank FROM mentor_visits WHERE round_id = $1 AND user_id = $2
         UNION ALL
         SELECT room_id, 1 FROM breakout_assignments WHERE round_id = $1 AND user_id = $2
         UNION ALL
         SELECT id, 2 FROM breakout_rooms WHERE round_id = $1 AND mentor_id = $2
       ) places ORDER BY rank LIMIT 1`,
      [roundId, userId],
    );
    return rows[0]?.roomId ?? null;
  }

  /** A mentor goes to a room of a round (replacing any earlier visit in the lab). */
  async visit(labId: string, userId: string, roundId: string, roomId: string): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO mentor_visits (lab_id, user_id, round_id, room_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lab_id, user_id) DO UPDATE SET round_id = EXCLUDED.round_id, room_id = EXCLUDED.room_id, since = now()`,
      [labId, userId, roundId, roomId],
    );
  }

  /** The mentors visiting a room of a round now, and where. */
  async findVisitsOfRound(roundId: string): Promise<Map<string, string>> {
    const rows: { userId: string; roomId: string }[] = await this.tx
      .manager()
      .query(
        `SELECT user_id AS "userId", room_id AS "roomId" FROM mentor_visits WHERE round_id = $1`,
        [roundId],
      );
    return new Map(rows.map((r) => [r.userId, r.roomId]));
  }

  async endVisit(labId: string, userId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`DELETE FROM mentor_visits WHERE lab_id = $1 AND user_id = $2`, [labId, userId]);
  }

  /** Whether a room belongs to a round that is open now in this lab. */
  async findOpenRoomOfLab(
    labId: string,
    roomId: string,
  ): Promise<{ roomId: string; roundId: string } | null> {
    const rows: { roomId: string; roundId: string }[] = await this.tx.manager().query(
      `SELECT b.id AS "roomId", r.id AS "roundId" FROM breakout_rooms b
         JOIN breakout_rounds r ON r.id = b.round_id JOIN agenda_sessions s ON s.id = r.session_id
        WHERE b.id = $1 AND s.lab_id = $2 AND r.state = 'open'`,
      [roomId, labId],
    );
    return rows[0] ?? null;
  }

  /** Whether a room belongs to any round of this lab (history reads). */
  async roomIsOfLab(labId: string, roomId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager().query(
      `SELECT 1 FROM breakout_rooms b JOIN breakout_rounds r ON r.id = b.round_id JOIN agenda_sessions s ON s.id = r.session_id
        WHERE b.id = $1 AND s.lab_id = $2`,
      [roomId, labId],
    );
    return rows.length > 0;
  }

  /** Whether someone was ever seated in (or mentored) a room. */
  async belongsToRoom(roomId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager().query(
      `SELECT 1 FROM breakout_assignments WHERE room_id = $1 AND user_id = $2
       UNION ALL SELECT 1 FROM breakout_rooms WHERE id = $1 AND mentor_id = $2 LIMIT 1`,
      [roomId, userId],
    );
    return rows.length > 0;
  }
}
