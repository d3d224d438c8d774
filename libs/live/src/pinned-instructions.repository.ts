import { Injectable } from '@nestjs/common';
import { affectedCount, type Statement, statement, TransactionRunner } from '@ideas-lab/platform';

export interface PinnedInstructionRow {
  id: string;
  labId: string;
  roomId: string | null;
  message: string;
  pinnedBy: string;
  pinnedByName: string;
  pinnedAt: Date;
  unpinnedAt: Date | null;
}

const SELECT = `SELECT p.id, p.lab_id AS "labId", p.room_id AS "roomId", p.message, p.pinned_by AS "pinnedBy",
                       u.display_name AS "pinnedByName", p.pinned_at AS "pinnedAt", p.unpinned_at AS "unpinnedAt"
                  FROM pinned_instructions p JOIN users u ON u.id = p.pinned_by`;

/** Instructions organisers pin for every room or for one room. */
@Injectable()
export class PinnedInstructionsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(input: {
    labId: string;
    roomId: string | null;
    message: string;
    pinnedBy: string;
  }): Promise<string> {
    const rows: { id: string }[] = await this.tx
      .manager()
      .query(
        `INSERT INTO pinned_instructions (lab_id, room_id, message, pinned_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [input.labId, input.roomId, input.message, input.pinnedBy],
      );
    return rows[0].id;
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

  active(labId: string, roomIds: readonly string[]): Statement<PinnedInstructionRow> {
    return statement<PinnedInstructionRow>(
      `${SELECT} WHERE p.lab_id = $1 AND p.unpinned_at IS NULL AND (p.room_id IS NULL OR p.room_id = ANY($2::uuid[]))
        ORDER BY p.pinned_at, p.id`,
      [labId, [...roomIds]],
      ['pinnedAt', 'unpinnedAt'],
    );
  }

  /** Pins in force for the whole lab and for every room of a round, oldest first. */
  activeInRound(labId: string, roundId: string): Statement<PinnedInstructionRow> {
    return statement<PinnedInstructionRow>(
      `${SELECT} WHERE p.lab_id = $1 AND p.unpinned_at IS NULL
          AND (p.room_id IS NULL OR p.room_id IN (SELECT id FROM breakout_rooms WHERE round_id = $2))
        ORDER BY p.pinned_at, p.id`,
      [labId, roundId],
      ['pinnedAt', 'unpinnedAt'],
    );
  }
}
