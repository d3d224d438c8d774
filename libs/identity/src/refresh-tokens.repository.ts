import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { IsNull } from 'typeorm';
import { RefreshTokenEntity } from './entities/refresh-token.entity.js';

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(RefreshTokenEntity);
  }

  async insert(
    token: Pick<RefreshTokenEntity, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await this.repo.insert(token);
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  /** Spend a token; false when another request spent it first (a race counts as reuse). */
  async markUsedIfUnused(id: string, at: Date): Promise<boolean> {
    const result = await this.repo.update(
      { id, usedAt: IsNull(), revokedAt: IsNull() },
      { usedAt: at },
    );
    return (result.affected ?? 0) === 1;
  }

  async revokeFamily(familyId: string, at: Date, reason: string): Promise<number> {
    const result = await this.repo.update(
      { familyId, revokedAt: IsNull() },
      { revokedAt: at, revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  async revokeAllOfUser(userId: string, at: Date, reason: string): Promise<number> {
    const result = await this.repo.update(
      { userId, revokedAt: IsNull() },
      { revokedAt: at, revokedReason: reason },
    );
    return result.affected ?? 0;
  }
}
