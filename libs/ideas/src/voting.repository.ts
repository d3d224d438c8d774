import { Injectable } from '@nestjs/common';
import { rowsOf, TransactionRunner } from '@ideas-lab/platform';
import { VotingSessionEntity, type VotingBallot } from './entities/voting-session.entity.js';

export interface TallyRow {
  ideaId: string;
  title: string;
  status: 'active' | 'archived' | 'merged';
  participants: number;
  mentors: number;
  total: number;
}

/** Why a dot was not placed (or taken back); null when it was. */
export type DotRefusal = 'closed' | 'budget' | 'cap' | 'none-to-take-back';

const SESSION_COLUMNS = `id, lab_id AS "labId", title, dot_budget AS "dotBudget", per_idea_cap AS "perIdeaCap",
  blind, ballots, opened_at AS "openedAt", ends_at AS "endsAt", closed_at AS "closedAt",
  closed_by AS "closedBy", opened_by AS "openedBy"`;

@Injectable()
export class VotingRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get sessions() {
    return this.tx.manager().getRepository(VotingSessionEntity);
  }

  private async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return rowsOf<T>(await this.tx.manager().query(sql, params));
  }

  /** A new open session; null when the lab has one open already (one at a time). */
  async open(session: {
    labId: string;
    title: string;
    dotBudget: number;
    perIdeaCap: number;
    blind: boolean;
    ballots: VotingBallot[];
    durationSeconds: number;
    openedBy: string;
  }): Promise<VotingSessionEntity | null> {
    const rows = await this.query<VotingSessionEntity>(
      `INSERT INTO voting_sessions (lab_id, title, dot_budget, per_idea_cap, blind, ballots, ends_at, opened_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, now() + make_interval(secs => $7), $8)
       ON CONFLICT (lab_id) WHERE closed_at IS NULL DO NOTHING
       RETURNING ${SESSION_COLUMNS}`,
      [
        session.labId,
        session.title,
        session.dotBudget,
        session.perIdeaCap,
        session.blind,
        JSON.stringify(session.ballots),
        session.durationSeconds,
        session.openedBy,
      ],
    );
    return rows[0] ?? null;
  }

  findOfLab(labId: string, sessionId: string): Promise<VotingSessionEntity | null> {
    return this.sessions.findOneBy({ id: sessionId, labId });
  }

  listOfLab(labId: string): Promise<VotingSessionEntity[]> {
    return this.sessions.find({ where: { labId }, order: { openedAt: 'DESC', id: 'ASC' } });
  }

  /** Close one session if it is still open (an organiser's close); null when it was closed already. */
  async closeIfOpen(sessionId: string): Promise<VotingSessionEntity | null> {
    const rows = await this.query<VotingSessionEntity>(
      `UPDATE voting_sessions SET closed_at = now(), closed_by = 'organiser'
        WHERE id = $1 AND closed_at IS NULL RETURNING ${SESSION_COLUMNS}`,
      [sessionId],
    );
    return rows[0] ?? null;
  }

  /**
   * Close every open session whose time is up. Each row is closed by exactly one caller
   * across all instances: the guarded update matches only rows still open, and rows another
   * instance is closing now are skipped, not waited for. Reads the partial index of open
   * sessions by deadline.
   */
  closeDue(): Promise<VotingSessionEntity[]> {
    return this.query<VotingSessionEntity>(
      `UPDATE voting_sessions s SET closed_at = now(), closed_by = 'timer'
        WHERE s.id IN (SELECT id FROM voting_sessions WHERE closed_at IS NULL AND ends_at <= now() FOR UPDATE SKIP LOCKED)
          AND s.closed_at IS NULL
        RETURNING ${SESSION_COLUMNS}`,
    );
  }

  /**
   * Place (+1) or take back (-1) one dot of a voter on an idea, keeping the voter's budget
   * and the per-idea cap whatever else runs at the same moment. The voter's ballot row is
   * the lock: the first statement creates it if needed and updates it only when the budget
   * allows, so concurrent clicks of one voter (any tab, any instance) queue on that row and
   * each sees the count the previous one left. The session row is read FOR SHARE, so a
   * close waits for dots in flight and no dot lands after it. Must run in a transaction.
   */
  async placeDot(input: {
    sessionId: string;
    voterId: string;
    ballot: VotingBallot;
    ideaId: string;
    delta: 1 | -1;
  }): Promise<DotRefusal | null> {
    const { sessionId, voterId, ballot, ideaId, delta } = input;
    const open = await this.query<{ dotBudget: number; perIdeaCap: number }>(
      `SELECT dot_budget AS "dotBudget", per_idea_cap AS "perIdeaCap" FROM voting_sessions
        WHERE id = $1 AND closed_at IS NULL AND ends_at > now() FOR SHARE`,
      [sessionId],
    );
    if (open.length === 0) return 'closed';
    const { dotBudget, perIdeaCap } = open[0];
    await this.query(
      `INSERT INTO voting_ballots (session_id, voter_id, ballot) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [sessionId, voterId, ballot],
    );
    const ballotRows = await this.query<{ dotsUsed: number }>(
      `UPDATE voting_ballots SET dots_used = dots_used + $3
        WHERE session_id = $1 AND voter_id = $2 AND dots_used + $3 BETWEEN 0 AND $4
        RETURNING dots_used AS "dotsUsed"`,
      [sessionId, voterId, delta, dotBudget],
    );
    if (ballotRows.length === 0) return delta > 0 ? 'budget' : 'none-to-take-back';
    // The ballot row is ours until commit: this voter's dots on the idea cannot change meanwhile.
    if (delta < 0) {
      const taken = await this.query(
        `UPDATE voting_dots SET dots = dots - 1
          WHERE session_id = $1 AND voter_id = $2 AND idea_id = $3 AND dots > 0 RETURNING dots`,
        [sessionId, voterId, ideaId],
      );
      return taken.length === 0 ? 'none-to-take-back' : null;
    }
    const placed = await this.query(
      `INSERT INTO voting_dots AS d (session_id, voter_id, idea_id, dots) VALUES ($1, $2, $3, 1)
       ON CONFLICT (session_id, voter_id, idea_id) DO UPDATE SET dots = d.dots + 1
         WHERE d.dots + 1 <= $4
       RETURNING dots`,
      [sessionId, voterId, ideaId, perIdeaCap],
    );
    return placed.length === 0 ? 'cap' : null;
  }

  async ballotOf(
    sessionId: string,
    voterId: string,
  ): Promise<{ dotsUsed: number; dots: { ideaId: string; dots: number }[] }> {
    const used = await this.query<{ dotsUsed: number }>(
      `SELECT dots_used AS "dotsUsed" FROM voting_ballots WHERE session_id = $1 AND voter_id = $2`,
      [sessionId, voterId],
    );
    const dots = await this.query<{ ideaId: string; dots: number }>(
      `SELECT idea_id AS "ideaId", dots FROM voting_dots WHERE session_id = $1 AND voter_id = $2 AND dots > 0 ORDER BY idea_id`,
      [sessionId, voterId],
    );
    return { dotsUsed: used[0]?.dotsUsed ?? 0, dots };
  }

  async turnout(sessionId: string): Promise<{ participants: number; mentors: number }> {
    const rows = await this.query<{ participants: number; mentors: number }>(
      `SELECT count(*) FILTER (WHERE ballot = 'participants' AND dots_used > 0)::int AS participants,
              count(*) FILTER (WHERE ballot = 'mentors' AND dots_used > 0)::int AS mentors
         FROM voting_ballots WHERE session_id = $1`,
      [sessionId],
    );
    return rows[0] ?? { participants: 0, mentors: 0 };
  }

  /** Dots per idea and ballot, most first; every active idea of the lab is listed. */
  tallies(labId: string, sessionId: string): Promise<TallyRow[]> {
    return this.query<TallyRow>(
      `SELECT i.id AS "ideaId", i.title, i.status,
              COALESCE(sum(d.dots) FILTER (WHERE b.ballot = 'participants'), 0)::int AS participants,
              COALESCE(sum(d.dots) FILTER (WHERE b.ballot = 'mentors'), 0)::int AS mentors,
              COALESCE(sum(d.dots), 0)::int AS total
         FROM ideas i
         LEFT JOIN voting_dots d ON d.idea_id = i.id AND d.session_id = $2
         LEFT JOIN voting_ballots b ON b.session_id = d.session_id AND b.voter_id = d.voter_id
        WHERE i.lab_id = $1
        GROUP BY i.id
       HAVING i.status = 'active' OR COALESCE(sum(d.dots), 0) > 0
        ORDER BY total DESC, participants DESC, i.created_at, i.id`,
      [labId, sessionId],
    );
  }
}
