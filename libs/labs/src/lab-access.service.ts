import { Injectable } from '@nestjs/common';
import type { Actor, LabRole } from '@ideas-lab/domain';
import { type BatchedRead, type Derived, derived, readRows } from '@ideas-lab/platform';
import { LabMembershipsRepository, type PersonInLab } from './lab-memberships.repository.js';
import { LabsError } from './labs.errors.js';

/**
 * Record-level access to a lab. People who hold no role in a lab learn nothing about it
 * (404); members without the needed role are told so (403). Admins may do everything.
 */
@Injectable()
export class LabAccessService {
  constructor(private readonly memberships: LabMembershipsRepository) {}

  rolesOf(actor: Actor, labId: string): Promise<LabRole[]> {
    return this.memberships.findRolesOfUserInLab(labId, actor.userId);
  }

  /**
   * A person's name, roles in a lab and current token epoch at once (for a handshake that
   * checks the token's epoch itself), as a read to batch; null when the account no longer
   * exists.
   */
  personIn(userId: string, labId: string): BatchedRead<PersonInLab | null> {
    return readRows(this.memberships.personInLab(labId, userId), (rows) => rows[0] ?? null);
  }

  /**
   * Whether the person a `personIn` read finds holds a role, read by the same batch (for a
   * handshake whose other reads depend on the roles).
   */
  hasRole(person: BatchedRead<PersonInLab | null>, role: LabRole): Derived<boolean> {
    return derived(person.statements[0], `$1 = ANY(roles)`, [role]);
  }

  async requireRole(actor: Actor, labId: string, allowed: readonly LabRole[]): Promise<LabRole[]> {
    const roles = await this.rolesOf(actor, labId);
    if (actor.isAdmin) return roles;
    if (roles.length === 0) throw LabsError.notFound();
    if (!roles.some((r) => allowed.includes(r))) {
      throw new LabsError(
        'LAB_ROLE_REQUIRED',
        `This needs the role ${allowed.join(' or ')} in this lab.`,
        {
          requiredRoles: allowed,
        },
      );
    }
    return roles;
  }
}
