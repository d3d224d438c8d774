import { Injectable } from '@nestjs/common';
import {
  affectedCount,
  type Param,
  rowsOf,
  type Statement,
  statement,
  TransactionRunner,
} from '@ideas-lab/platform';

export interface PinnedInstructionRow {
  id: string;
  labId: string;
  roomId: string | null;
  roundId: string | null;
  forSession: boolean;
  message: string;
  pinnedBy: string;
  pinnedByName: string;
  pinnedAt: Date;
  unpinnedAt: Date | null;
}

const SELECT = `SELECT p.id, p.lab_id AS "labId", p.room_id AS "roomId", p.round_id AS "roundId",
                       p.for_session AS "forSession", p.message, p.pinned_by AS "pinnedBy",
                       u.display_name AS "pinnedByName", p.pinned_at AS "pinnedAt", p.unpinned_at AS "unpinnedAt"
                  FROM pinned_instructions p JOIN users u ON u.id = p.pinned_by`;

/** Instructions organisers pin for every room or for one room. */
@Injectable()
export class PinnedInstructionsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** A pin of the round open now (`round`), else of the next round to open. */
  async insert(input: {
    labId: string;
    roomId: string | null;
    round: { id: string; sessionId: string } | null;
    forSession: boolean;
    message: string;
    pinnedBy: string;
  }): Promise<string> {
    const rows: { id: string }[] = await this.tx.manager().query(
      `INSERT INTO pinned_instructions (lab_id, room_id, round_id, session_id, for_session, message, pinned_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        input.labId,
        input.roomId,
        input.round?.id ?? null,
        input.forSession ? (input.round?.sessionId ?? null) : null,
        input.forSession,
        input.message,
        input.pinnedBy,
      ],
    );
    return rows[0].id;
  }

  /**
   * A round opened: pins of earlier rounds end (those for the whole session only when the
   * round is of another session), and pins made while no round was open become this round's
   * (or this session's). Returns the ids of the pins that ended.
   */
  async endForRound(labId: string, round: { id: string; sessionId: string }): Promise<string[]> {
    const ended: { id: string }[] = rowsOf(
      await this.tx.manager().query(
        `UPDATE pinned_instructions SET unpinned_at = now()
          WHERE lab_id = $1 AND unpinned_at IS NULL
            AND (CASE WHEN for_session THEN session_id IS NOT NULL AND session_id <> $3
                      ELSE round_id IS NOT NULL AND round_id <> $2 END)
          RETURNING id`,
        [labId, round.id, round.sessionId],
      ),
    );
    await this.tx.manager().query(
      `UPDATE pinned_instructions
          SET round_id = COALESCE(round_id, $2),
              session_id = CASE WHEN for_session THEN COALESCE(session_id, $3) ELSE session_id END
        WHERE lab_id = $1 AND unpinned_at IS NULL AND (round_id IS NULL OR (for_session AND session_id IS NULL))`,
      [labId, round.id, round.sessionId],
    );
    return ended.map((r) => r.id);
  }

  /** Unpin once; false when it was unpinned already (or is not of this lab). */
  async unpin(labId: string, id: string, by: string): Promise<boolean> {
    const rows: unknown[] = await this.tx
      .manager()
      .query(
        `UPDATE pinned_instructions SET unpinned_at = now(), unpinned_by = $3 WHERE lab_id = $1 AND id = $2 AND unpinned_at IS NULL RETURNING id`,
        [labId, id, by],
      );
    return affectedCount(rows) === 1;
  }

  async findOfLab(labId: string, id: string): Promise<PinnedInstructionRow | null> {
    const rows: PinnedInstructionRow[] = await this.tx
      .manager()
      .query(`${SELECT} WHERE p.lab_id = $1 AND p.id = $2`, [labId, id]);
    return rows[0] ?? null;
  }

  /** Pins in force for the whole lab and for the given rooms, oldest first. */
  findActive(labId: string, roomIds: readonly string[]): Promise<PinnedInstructionRow[]> {
    return this.tx.query(this.active(labId, roomIds));
  }

  active(labId: string, roomIds: Param<readonly string[]>): Statement<PinnedInstructionRow> {
    return statement<PinnedInstructionRow>(
      `${SELECT} WHERE p.lab_id = $1 AND p.unpinned_at IS NULL AND (p.room_id IS NULL OR p.room_id = ANY($2::uuid[]))
        ORDER BY p.pinned_at, p.id`,
      [labId, roomIds],
      ['pinnedAt', 'unpinnedAt'],
    );
  }

  /** Pins in force for the whole lab and for every room of a round, oldest first. */
  activeInRound(labId: string, roundId: Param<string | null>): Statement<PinnedInstructionRow> {
    return statement<PinnedInstructionRow>(
      `${SELECT} WHERE p.lab_id = $1 AND p.unpinned_at IS NULL
          AND (p.room_id IS NULL OR p.room_id IN (SELECT id FROM breakout_rooms WHERE round_id = $2))
        ORDER BY p.pinned_at, p.id`,
      [labId, roundId],
      ['pinnedAt', 'unpinnedAt'],
    );
  }
}
