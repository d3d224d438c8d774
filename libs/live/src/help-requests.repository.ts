import { Injectable } from '@nestjs/common';
import {
  type Param,
  rowsOf,
  type Statement,
  statement,
  TransactionRunner,
} from '@ideas-lab/platform';

export interface HelpRequestRow {
  id: string;
  labId: string;
  roundId: string;
  roomId: string;
  roomName: string;
  topic: string;
  askedBy: string;
  askedByName: string;
  askedAt: Date;
  routedTo: string | null;
  routedToName: string | null;
  /** The mentor it was routed to sits in the room (its own mentor, or visiting it). */
  routedToRoomMentor: boolean;
  claimedBy: string | null;
  claimedByName: string | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
}

const SELECT = `SELECT h.id, h.lab_id AS "labId", h.round_id AS "roundId", h.room_id AS "roomId", b.name AS "roomName", h.topic,
                       h.asked_by AS "askedBy", ua.display_name AS "askedByName", h.asked_at AS "askedAt",
                       h.routed_to AS "routedTo", ur.display_name AS "routedToName",
                       (h.routed_to IS NOT NULL AND (h.routed_to = b.mentor_id OR EXISTS (
                          SELECT 1 FROM mentor_visits v WHERE v.room_id = h.room_id AND v.user_id = h.routed_to))) AS "routedToRoomMentor",
                       h.claimed_by AS "claimedBy", uc.display_name AS "claimedByName", h.claimed_at AS "claimedAt", h.resolved_at AS "resolvedAt"
                  FROM help_requests h JOIN breakout_rooms b ON b.id = h.room_id JOIN users ua ON ua.id = h.asked_by
                  LEFT JOIN users ur ON ur.id = h.routed_to LEFT JOIN users uc ON uc.id = h.claimed_by`;
const DATES = ['askedAt', 'claimedAt', 'resolvedAt'] as const;

export interface MentorTopicsRow {
  userId: string;
  topics: string[];
}

export function topicsByMentor(rows: readonly MentorTopicsRow[]): Map<string, string[]> {
  return new Map(rows.map((r) => [r.userId, r.topics]));
}

/** Help requests of breakout rooms and the topics mentors help with. */
@Injectable()
export class HelpRequestsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Store a request; null when the room already has an unresolved one. */
  async insertUnlessRoomWaiting(input: {
    labId: string;
    roundId: string;
    roomId: string;
    topic: string;
    askedBy: string;
    routedTo: string | null;
  }): Promise<string | null> {
    const rows: { id: string }[] = await this.tx.manager().query(
      `INSERT INTO help_requests (lab_id, round_id, room_id, topic, asked_by, routed_to) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (room_id) WHERE resolved_at IS NULL DO NOTHING RETURNING id`,
      [input.labId, input.roundId, input.roomId, input.topic, input.askedBy, input.routedTo],
    );
    return rows[0]?.id ?? null;
  }

  async findOfLab(labId: string, id: string): Promise<HelpRequestRow | null> {
    const rows: HelpRequestRow[] = await this.tx
      .manager()
      .query(`${SELECT} WHERE h.lab_id = $1 AND h.id = $2`, [labId, id]);
    return rows[0] ?? null;
  }

  findUnresolvedOfLab(labId: string): Promise<HelpRequestRow[]> {
    return this.tx.query(this.unresolvedOfLab(labId));
  }

  unresolvedOfLab(labId: string): Statement<HelpRequestRow> {
    return statement<HelpRequestRow>(
      `${SELECT} WHERE h.lab_id = $1 AND h.resolved_at IS NULL ORDER BY h.asked_at, h.id`,
      [labId],
      [...DATES],
    );
  }

  /** The unresolved request of one room (a room has at most one). */
  unresolvedOfRoom(labId: string, roomId: Param<string | null>): Statement<HelpRequestRow> {
    return statement<HelpRequestRow>(
      `${SELECT} WHERE h.lab_id = $1 AND h.room_id = $2 AND h.resolved_at IS NULL`,
      [labId, roomId],
      [...DATES],
    );
  }

  /** The mentors sitting in a room of a round: its own mentor and those visiting it. */
  async findMentorsInRoom(roundId: string, roomId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.manager().query(
      `SELECT mentor_id AS id FROM breakout_rooms WHERE id = $2 AND round_id = $1 AND mentor_id IS NOT NULL
       UNION SELECT user_id FROM mentor_visits WHERE round_id = $1 AND room_id = $2`,
      [roundId, roomId],
    );
    return rows.map((r) => r.id);
  }

  /** A mentor's queue: routed to them, routed to no one, or claimed by them. */
  unresolvedForMentor(labId: string, mentorId: string): Statement<HelpRequestRow> {
    return statement<HelpRequestRow>(
      `${SELECT} WHERE h.lab_id = $1 AND h.resolved_at IS NULL AND (h.routed_to = $2 OR h.routed_to IS NULL OR h.claimed_by = $2) ORDER BY h.asked_at, h.id`,
      [labId, mentorId],
      [...DATES],
    );
  }

  /** Claim a waiting request; false when someone claimed it first or it was resolved. */
  async claimIfWaiting(id: string, userId: string): Promise<boolean> {
    const rows = rowsOf<unknown>(
      await this.tx
        .manager()
        .query(
          `UPDATE help_requests SET claimed_by = $2, claimed_at = now() WHERE id = $1 AND claimed_at IS NULL AND resolved_at IS NULL RETURNING id`,
          [id, userId],
        ),
    );
    return rows.length === 1;
  }

  async resolveIfOpen(id: string): Promise<boolean> {
    const rows = rowsOf<unknown>(
      await this.tx
        .manager()
        .query(
          `UPDATE help_requests SET resolved_at = now() WHERE id = $1 AND resolved_at IS NULL RETURNING id`,
          [id],
        ),
    );
    return rows.length === 1;
  }

  /** Mentors busy with a claimed, unresolved request. */
  async findBusyMentorIds(labId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx
      .manager()
      .query(
        `SELECT DISTINCT claimed_by AS id FROM help_requests WHERE lab_id = $1 AND resolved_at IS NULL AND claimed_by IS NOT NULL`,
        [labId],
      );
    return rows.map((r) => r.id);
  }

  /** How many waiting requests are routed to each mentor. */
  async countWaitingByMentor(labId: string): Promise<Map<string, number>> {
    const rows: { id: string; n: number }[] = await this.tx
      .manager()
      .query(
        `SELECT routed_to AS id, count(*)::int AS n FROM help_requests WHERE lab_id = $1 AND resolved_at IS NULL AND claimed_at IS NULL AND routed_to IS NOT NULL GROUP BY routed_to`,
        [labId],
      );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  async findTopicsOf(labId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
    if (userIds.length === 0) return new Map();
    return topicsByMentor(await this.tx.query(this.topicsOf(labId, userIds)));
  }

  topicsOf(labId: string, userIds: readonly string[]): Statement<MentorTopicsRow> {
    return statement<MentorTopicsRow>(
      `SELECT user_id AS "userId", topics FROM mentor_topics WHERE lab_id = $1 AND user_id = ANY($2::uuid[])`,
      [labId, [...userIds]],
    );
  }

  async saveTopics(labId: string, userId: string, topics: readonly string[]): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO mentor_topics (lab_id, user_id, topics) VALUES ($1, $2, $3)
       ON CONFLICT (lab_id, user_id) DO UPDATE SET topics = EXCLUDED.topics, updated_at = now()`,
      [labId, userId, [...topics]],
    );
  }
}
