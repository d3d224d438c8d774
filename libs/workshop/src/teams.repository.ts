import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';

export interface TeamRow {
  id: string;
  labId: string;
  name: string;
  createdAt: Date;
}

export interface TeamMemberRow {
  teamId: string;
  userId: string;
  displayName: string;
}

/** Teams of a lab and who is on them. */
@Injectable()
export class TeamsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** A new team; null when the lab already has a team of that name. */
  async insert(input: {
    labId: string;
    name: string;
    createdBy: string;
    memberIds: readonly string[];
  }): Promise<string | null> {
    const manager = this.tx.manager();
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO teams (lab_id, name, created_by) VALUES ($1, $2, $3)
       ON CONFLICT (lab_id, name) DO NOTHING RETURNING id`,
      [input.labId, input.name, input.createdBy],
    );
    const id = rows[0]?.id ?? null;
    if (id && input.memberIds.length > 0)
      await manager.query(
        `INSERT INTO team_members (team_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [id, [...input.memberIds]],
      );
    return id;
  }

  findOfLab(labId: string): Promise<TeamRow[]> {
    return this.tx
      .manager()
      .query(
        `SELECT id, lab_id AS "labId", name, created_at AS "createdAt" FROM teams WHERE lab_id = $1 ORDER BY name, id`,
        [labId],
      );
  }

  /** The teams of a lab someone is on. */
  findOfMember(labId: string, userId: string): Promise<TeamRow[]> {
    return this.tx.manager().query(
      `SELECT t.id, t.lab_id AS "labId", t.name, t.created_at AS "createdAt"
         FROM teams t JOIN team_members m ON m.team_id = t.id
        WHERE t.lab_id = $1 AND m.user_id = $2 ORDER BY t.name, t.id`,
      [labId, userId],
    );
  }

  findMembersOf(teamIds: readonly string[]): Promise<TeamMemberRow[]> {
    if (teamIds.length === 0) return Promise.resolve([]);
    return this.tx.manager().query(
      `SELECT m.team_id AS "teamId", m.user_id AS "userId", u.display_name AS "displayName"
         FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.team_id = ANY($1::uuid[]) ORDER BY u.display_name, u.id`,
      [[...teamIds]],
    );
  }

  async isMember(labId: string, teamId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager().query(
      `SELECT 1 FROM team_members m JOIN teams t ON t.id = m.team_id
        WHERE t.lab_id = $1 AND m.team_id = $2 AND m.user_id = $3`,
      [labId, teamId, userId],
    );
    return rows.length > 0;
  }

  async existsInLab(labId: string, teamId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx
      .manager()
      .query(`SELECT 1 FROM teams WHERE lab_id = $1 AND id = $2`, [labId, teamId]);
    return rows.length > 0;
  }
}
