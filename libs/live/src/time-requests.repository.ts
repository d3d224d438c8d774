import { Injectable } from '@nestjs/common';
import {
  type Param,
  rowsOf,
  type Statement,
  statement,
  TransactionRunner,
} from '@ideas-lab/platform';
import type { TimeRequestDecision } from './entities/time-request.entity.js';

export interface TimeRequestRow {
  id: string;
  labId: string;
  roundId: string;
  roomId: string;
  roomName: string;
  askedBy: string;
  askedByName: string;
  askedAt: Date;
  decision: TimeRequestDecision | null;
  decidedAt: Date | null;
}

const SELECT = `SELECT t.id, t.lab_id AS "labId", t.round_id AS "roundId", t.room_id AS "roomId", b.name AS "roomName",
                       t.asked_by AS "askedBy", u.display_name AS "askedByName", t.asked_at AS "askedAt", t.decision, t.decided_at AS "decidedAt"
                  FROM time_requests t JOIN breakout_rooms b ON b.id = t.room_id JOIN users u ON u.id = t.asked_by`;

/** Rooms' requests for more time, and the organisers' decisions. */
@Injectable()
export class TimeRequestsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Store a request; null when the room already asked in this round (and was not declined). */
  async insertOncePerRoom(input: {
    labId: string;
    roundId: string;
    roomId: string;
    askedBy: string;
  }): Promise<string | null> {
    const rows: { id: string }[] = await this.tx.manager().query(
      `INSERT INTO time_requests (lab_id, round_id, room_id, asked_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (round_id, room_id) WHERE decision IS NULL OR decision = 'approved' DO NOTHING RETURNING id`,
      [input.labId, input.roundId, input.roomId, input.askedBy],
    );
    return rows[0]?.id ?? null;
  }

  async findOfLab(labId: string, id: string): Promise<TimeRequestRow | null> {
    const rows: TimeRequestRow[] = await this.tx
      .manager()
      .query(`${SELECT} WHERE t.lab_id = $1 AND t.id = $2`, [labId, id]);
    return rows[0] ?? null;
  }

  /**
   * The requests of a round a (re)connecting person sees: every undecided one (organisers),
   * or one room's, decided or not, oldest first.
   */
  ofRound(
    roundId: Param<string | null>,
    scope: { undecided: true } | { roomId: Param<string | null> },
  ): Statement<TimeRequestRow> {
    return 'roomId' in scope
      ? statement<TimeRequestRow>(
          `${SELECT} WHERE t.round_id = $1 AND t.room_id = $2 ORDER BY t.asked_at, t.id`,
          [roundId, scope.roomId],
          ['askedAt', 'decidedAt'],
        )
      : statement<TimeRequestRow>(
          `${SELECT} WHERE t.round_id = $1 AND t.decision IS NULL ORDER BY t.asked_at, t.id`,
          [roundId],
          ['askedAt', 'decidedAt'],
        );
  }

  /** Decide a pending request; false when it was decided already. */
  async decideIfPending(
    id: string,
    decision: TimeRequestDecision,
    userId: string,
  ): Promise<boolean> {
    const rows = rowsOf<unknown>(
      await this.tx
        .manager()
        .query(
          `UPDATE time_requests SET decision = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND decision IS NULL RETURNING id`,
          [id, decision, userId],
        ),
    );
    return rows.length === 1;
  }
}
