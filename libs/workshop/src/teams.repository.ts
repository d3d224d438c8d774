import { Injectable } from '@nestjs/common';
import { type Statement, statement, TransactionRunner } from '@ideas-lab/platform';

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

/** Team `t` of lab $1 is every team ($2 null) or one that $2 is on. */
const ON_TEAM = `$2::uuid IS NULL OR EXISTS (SELECT 1 FROM team_members o WHERE o.team_id = t.id AND o.user_id = $2)`;
/** Team `t` of lab $1 is seen by $2: they are on it, organise the lab, or are an admin ($3). */
const SEES_TEAM = `$3::boolean
  OR EXISTS (SELECT 1 FROM lab_memberships o WHERE o.lab_id = $1 AND o.user_id = $2 AND o.role = 'organiser')
  OR EXISTS (SELECT 1 FROM team_members o WHERE o.team_id = t.id AND o.user_id = $2)`;

const teamsWhere = (filter: string, params: unknown[]) =>
  statement<TeamRow>(
    `SELECT t.id, t.lab_id AS "labId", t.name, t.created_at AS "createdAt" FROM teams t
      WHERE t.lab_id = $1 AND (${filter})
      ORDER BY t.name, t.id`,
    params,
    ['createdAt'],
  );

const membersWhere = (filter: string, params: unknown[]) =>
  statement<TeamMemberRow>(
    `SELECT m.team_id AS "teamId", m.user_id AS "userId", u.display_name AS "displayName"
       FROM team_members m JOIN teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id
      WHERE t.lab_id = $1 AND (${filter})
      ORDER BY u.display_name, u.id`,
    params,
  );

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

  /**
   * The teams of a lab (ordered by name), or only those someone is on (`memberId`), as a
   * statement to batch; `membersOfTeamsIn` reads their members with the same filter.
   */
  teamsIn(labId: string, memberId: string | null): Statement<TeamRow> {
    return teamsWhere(ON_TEAM, [labId, memberId]);
  }

  /** Who is on the teams `teamsIn` reads (with the same arguments), by name. */
  membersOfTeamsIn(labId: string, memberId: string | null): Statement<TeamMemberRow> {
    return membersWhere(ON_TEAM, [labId, memberId]);
  }

  /**
   * The teams someone sees: every team of the lab for its organisers and for admins
   * (`isAdmin`), else the teams they are on. Decided in the statement, so it can go out with
   * the read of their roles (a live handshake).
   */
  teamsSeenBy(labId: string, userId: string, isAdmin: boolean): Statement<TeamRow> {
    return teamsWhere(SEES_TEAM, [labId, userId, isAdmin]);
  }

  /** Who is on the teams `teamsSeenBy` reads (with the same arguments), by name. */
  membersOfTeamsSeenBy(labId: string, userId: string, isAdmin: boolean): Statement<TeamMemberRow> {
    return membersWhere(SEES_TEAM, [labId, userId, isAdmin]);
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
