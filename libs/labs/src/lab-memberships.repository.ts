import { Injectable } from '@nestjs/common';
import { type Statement, statement, TransactionRunner } from '@ideas-lab/platform';
import type { LabPhase, LabRole } from '@ideas-lab/domain';
import { LabMembershipEntity } from './entities/lab-membership.entity.js';

export interface MembershipWithLab {
  labId: string;
  labSlug: string;
  labTitle: string;
  labPhase: LabPhase;
  role: LabRole;
}

/** Who someone is in a lab, and the token epoch their access tokens must carry. */
export interface PersonInLab {
  displayName: string;
  roles: LabRole[];
  tokenEpoch: number;
}

export interface MemberRow {
  userId: string;
  email: string;
  displayName: string;
  role: LabRole;
  createdAt: Date;
}

@Injectable()
export class LabMembershipsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(LabMembershipEntity);
  }

  async findRolesOfUserInLab(labId: string, userId: string): Promise<LabRole[]> {
    const rows = await this.repo.find({ select: { role: true }, where: { labId, userId } });
    return rows.map((r) => r.role);
  }

  /**
   * A person's name, roles in one lab and current token epoch, in one round trip (a live
   * handshake needs all three); no row when the account no longer exists.
   */
  personInLab(labId: string, userId: string): Statement<PersonInLab> {
    return statement<PersonInLab>(
      `SELECT u.display_name AS "displayName", u.token_epoch AS "tokenEpoch",
              coalesce(array_agg(m.role ORDER BY m.role) FILTER (WHERE m.role IS NOT NULL), '{}') AS roles
         FROM users u LEFT JOIN lab_memberships m ON m.user_id = u.id AND m.lab_id = $1
        WHERE u.id = $2
        GROUP BY u.id`,
      [labId, userId],
    );
  }

  async findLabsOfUser(userId: string): Promise<MembershipWithLab[]> {
    return this.tx.manager().query(
      `SELECT l.id AS "labId", l.slug AS "labSlug", l.title AS "labTitle", l.phase AS "labPhase", m.role
         FROM lab_memberships m JOIN labs l ON l.id = m.lab_id
        WHERE m.user_id = $1 ORDER BY l.created_at DESC, m.role`,
      [userId],
    );
  }

  /** The lab's people, optionally only one role and only those whose name or e-mail contains `search`. */
  async findMembersOfLab(
    labId: string,
    filter: { role?: LabRole; search?: string } = {},
  ): Promise<MemberRow[]> {
    const pattern = filter.search ? `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return this.tx.manager().query(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", m.role, m.created_at AS "createdAt"
         FROM lab_memberships m JOIN users u ON u.id = m.user_id
        WHERE m.lab_id = $1
          AND ($2::text IS NULL OR m.role = $2)
          AND ($3::text IS NULL OR u.display_name ILIKE $3 OR u.email ILIKE $3)
        ORDER BY m.role, u.display_name`,
      [labId, filter.role ?? null, pattern],
    );
  }

  /**
   * Serialise changes to the lab's memberships until the transaction ends: two organisers
   * removing each other at once would each still see the other and leave the lab with none.
   */
  async lockMembershipsOf(labId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`SELECT pg_advisory_xact_lock(hashtextextended('lab-memberships:' || $1, 0))`, [
        labId,
      ]);
  }

  async countByRole(labId: string, role: LabRole): Promise<number> {
    return this.repo.countBy({ labId, role });
  }

  /** Grant a role; false when the person already holds it. */
  async insertIfAbsent(
    membership: Pick<LabMembershipEntity, 'labId' | 'userId' | 'role' | 'grantedBy'>,
  ): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager().query(
      `INSERT INTO lab_memberships (lab_id, user_id, role, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lab_id, user_id, role) DO NOTHING RETURNING id`,
      [membership.labId, membership.userId, membership.role, membership.grantedBy],
    );
    return rows.length === 1;
  }

  async delete(labId: string, userId: string, role: LabRole): Promise<boolean> {
    const result = await this.repo.delete({ labId, userId, role });
    return (result.affected ?? 0) > 0;
  }
}
