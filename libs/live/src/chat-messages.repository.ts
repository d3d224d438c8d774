import { Injectable } from '@nestjs/common';
import { type Param, type Statement, statement, TransactionRunner } from '@ideas-lab/platform';

export interface ChatMessageRow {
  id: string;
  labId: string;
  roomId: string | null;
  teamId: string | null;
  senderId: string;
  senderName: string;
  clientMessageId: string;
  body: string;
  createdAt: Date;
}

const SELECT = `SELECT m.id::text AS id, m.lab_id AS "labId", m.room_id AS "roomId", m.team_id AS "teamId", m.sender_id AS "senderId",
                       u.display_name AS "senderName", m.client_message_id AS "clientMessageId", m.body, m.created_at AS "createdAt"
                  FROM chat_messages m JOIN users u ON u.id = m.sender_id`;

/** Where a message goes: the lab (both null), one breakout room or one team. */
export interface ChatScope {
  roomId: string | null;
  teamId: string | null;
}

export interface RoomChatStats {
  roomId: string;
  messageCount: number;
  lastMessageAt: Date | null;
}

/** Chat messages of labs, breakout rooms and teams, in id order. */
@Injectable()
export class ChatMessagesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * Store a message unless this sender already stored one with this client message id.
   * Returns the stored row and whether it is new. A concurrent retry waits on the unique
   * index and then finds the first one.
   */
  async insertOnce(input: {
    labId: string;
    roomId: string | null;
    teamId: string | null;
    senderId: string;
    clientMessageId: string;
    body: string;
  }): Promise<{ row: ChatMessageRow; created: boolean }> {
    const manager = this.tx.manager();
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO chat_messages (lab_id, room_id, team_id, sender_id, client_message_id, body) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (sender_id, client_message_id) DO NOTHING RETURNING id::text AS id`,
      [input.labId, input.roomId, input.teamId, input.senderId, input.clientMessageId, input.body],
    );
    const rows: ChatMessageRow[] = inserted.length
      ? await manager.query(`${SELECT} WHERE m.id = $1`, [inserted[0].id])
      : await manager.query(`${SELECT} WHERE m.sender_id = $1 AND m.client_message_id = $2`, [
          input.senderId,
          input.clientMessageId,
        ]);
    return { row: rows[0], created: inserted.length === 1 };
  }

  /** A page of one channel before an id (newest first), `limit` rows at most. */
  findPageOfChannel(
    labId: string,
    scope: ChatScope,
    before: string | null,
    limit: number,
  ): Promise<ChatMessageRow[]> {
    return this.tx.query(this.pageOfChannel(labId, scope, before, limit));
  }

  pageOfChannel(
    labId: string,
    scope: ChatScope,
    before: string | null,
    limit: number,
  ): Statement<ChatMessageRow> {
    return statement<ChatMessageRow>(
      `${SELECT} WHERE m.lab_id = $1 AND m.room_id IS NOT DISTINCT FROM $2::uuid AND m.team_id IS NOT DISTINCT FROM $3::uuid
          AND ($4::bigint IS NULL OR m.id < $4::bigint)
        ORDER BY m.id DESC LIMIT $5`,
      [labId, scope.roomId, scope.teamId, before, limit],
      ['createdAt'],
    );
  }

  /** How many messages each room has and when the last one came. */
  async roomStats(roomIds: readonly string[]): Promise<RoomChatStats[]> {
    if (roomIds.length === 0) return [];
    return this.tx.manager().query(
      `SELECT room_id AS "roomId", count(*)::int AS "messageCount", max(created_at) AS "lastMessageAt"
         FROM chat_messages WHERE room_id = ANY($1::uuid[]) GROUP BY room_id`,
      [[...roomIds]],
    );
  }

  /**
   * The latest `limit` messages of each channel: the lab's, and each of the given rooms' and
   * teams'; oldest first.
   */
  latestOfChannels(
    labId: string,
    roomIds: Param<readonly string[]>,
    teamIds: Param<readonly string[]>,
    limit: number,
  ): Statement<ChatMessageRow> {
    return statement<ChatMessageRow>(
      `SELECT page.* FROM (
         SELECT NULL::uuid AS room_id, NULL::uuid AS team_id
         UNION ALL SELECT unnest($2::uuid[]), NULL
         UNION ALL SELECT NULL, unnest($3::uuid[])
       ) channel CROSS JOIN LATERAL (
         ${SELECT} WHERE m.lab_id = $1 AND m.room_id IS NOT DISTINCT FROM channel.room_id
            AND m.team_id IS NOT DISTINCT FROM channel.team_id
          ORDER BY m.id DESC LIMIT $4
       ) page
       ORDER BY page.id::bigint`,
      [labId, roomIds, teamIds, limit],
      ['createdAt'],
    );
  }

  /** Messages of the lab channel and of the given rooms and teams after an id (oldest first), `limit` rows at most. */
  after(
    labId: string,
    roomIds: Param<readonly string[]>,
    teamIds: Param<readonly string[]>,
    after: string,
    limit: number,
  ): Statement<ChatMessageRow> {
    return statement<ChatMessageRow>(
      `${SELECT} WHERE m.lab_id = $1
          AND ((m.room_id IS NULL AND m.team_id IS NULL) OR m.room_id = ANY($2::uuid[]) OR m.team_id = ANY($3::uuid[]))
          AND m.id > $4::bigint
        ORDER BY m.id ASC LIMIT $5`,
      [labId, roomIds, teamIds, after, limit],
      ['createdAt'],
    );
  }
}
