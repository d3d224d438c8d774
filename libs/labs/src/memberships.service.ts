import { Injectable } from '@nestjs/common';
import {
  AccessChanges,
  AppConfig,
  AuditService,
  TransactionRunner,
  hashSecretToken,
  newSecretToken,
} from '@ideas-lab/platform';
import type { Actor, LabRole } from '@ideas-lab/domain';
import { IdentityService, normaliseEmail, type AuthSession } from '@ideas-lab/identity';
import type { InvitationRole, LabInvitationEntity } from './entities/lab-invitation.entity.js';
import { LabInvitationsRepository } from './lab-invitations.repository.js';
import {
  LabMembershipsRepository,
  type MemberRow,
  type MembershipWithLab,
} from './lab-memberships.repository.js';
import type { InvitationSignUp, InvitationView, RegisterWithInvitation } from './labs.contract.js';
import { LabsError } from './labs.errors.js';
import { LabsRepository } from './labs.repository.js';

const INVITATION_DAYS = 14;

/** An address shown to whoever holds a link: enough to recognise, not to harvest (`a•••@example.org`). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

function invitationView(invitation: LabInvitationEntity, now: Date): InvitationView {
  const expired =
    invitation.status === 'pending' && invitation.expiresAt.getTime() <= now.getTime();
  return {
    id: invitation.id,
    email: invitation.email,
    anyoneWithLink: invitation.anyoneWithLink,
    role: invitation.role,
    status: expired ? 'expired' : invitation.status,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}

/** Who holds which role in a lab, and invitations to join as mentor or organiser. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly memberships: LabMembershipsRepository,
    private readonly invitations: LabInvitationsRepository,
    private readonly labs: LabsRepository,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
    private readonly accessChanges: AccessChanges,
  ) {}

  async me(actor: Actor) {
    const [profile, memberships] = await Promise.all([
      this.identity.profile(actor.userId),
      this.memberships.findLabsOfUser(actor.userId),
    ]);
    return { ...profile, memberships: memberships satisfies MembershipWithLab[] };
  }

  async members(
    labId: string,
    filter: { role?: LabRole; search?: string } = {},
  ): Promise<(Omit<MemberRow, 'createdAt'> & { createdAt: string })[]> {
    const rows = await this.memberships.findMembersOfLab(labId, filter);
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  /** Appoint an existing account directly (admins appoint organisers; organisers mentors). */
  async addMember(actor: Actor, labId: string, email: string, role: InvitationRole): Promise<void> {
    const user = await this.identity.findProfileByEmail(email);
    if (!user) {
      throw new LabsError(
        'MEMBER_ACCOUNT_NOT_FOUND',
        `No account uses ${email}. Send an invitation instead; it works for new accounts too.`,
        [{ field: 'email', message: 'no account uses this address' }],
      );
    }
    await this.grant(actor.userId, labId, user.id, role, 'lab.member_added');
  }

  async removeMember(actor: Actor, labId: string, userId: string, role: LabRole): Promise<void> {
    await this.tx.run(async () => {
      await this.memberships.lockMembershipsOf(labId);
      if (role === 'organiser' && (await this.memberships.countByRole(labId, 'organiser')) <= 1) {
        throw new LabsError(
          'LAST_ORGANISER',
          'A lab needs at least one organiser: appoint another before removing this one.',
        );
      }
      if (!(await this.memberships.delete(labId, userId, role))) {
        throw new LabsError(
          'MEMBERSHIP_NOT_FOUND',
          'This person does not hold that role in this lab.',
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'lab.member_removed',
        entityType: 'membership',
        entityId: userId,
        data: { role },
      });
      // Open live connections lose what the role gave them, on every instance.
      await this.accessChanges.publish({ kind: 'lab-roles-changed', labId, userId });
    });
  }

  /**
   * Invite someone to a role: the person with this address (new or existing account), or, with
   * `anyoneWithLink`, whoever is given the link (mentors only: organisers are always named).
   */
  async invite(
    actor: Actor,
    labId: string,
    input: { email?: string | null; role: InvitationRole; anyoneWithLink?: boolean },
  ): Promise<InvitationView> {
    const anyoneWithLink = input.anyoneWithLink === true;
    const email = input.email ? normaliseEmail(input.email) : null;
    if (anyoneWithLink && (input.role !== 'mentor' || email)) {
      throw new LabsError(
        'INVITATION_INVALID',
        'An "anyone with the link" invitation is for the mentor role only, and names no address.',
        [
          input.role !== 'mentor'
            ? {
                field: 'role',
                message: 'role must be mentor for an invitation to anyone with the link',
              }
            : {
                field: 'email',
                message: 'email must be left out for an invitation to anyone with the link',
              },
        ],
      );
    }
    if (!anyoneWithLink && !email) {
      throw new LabsError('INVITATION_INVALID', 'Say whom the invitation is for.', [
        { field: 'email', message: 'email is required (or anyoneWithLink: true, for mentors)' },
      ]);
    }
    const token = newSecretToken(24);
    return this.tx.run(async () => {
      const invitation = await this.invitations.insert({
        labId,
        email,
        anyoneWithLink,
        role: input.role,
        tokenHash: hashSecretToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'lab.invitation_created',
        entityType: 'invitation',
        entityId: invitation.id,
        data: { email: invitation.email, anyoneWithLink, role: input.role },
      });
      return {
        ...invitationView(invitation, new Date()),
        token,
        acceptUrl: `${this.config.publicUrl}/invitations/${token}`,
      };
    });
  }

  async invitationsOf(labId: string): Promise<InvitationView[]> {
    const now = new Date();
    return (await this.invitations.findAllOfLab(labId)).map((i) => invitationView(i, now));
  }

  async revokeInvitation(actor: Actor, labId: string, invitationId: string): Promise<void> {
    await this.tx.run(async () => {
      const invitation = await this.invitations.findOfLab(labId, invitationId);
      if (!invitation)
        throw new LabsError('INVITATION_NOT_FOUND', 'There is no such invitation in this lab.');
      if (!(await this.invitations.markRevokedIfPending(invitation.id))) {
        throw new LabsError(
          'INVITATION_ALREADY_USED',
          'This invitation was already accepted or revoked.',
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'lab.invitation_revoked',
        entityType: 'invitation',
        entityId: invitation.id,
      });
    });
  }

  async previewInvitation(token: string) {
    const invitation = await this.usableInvitation(token, { allowUsed: true });
    const lab = await this.labs.findById(invitation.labId);
    if (!lab) throw new LabsError('INVITATION_NOT_FOUND', 'This invitation link is not valid.');
    const view = invitationView(invitation, new Date());
    return {
      labId: lab.id,
      labTitle: lab.title,
      labTimezone: lab.timezone,
      role: view.role,
      email: view.email === null ? null : maskEmail(view.email),
      anyoneWithLink: view.anyoneWithLink,
      status: view.status,
      expiresAt: view.expiresAt,
    };
  }

  /**
   * What sign-up through a personal invitation shows: the invited address in full. The token
   * was sent to that address, so whoever holds it may read it; the preview stays masked.
   */
  async invitationForSignUp(token: string): Promise<InvitationSignUp> {
    const invitation = this.personal(await this.usableInvitation(token, { allowUsed: false }));
    const lab = await this.labs.findById(invitation.labId);
    if (!lab) throw new LabsError('INVITATION_NOT_FOUND', 'This invitation link is not valid.');
    return {
      labId: lab.id,
      labTitle: lab.title,
      labTimezone: lab.timezone,
      role: invitation.role,
      email: invitation.email,
      hasAccount: (await this.identity.findProfileByEmail(invitation.email)) !== null,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  /**
   * Create an account with the invited address (no other can be given) and accept the
   * invitation, in one transaction: a refused acceptance leaves no account behind.
   */
  async signUpWithInvitation(token: string, input: RegisterWithInvitation): Promise<AuthSession> {
    const { email } = this.personal(await this.usableInvitation(token, { allowUsed: false }));
    return this.identity.register({ ...input, email }, async (user) => {
      const invitation = this.personal(await this.usableInvitation(token, { allowUsed: false }));
      await this.markAccepted(invitation, user.id);
    });
  }

  /** Use the invitation once, for this person, and give them its role (audited). */
  private async markAccepted(invitation: LabInvitationEntity, userId: string): Promise<void> {
    if (!(await this.invitations.markAcceptedIfPending(invitation.id, userId, new Date())))
      throw new LabsError('INVITATION_ALREADY_USED', 'This invitation has already been used.');
    await this.grant(userId, invitation.labId, userId, invitation.role, 'lab.invitation_accepted');
  }

  /** An invitation naming an address; "anyone with the link" has none to sign up with. */
  private personal(invitation: LabInvitationEntity): LabInvitationEntity & { email: string } {
    if (invitation.anyoneWithLink || invitation.email === null)
      throw new LabsError(
        'INVITATION_NAMES_NO_ADDRESS',
        'This invitation is for anyone with the link: create an account with your own address, then accept it.',
      );
    return invitation as LabInvitationEntity & { email: string };
  }

  async acceptInvitation(
    actor: Actor,
    token: string,
  ): Promise<{ labId: string; role: InvitationRole }> {
    const profile = await this.identity.profile(actor.userId);
    return this.tx.run(async () => {
      const invitation = await this.usableInvitation(token, { allowUsed: false });
      if (!invitation.anyoneWithLink && invitation.email !== normaliseEmail(profile.email)) {
        throw new LabsError(
          'INVITATION_FOR_SOMEONE_ELSE',
          `This invitation was sent to ${maskEmail(invitation.email ?? '')}: sign in with that address to accept it.`,
        );
      }
      await this.markAccepted(invitation, actor.userId);
      return { labId: invitation.labId, role: invitation.role };
    });
  }

  private async usableInvitation(
    token: string,
    options: { allowUsed: boolean },
  ): Promise<LabInvitationEntity> {
    const invitation = await this.invitations.findByTokenHash(hashSecretToken(token));
    if (!invitation)
      throw new LabsError('INVITATION_NOT_FOUND', 'This invitation link is not valid.');
    if (options.allowUsed) return invitation;
    if (invitation.status === 'revoked')
      throw new LabsError(
        'INVITATION_REVOKED',
        'This invitation was withdrawn by the lab organisers.',
      );
    if (invitation.status === 'accepted')
      throw new LabsError('INVITATION_ALREADY_USED', 'This invitation has already been used.');
    if (invitation.expiresAt.getTime() <= Date.now()) {
      throw new LabsError(
        'INVITATION_EXPIRED',
        'This invitation has expired; ask the lab organisers for a new one.',
      );
    }
    return invitation;
  }

  /**
   * Give someone a role as a consequence of another feature's command (starting an application
   * makes the person an applicant). Joins the caller's transaction; audited when new.
   */
  grantRole(actorId: string, labId: string, userId: string, role: LabRole): Promise<void> {
    return this.grant(actorId, labId, userId, role, 'lab.role_granted');
  }

  private async grant(
    actorId: string,
    labId: string,
    userId: string,
    role: LabRole,
    action: string,
  ): Promise<void> {
    await this.tx.run(async () => {
      await this.memberships.lockMembershipsOf(labId);
      const added = await this.memberships.insertIfAbsent({
        labId,
        userId,
        role,
        grantedBy: actorId,
      });
      if (added) {
        await this.audit.append({
          actorId,
          labId,
          action,
          entityType: 'membership',
          entityId: userId,
          data: { role },
        });
        await this.accessChanges.publish({ kind: 'lab-roles-changed', labId, userId });
      }
    });
  }
}
