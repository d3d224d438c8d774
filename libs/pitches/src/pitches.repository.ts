import { Injectable } from '@nestjs/common';
import { rowsOf, type Statement, statement, TransactionRunner } from '@ideas-lab/platform';
import type { ReviewCriterion } from '@ideas-lab/domain';
import type { PitchSessionState, PitchSlotPhase } from './pitches.contract.js';

/** An agenda session of kind `pitch` with its pitch part (null until the running order is first saved). */
export interface PitchSessionRow {
  sessionId: string;
  labId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  criteria: ReviewCriterion[] | null;
  state: PitchSessionState;
  version: number;
  currentSlotId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface PitchSlotRow {
  id: string;
  sessionId: string;
  labId: string;
  teamId: string;
  teamName: string;
  position: number;
  pitchSeconds: number;
  questionSeconds: number;
  phase: PitchSlotPhase;
  phaseEndsAt: Date | null;
  clockVersion: number;
  adjustedSeconds: number;
  startedAt: Date | null;
  closedAt: Date | null;
}

export interface PitchScoreRowData {
  id: string;
  slotId: string;
  teamId: string;
  mentorId: string;
  mentorName: string;
  scores: Record<string, number>;
  commentToTeam: string;
  privateNote: string;
  version: number;
  releasedAt: Date | null;
  updatedAt: Date;
  phase: PitchSlotPhase;
}

const SESSION = `a.id AS "sessionId", a.lab_id AS "labId", a.title, a.starts_at AS "startsAt", a.ends_at AS "endsAt",
  p.criteria, COALESCE(p.state, 'scheduled') AS state, COALESCE(p.version, 0) AS version,
  p.current_slot_id AS "currentSlotId", p.started_at AS "startedAt", p.ended_at AS "endedAt"`;

const SLOT = `s.id, s.session_id AS "sessionId", p.lab_id AS "labId", s.team_id AS "teamId",
  (SELECT name FROM teams WHERE id = s.team_id) AS "teamName", s.position,
  s.pitch_seconds AS "pitchSeconds", s.question_seconds AS "questionSeconds", s.phase,
  s.phase_ends_at AS "phaseEndsAt", s.clock_version AS "clockVersion",
  s.adjusted_seconds AS "adjustedSeconds", s.started_at AS "startedAt", s.closed_at AS "closedAt"`;
const SLOT_RETURNING = `RETURNING ${SLOT.replace('p.lab_id', '(SELECT lab_id FROM pitch_sessions WHERE session_id = s.session_id)')}`;

const SCORE = `c.id, c.slot_id AS "slotId", s.team_id AS "teamId", c.mentor_id AS "mentorId",
  u.display_name AS "mentorName", c.scores, c.comment_to_team AS "commentToTeam",
  c.private_note AS "privateNote", c.version, c.released_at AS "releasedAt", c.updated_at AS "updatedAt", s.phase`;

/**
 * Pitch sessions, their slots and scores. Every stage change is a guarded update that only one
 * caller wins however many API instances race for it (the timer's as the breakout rounds' are).
 */
@Injectable()
export class PitchesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.tx
      .manager()
      .query(sql, params)
      .then((r: unknown) => rowsOf<T>(r));
  }

  // ---- sessions -------------------------------------------------------------------------

  async findSession(labId: string, sessionId: string): Promise<PitchSessionRow | null> {
    const rows = await this.query<PitchSessionRow>(
      `SELECT ${SESSION} FROM agenda_sessions a LEFT JOIN pitch_sessions p ON p.session_id = a.id
        WHERE a.lab_id = $1 AND a.id = $2 AND a.kind = 'pitch'`,
      [labId, sessionId],
    );
    return rows[0] ?? null;
  }

  findSessionsOfLab(labId: string): Promise<PitchSessionRow[]> {
    return this.query<PitchSessionRow>(
      `SELECT ${SESSION} FROM agenda_sessions a LEFT JOIN pitch_sessions p ON p.session_id = a.id
        WHERE a.lab_id = $1 AND a.kind = 'pitch' ORDER BY a.starts_at, a.id`,
      [labId],
    );
  }

  /** The session running now in the lab (the latest started), for the live snapshot. */
  /** The lab's running pitch session (the latest started), as a statement to batch. */
  runningOfLab(labId: string): Statement<PitchSessionRow> {
    return statement<PitchSessionRow>(
      `SELECT ${SESSION} FROM pitch_sessions p JOIN agenda_sessions a ON a.id = p.session_id
        WHERE p.lab_id = $1 AND p.state = 'running' ORDER BY p.started_at DESC LIMIT 1`,
      [labId],
      ['startsAt', 'endsAt', 'startedAt', 'endedAt'],
    );
  }

  /** The slots of the session `runningOfLab` finds, in running order, as a statement to batch. */
  slotsOfRunning(labId: string): Statement<PitchSlotRow> {
    return statement<PitchSlotRow>(
      `SELECT ${SLOT} FROM pitch_slots s JOIN pitch_sessions p ON p.session_id = s.session_id
        WHERE s.session_id = (SELECT session_id FROM pitch_sessions
                               WHERE lab_id = $1 AND state = 'running' ORDER BY started_at DESC LIMIT 1)
        ORDER BY s.position, s.id`,
      [labId],
      ['phaseEndsAt', 'startedAt', 'closedAt'],
    );
  }

  /** Create the pitch part of an agenda session (no-op when it exists), then lock it for the transaction. */
  async ensureAndLock(
    labId: string,
    sessionId: string,
    criteria: ReviewCriterion[],
  ): Promise<void> {
    await this.query(
      `INSERT INTO pitch_sessions (session_id, lab_id, criteria, version) VALUES ($1, $2, $3::jsonb, 0)
        ON CONFLICT (session_id) DO NOTHING`,
      [sessionId, labId, JSON.stringify(criteria)],
    );
    await this.query(`SELECT session_id FROM pitch_sessions WHERE session_id = $1 FOR UPDATE`, [
      sessionId,
    ]);
  }

  /** The next version of the running order; false when `version` is not the current one. */
  async saveVersion(
    sessionId: string,
    version: number,
    criteria: ReviewCriterion[],
    updatedBy: string,
  ): Promise<boolean> {
    const rows = await this.query(
      `UPDATE pitch_sessions SET version = version + 1, criteria = $3::jsonb, updated_by = $4
        WHERE session_id = $1 AND version = $2 RETURNING session_id`,
      [sessionId, version, JSON.stringify(criteria), updatedBy],
    );
    return rows.length === 1;
  }

  async startSession(sessionId: string): Promise<boolean> {
    const rows = await this.query(
      `UPDATE pitch_sessions SET state = 'running', started_at = now()
        WHERE session_id = $1 AND state = 'scheduled' RETURNING session_id`,
      [sessionId],
    );
    return rows.length === 1;
  }

  async setCurrentSlot(sessionId: string, slotId: string): Promise<void> {
    await this.query(`UPDATE pitch_sessions SET current_slot_id = $2 WHERE session_id = $1`, [
      sessionId,
      slotId,
    ]);
  }

  async endSession(sessionId: string): Promise<boolean> {
    const rows = await this.query(
      `UPDATE pitch_sessions SET state = 'ended', ended_at = now()
        WHERE session_id = $1 AND state = 'running' RETURNING session_id`,
      [sessionId],
    );
    return rows.length === 1;
  }

  // ---- slots -----------------------------------------------------------------------------

  findSlots(sessionId: string): Promise<PitchSlotRow[]> {
    return this.query<PitchSlotRow>(
      `SELECT ${SLOT} FROM pitch_slots s JOIN pitch_sessions p ON p.session_id = s.session_id
        WHERE s.session_id = $1 ORDER BY s.position, s.id`,
      [sessionId],
    );
  }

  async findSlot(sessionId: string, slotId: string): Promise<PitchSlotRow | null> {
    const rows = await this.query<PitchSlotRow>(
      `SELECT ${SLOT} FROM pitch_slots s JOIN pitch_sessions p ON p.session_id = s.session_id
        WHERE s.session_id = $1 AND s.id = $2`,
      [sessionId, slotId],
    );
    return rows[0] ?? null;
  }

  /**
   * The slot, share-locked for the transaction: a score saved under it is either in before the
   * timer closes the slot, or sees it closed (the timer skips a slot being scored, and closes
   * it at its next poll).
   */
  async findSlotForScoring(sessionId: string, slotId: string): Promise<PitchSlotRow | null> {
    const rows = await this.query<PitchSlotRow>(
      `SELECT ${SLOT} FROM pitch_slots s JOIN pitch_sessions p ON p.session_id = s.session_id
        WHERE s.session_id = $1 AND s.id = $2 FOR SHARE OF s`,
      [sessionId, slotId],
    );
    return rows[0] ?? null;
  }

  async deleteSlots(ids: string[]): Promise<void> {
    if (ids.length > 0)
      await this.query(`DELETE FROM pitch_slots WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async updateSlot(id: string, position: number, pitchSeconds: number, questionSeconds: number) {
    await this.query(
      `UPDATE pitch_slots SET position = $2, pitch_seconds = $3, question_seconds = $4 WHERE id = $1`,
      [id, position, pitchSeconds, questionSeconds],
    );
  }

  async insertSlot(
    sessionId: string,
    teamId: string,
    position: number,
    pitchSeconds: number,
    questionSeconds: number,
  ): Promise<void> {
    await this.query(
      `INSERT INTO pitch_slots (session_id, team_id, position, pitch_seconds, question_seconds) VALUES ($1, $2, $3, $4, $5)`,
      [sessionId, teamId, position, pitchSeconds, questionSeconds],
    );
  }

  /** waiting → pitch: the pitch clock starts. */
  async startPitch(slotId: string): Promise<PitchSlotRow | null> {
    const rows = await this.query<PitchSlotRow>(
      `UPDATE pitch_slots s SET phase = 'pitch', started_at = now(), phase_ends_at = now() + make_interval(secs => s.pitch_seconds)
        WHERE s.id = $1 AND s.phase = 'waiting' ${SLOT_RETURNING}`,
      [slotId],
    );
    return rows[0] ?? null;
  }

  /**
   * The organisers move a slot on from the phase they see: pitch → questions (or closed when it
   * has no question time), questions → closed. Null when it is no longer in that phase.
   */
  async advance(slotId: string, from: 'pitch' | 'questions'): Promise<PitchSlotRow | null> {
    const rows = await this.query<PitchSlotRow>(
      `UPDATE pitch_slots s SET
          phase = CASE WHEN s.phase = 'pitch' AND s.question_seconds > 0 THEN 'questions' ELSE 'closed' END,
          phase_ends_at = CASE WHEN s.phase = 'pitch' AND s.question_seconds > 0 THEN now() + make_interval(secs => s.question_seconds) ELSE now() END,
          adjusted_seconds = CASE WHEN s.phase = 'pitch' AND s.question_seconds > 0 THEN 0 ELSE s.adjusted_seconds END,
          closed_at = CASE WHEN s.phase = 'pitch' AND s.question_seconds > 0 THEN NULL ELSE now() END
        WHERE s.id = $1 AND s.phase = $2 ${SLOT_RETURNING}`,
      [slotId, from],
    );
    return rows[0] ?? null;
  }

  /** pitch or questions → closed now (next team, end of session). */
  async closeIfRunning(slotId: string): Promise<PitchSlotRow | null> {
    const rows = await this.query<PitchSlotRow>(
      `UPDATE pitch_slots s SET phase = 'closed', phase_ends_at = LEAST(COALESCE(s.phase_ends_at, now()), now()), closed_at = now()
        WHERE s.id = $1 AND s.phase IN ('pitch','questions') ${SLOT_RETURNING}`,
      [slotId],
    );
    return rows[0] ?? null;
  }

  /**
   * An organiser moves the running clock by `deltaSeconds`, from the phase and clock version they
   * saw, as long as the new deadline leaves between `minLeft` and `maxLeft` seconds (server
   * time). Null when any of that no longer holds (the caller reads the slot to say which). The
   * timer polls the stored deadline, so every instance closes the stage at the new time; a row
   * the timer is moving makes this wait, then see the phase it moved to.
   */
  async moveClock(input: {
    slotId: string;
    phase: 'pitch' | 'questions';
    clockVersion: number;
    deltaSeconds: number;
    minLeft: number;
    maxLeft: number;
  }): Promise<PitchSlotRow | null> {
    const rows = await this.query<PitchSlotRow>(
      `UPDATE pitch_slots s SET phase_ends_at = s.phase_ends_at + make_interval(secs => $4::int),
          clock_version = s.clock_version + 1, adjusted_seconds = s.adjusted_seconds + $4::int
        WHERE s.id = $1 AND s.phase = $2 AND s.clock_version = $3::int
          AND s.phase_ends_at + make_interval(secs => $4::int) >= now() + make_interval(secs => $5::int)
          AND s.phase_ends_at + make_interval(secs => $4::int) <= now() + make_interval(secs => $6::int)
        ${SLOT_RETURNING}`,
      [
        input.slotId,
        input.phase,
        input.clockVersion,
        input.deltaSeconds,
        input.minLeft,
        input.maxLeft,
      ],
    );
    return rows[0] ?? null;
  }

  /** Seconds from the database's now to the slot's deadline (negative once passed); null without one. */
  async secondsLeft(slotId: string): Promise<number | null> {
    const rows = await this.query<{ secondsLeft: number | null }>(
      `SELECT EXTRACT(EPOCH FROM (phase_ends_at - now()))::float8 AS "secondsLeft" FROM pitch_slots WHERE id = $1`,
      [slotId],
    );
    return rows[0]?.secondsLeft ?? null;
  }

  /**
   * The timer: move every running slot whose clock ran out on (pitch → questions at the pitch's
   * deadline, questions → closed). Each row is moved by exactly one caller across all
   * instances: the guarded update only matches rows still in a running phase and past their
   * deadline, and rows another transaction holds (a transition, a score being saved) are
   * skipped, not waited for. Reads the partial index of running slots by deadline.
   */
  timerDue(): Promise<PitchSlotRow[]> {
    return this.query<PitchSlotRow>(
      `UPDATE pitch_slots s SET
          phase = CASE WHEN s.phase = 'pitch' AND s.question_seconds > 0 THEN 'questions' ELSE 'closed' END,
          phase_ends_at = CASE WHEN s.phase = 'pitch' AND s.question_seconds > 0 THEN s.phase_ends_at + make_interval(secs => s.question_seconds) ELSE s.phase_ends_at END,
          adjusted_seconds = CASE WHEN s.phase = 'pitch' AND s.question_seconds > 0 THEN 0 ELSE s.adjusted_seconds END,
          closed_at = CASE WHEN s.phase = 'pitch' AND s.question_seconds > 0 THEN NULL ELSE now() END
        WHERE s.id IN (SELECT id FROM pitch_slots WHERE phase IN ('pitch','questions') AND phase_ends_at <= now() FOR UPDATE SKIP LOCKED)
          AND s.phase IN ('pitch','questions') AND s.phase_ends_at <= now() ${SLOT_RETURNING}`,
    );
  }

  // ---- scores ----------------------------------------------------------------------------

  async countScores(sessionId: string): Promise<number> {
    const rows = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pitch_scores c JOIN pitch_slots s ON s.id = c.slot_id WHERE s.session_id = $1`,
      [sessionId],
    );
    return rows[0]?.n ?? 0;
  }

  findScoresOfSession(sessionId: string): Promise<PitchScoreRowData[]> {
    return this.query<PitchScoreRowData>(
      `SELECT ${SCORE} FROM pitch_scores c JOIN pitch_slots s ON s.id = c.slot_id JOIN users u ON u.id = c.mentor_id
        WHERE s.session_id = $1 ORDER BY s.position, u.display_name, c.id`,
      [sessionId],
    );
  }

  findScoresOfMentor(sessionId: string, mentorId: string): Promise<PitchScoreRowData[]> {
    return this.query<PitchScoreRowData>(
      `SELECT ${SCORE} FROM pitch_scores c JOIN pitch_slots s ON s.id = c.slot_id JOIN users u ON u.id = c.mentor_id
        WHERE s.session_id = $1 AND c.mentor_id = $2`,
      [sessionId, mentorId],
    );
  }

  async findScore(sessionId: string, scoreId: string): Promise<PitchScoreRowData | null> {
    const rows = await this.query<PitchScoreRowData>(
      `SELECT ${SCORE} FROM pitch_scores c JOIN pitch_slots s ON s.id = c.slot_id JOIN users u ON u.id = c.mentor_id
        WHERE s.session_id = $1 AND c.id = $2`,
      [sessionId, scoreId],
    );
    return rows[0] ?? null;
  }

  /** Released comments of the session's slots for these teams, oldest release first. */
  findReleasedComments(
    sessionId: string,
    teamIds: string[],
  ): Promise<{ id: string; teamId: string; comment: string; releasedAt: Date }[]> {
    return this.query(
      `SELECT c.id, s.team_id AS "teamId", c.comment_to_team AS comment, c.released_at AS "releasedAt"
         FROM pitch_scores c JOIN pitch_slots s ON s.id = c.slot_id
        WHERE s.session_id = $1 AND s.team_id = ANY($2::uuid[]) AND c.released_at IS NOT NULL
        ORDER BY c.released_at, c.id`,
      [sessionId, teamIds],
    );
  }

  /** Insert the mentor's first score of a slot (version 1); false when one exists already. */
  async insertScore(input: {
    slotId: string;
    mentorId: string;
    scores: Record<string, number>;
    commentToTeam: string;
    privateNote: string;
  }): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO pitch_scores (slot_id, mentor_id, scores, comment_to_team, private_note) VALUES ($1, $2, $3::jsonb, $4, $5)
        ON CONFLICT (slot_id, mentor_id) DO NOTHING RETURNING id`,
      [
        input.slotId,
        input.mentorId,
        JSON.stringify(input.scores),
        input.commentToTeam,
        input.privateNote,
      ],
    );
    return rows.length === 1;
  }

  /** Write the next version of a score; false when `version` is not the current one. */
  async updateScore(input: {
    slotId: string;
    mentorId: string;
    version: number;
    scores: Record<string, number>;
    commentToTeam: string;
    privateNote: string;
  }): Promise<boolean> {
    const rows = await this.query(
      `UPDATE pitch_scores SET scores = $4::jsonb, comment_to_team = $5, private_note = $6, version = version + 1, updated_at = now()
        WHERE slot_id = $1 AND mentor_id = $2 AND version = $3 RETURNING id`,
      [
        input.slotId,
        input.mentorId,
        input.version,
        JSON.stringify(input.scores),
        input.commentToTeam,
        input.privateNote,
      ],
    );
    return rows.length === 1;
  }

  async findScoreOfMentor(slotId: string, mentorId: string): Promise<PitchScoreRowData | null> {
    const rows = await this.query<PitchScoreRowData>(
      `SELECT ${SCORE} FROM pitch_scores c JOIN pitch_slots s ON s.id = c.slot_id JOIN users u ON u.id = c.mentor_id
        WHERE c.slot_id = $1 AND c.mentor_id = $2`,
      [slotId, mentorId],
    );
    return rows[0] ?? null;
  }

  async setReleased(scoreId: string, released: boolean): Promise<void> {
    await this.query(
      `UPDATE pitch_scores SET released_at = CASE WHEN $2 THEN COALESCE(released_at, now()) END WHERE id = $1`,
      [scoreId, released],
    );
  }

  /** Every locked (closed-pitch) score of the lab, with its session and team, for the funding decision. */
  findClosedScoresOfLab(labId: string): Promise<
    {
      sessionId: string;
      sessionTitle: string;
      criteria: ReviewCriterion[];
      slotId: string;
      teamId: string;
      teamName: string;
      closedAt: Date;
      mentorId: string | null;
      scores: Record<string, number> | null;
    }[]
  > {
    return this.query(
      `SELECT p.session_id AS "sessionId", a.title AS "sessionTitle", p.criteria, s.id AS "slotId",
              s.team_id AS "teamId", t.name AS "teamName", s.closed_at AS "closedAt",
              c.mentor_id AS "mentorId", c.scores
         FROM pitch_slots s
         JOIN pitch_sessions p ON p.session_id = s.session_id
         JOIN agenda_sessions a ON a.id = p.session_id
         JOIN teams t ON t.id = s.team_id
         LEFT JOIN pitch_scores c ON c.slot_id = s.id
        WHERE p.lab_id = $1 AND s.phase = 'closed'
        ORDER BY a.starts_at, s.position, c.mentor_id`,
      [labId],
    );
  }
}
