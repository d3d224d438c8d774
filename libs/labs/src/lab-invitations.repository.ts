import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { LabInvitationEntity } from './entities/lab-invitation.entity.js';

@Injectable()
export class LabInvitationsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(LabInvitationEntity);
  }

  insert(
    invitation: Pick<
      LabInvitationEntity,
      'labId' | 'email' | 'anyoneWithLink' | 'role' | 'tokenHash' | 'invitedBy' | 'expiresAt'
    >,
  ): Promise<LabInvitationEntity> {
    return this.repo.save(this.repo.create(invitation));
  }

  findByTokenHash(tokenHash: string): Promise<LabInvitationEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  findOfLab(labId: string, invitationId: string): Promise<LabInvitationEntity | null> {
    return this.repo.findOneBy({ labId, id: invitationId });
  }

  findAllOfLab(labId: string): Promise<LabInvitationEntity[]> {
    return this.repo.find({ where: { labId }, order: { createdAt: 'DESC' } });
  }

  /** Redeem a pending invitation once; false when someone redeemed or revoked it first. */
  async markAcceptedIfPending(id: string, userId: string, at: Date): Promise<boolean> {
    const result = await this.repo.update(
      { id, status: 'pending' },
      { status: 'accepted', acceptedBy: userId, acceptedAt: at },
    );
    return (result.affected ?? 0) === 1;
  }

  async markRevokedIfPending(id: string): Promise<boolean> {
    const result = await this.repo.update({ id, status: 'pending' }, { status: 'revoked' });
    return (result.affected ?? 0) === 1;
  }
}
