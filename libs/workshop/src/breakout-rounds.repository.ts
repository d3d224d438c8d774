import { Injectable } from '@nestjs/common';
import { rowsOf, TransactionRunner } from '@ideas-lab/platform';
import type { BreakoutRoundState } from './entities/breakout-round.entity.js';

/** A breakout round with what the timer and the live layer need to place it: its session and lab. */
export interface BreakoutRoundRow {
  id: string;
  sessionId: string;
  labId: string;
  index: number;
  title: string;
  state: BreakoutRoundState;
  durationMinutes: number;
  endsAt: Date | null;
}

const COLUMNS = `r.id, r.session_id AS "sessionId", s.lab_id AS "labId", r.index, r.title, r.state,
                 r.duration_minutes AS "durationMinutes", r.ends_at AS "endsAt"`;
const RETURNING = `RETURNING r.id, r.session_id AS "sessionId", (SELECT lab_id FROM agenda_sessions WHERE id = r.session_id) AS "labId",
                             r.index, r.title, r.state, r.duration_minutes AS "durationMinutes", r.ends_at AS "endsAt"`;

const returned = (result: unknown) => rowsOf<BreakoutRoundRow>(result);

/**
 * Every transition of a breakout round, each a guarded update that only one caller wins
 * however many API instances race for it: open, close (now, within a grace period, at the
 * deadline), the deadline moved, the T-5 and T-1 minute warnings.
 */
@Injectable()
export class BreakoutRoundsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** A round of a lab (and of one session, when given), locked for the transaction's transition. */
  async lockOfLab(
    labId: string,
    roundId: string,
    sessionId?: string,
  ): Promise<BreakoutRoundRow | null> {
    const rows: BreakoutRoundRow[] = await this.tx.manager().query(
      `SELECT ${COLUMNS} FROM breakout_rounds r JOIN agenda_sessions s ON s.id = r.session_id
        WHERE s.lab_id = $1 AND r.id = $2 AND ($3::uuid IS NULL OR r.session_id = $3) FOR UPDATE OF r`,
      [labId, roundId, sessionId ?? null],
    );
    return rows[0] ?? null;
  }

  /** When a round's session runs, and the lab's time zone: rounds open on their session's day. */
  async findSessionTimesOf(
    roundId: string,
  ): Promise<{ startsAt: Date; endsAt: Date; timezone: string } | null> {
    const rows: { startsAt: Date; endsAt: Date; timezone: string }[] = await this.tx
      .manager()
      .query(
        `SELECT s.starts_at AS "startsAt", s.ends_at AS "endsAt", l.timezone
           FROM breakout_rounds r JOIN agenda_sessions s ON s.id = r.session_id JOIN labs l ON l.id = s.lab_id
          WHERE r.id = $1`,
        [roundId],
      );
    return rows[0] ?? null;
  }

  /** planned → open: the clock starts; warnings already due (a short round) count as given. */
  async openIfPlanned(roundId: string, seconds: number): Promise<BreakoutRoundRow | null> {
    const rows = returned(
      await this.tx.manager().query(
        `UPDATE breakout_rounds r SET state = 'open', ends_at = now() + make_interval(secs => $2),
                warned_5_at = CASE WHEN $2 <= 300 THEN now() END, warned_1_at = CASE WHEN $2 <= 60 THEN now() END
          WHERE r.id = $1 AND r.state = 'planned' ${RETURNING}`,
        [roundId, seconds],
      ),
    );
    return rows[0] ?? null;
  }

  /** open → closed now; its deadline becomes now if it was later. Null when it was not open. */
  async closeIfOpen(roundId: string): Promise<BreakoutRoundRow | null> {
    const rows = returned(
      await this.tx.manager().query(
        `UPDATE breakout_rounds r SET state = 'closed', ends_at = LEAST(COALESCE(r.ends_at, now()), now())
          WHERE r.id = $1 AND r.state = 'open' ${RETURNING}`,
        [roundId],
      ),
    );
    return rows[0] ?? null;
  }

  /** A grace countdown: the round ends in `seconds` at the latest (the timer closes it then). */
  async endWithin(roundId: string, seconds: number): Promise<BreakoutRoundRow | null> {
    const rows = returned(
      await this.tx.manager().query(
        `UPDATE breakout_rounds r SET ends_at = LEAST(COALESCE(r.ends_at, 'infinity'), now() + make_interval(secs => $2))
          WHERE r.id = $1 AND r.state = 'open' ${RETURNING}`,
        [roundId, seconds],
      ),
    );
    return rows[0] ?? null;
  }

  /** Move the deadline of an open round by `deltaSeconds` (never before now); a warning whose moment moves ahead again is re-armed. */
  async moveDeadline(roundId: string, deltaSeconds: number): Promise<BreakoutRoundRow | null> {
    const rows = returned(
      await this.tx.manager().query(
        `WITH next AS (SELECT id, GREATEST(now(), COALESCE(ends_at, now()) + make_interval(secs => $2)) AS ends_at FROM breakout_rounds WHERE id = $1 AND state = 'open')
         UPDATE breakout_rounds r SET ends_at = next.ends_at,
                warned_5_at = CASE WHEN next.ends_at - now() > interval '5 minutes' THEN NULL ELSE r.warned_5_at END,
                warned_1_at = CASE WHEN next.ends_at - now() > interval '1 minute' THEN NULL ELSE r.warned_1_at END
           FROM next WHERE r.id = next.id ${RETURNING}`,
        [roundId, deltaSeconds],
      ),
    );
    return rows[0] ?? null;
  }

  /**
   * Close every open round whose deadline has passed. Each row is updated by exactly one
   * caller across all instances: the guarded update only matches rows still open, and rows
   * another instance is closing right now are skipped, not waited for. The inner query reads
   * the partial index of open rounds by deadline (`breakout_rounds_open_ends_at_idx`).
   */
  async closeDue(): Promise<BreakoutRoundRow[]> {
    return returned(
      await this.tx.manager().query(
        `UPDATE breakout_rounds r SET state = 'closed'
          WHERE r.id IN (SELECT id FROM breakout_rounds WHERE state = 'open' AND ends_at <= now() FOR UPDATE SKIP LOCKED)
            AND r.state = 'open' ${RETURNING}`,
      ),
    );
  }

  /** Mark the T-`minutes` warning of every open round that has reached it; once per round. */
  async warnDue(minutes: 5 | 1): Promise<BreakoutRoundRow[]> {
    const column = minutes === 5 ? 'warned_5_at' : 'warned_1_at';
    return returned(
      await this.tx.manager().query(
        `UPDATE breakout_rounds r SET ${column} = now()
          WHERE r.id IN (SELECT id FROM breakout_rounds WHERE state = 'open' AND ends_at > now()
                            AND ends_at <= now() + make_interval(mins => $1) AND ${column} IS NULL FOR UPDATE SKIP LOCKED)
            AND r.${column} IS NULL ${RETURNING}`,
        [minutes],
      ),
    );
  }
}
