import { Injectable } from '@nestjs/common';
import { affectedCount, TransactionRunner } from '@ideas-lab/platform';
import type { TeamStatus } from './entities/team.entity.js';

/** A team as team formation reads it: its idea, state, caps and members. */
export interface RosterTeamRow {
  id: string;
  labId: string;
  name: string;
  ideaId: string | null;
  status: TeamStatus;
  leadId: string | null;
  mentorId: string | null;
  minSize: number | null;
  maxSize: number | null;
  version: number;
  memberIds: string[];
}

const TEAM_COLUMNS = `t.id, t.lab_id AS "labId", t.name, t.idea_id AS "ideaId", t.status,
  t.lead_id AS "leadId", t.mentor_id AS "mentorId", t.min_size AS "minSize", t.max_size AS "maxSize",
  t.version,
  COALESCE((SELECT array_agg(m.user_id ORDER BY m.user_id) FROM team_members m WHERE m.team_id = t.id), ARRAY[]::uuid[]) AS "memberIds"`;

/** Who is on which team of a lab, as team formation changes it. */
@Injectable()
export class TeamRosterRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * Serialises changes to the lab's teams for the rest of the transaction: size caps and "one
   * formation team per person" are checked and written under it, so two people taking the last
   * place at once cannot both get it.
   */
  async lockRoster(labId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`SELECT pg_advisory_xact_lock(hashtextextended('team-roster:' || $1, 0))`, [labId]);
  }

  findTeamsOfLab(labId: string): Promise<RosterTeamRow[]> {
    return this.tx
      .manager()
      .query(`SELECT ${TEAM_COLUMNS} FROM teams t WHERE t.lab_id = $1 ORDER BY t.name, t.id`, [
        labId,
      ]);
  }

  async findTeamOfLab(labId: string, teamId: string): Promise<RosterTeamRow | null> {
    const rows: RosterTeamRow[] = await this.tx
      .manager()
      .query(`SELECT ${TEAM_COLUMNS} FROM teams t WHERE t.lab_id = $1 AND t.id = $2`, [
        labId,
        teamId,
      ]);
    return rows[0] ?? null;
  }

  async findTeamOfIdea(labId: string, ideaId: string): Promise<RosterTeamRow | null> {
    const rows: RosterTeamRow[] = await this.tx
      .manager()
      .query(`SELECT ${TEAM_COLUMNS} FROM teams t WHERE t.lab_id = $1 AND t.idea_id = $2`, [
        labId,
        ideaId,
      ]);
    return rows[0] ?? null;
  }

  /** A forming team around an idea; its name is the idea's, numbered when the lab already has it. */
  async insertFormingTeam(input: {
    labId: string;
    ideaId: string;
    name: string;
    minSize: number | null;
    maxSize: number | null;
    createdBy: string | null;
  }): Promise<string> {
    const rows: { id: string }[] = await this.tx.manager().query(
      `INSERT INTO teams (lab_id, name, idea_id, status, min_size, max_size, created_by)
       SELECT $1, candidate, $3, 'forming', $4, $5, $6
         FROM (SELECT CASE WHEN n = 1 THEN $2 ELSE $2 || ' (' || n || ')' END AS candidate, n
                 FROM generate_series(1, 1000) n) c
        WHERE NOT EXISTS (SELECT 1 FROM teams x WHERE x.lab_id = $1 AND x.name = c.candidate)
        ORDER BY n LIMIT 1
       RETURNING id`,
      [input.labId, input.name, input.ideaId, input.minSize, input.maxSize, input.createdBy],
    );
    return rows[0].id;
  }

  async addMember(teamId: string, userId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        teamId,
        userId,
      ]);
    await this.bumpVersion(teamId);
  }

  async removeMember(teamId: string, userId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`DELETE FROM team_members WHERE team_id = $1 AND user_id = $2`, [teamId, userId]);
    await this.bumpVersion(teamId);
  }

  async deleteTeams(teamIds: readonly string[]): Promise<void> {
    if (teamIds.length === 0) return;
    await this.tx.manager().query(`DELETE FROM teams WHERE id = ANY($1::uuid[])`, [[...teamIds]]);
  }

  async setStatus(teamId: string, status: TeamStatus): Promise<void> {
    await this.tx
      .manager()
      .query(`UPDATE teams SET status = $2, version = version + 1 WHERE id = $1`, [teamId, status]);
  }

  async confirm(
    teamId: string,
    input: { name: string; leadId: string; mentorId: string | null },
  ): Promise<boolean> {
    const result: unknown = await this.tx.manager().query(
      `UPDATE teams SET status = 'confirmed', name = $2, lead_id = $3, mentor_id = $4, version = version + 1
        WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM teams x WHERE x.lab_id = teams.lab_id AND x.name = $2 AND x.id <> $1)
       RETURNING id`,
      [teamId, input.name, input.leadId, input.mentorId],
    );
    return affectedCount(result) > 0;
  }

  private async bumpVersion(teamId: string): Promise<void> {
    await this.tx.manager().query(`UPDATE teams SET version = version + 1 WHERE id = $1`, [teamId]);
  }
}
