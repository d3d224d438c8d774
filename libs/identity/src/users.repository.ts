import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { In } from 'typeorm';
import { UserEntity } from './entities/user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ email });
  }

  findByIds(ids: string[]): Promise<UserEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repo.findBy({ id: In(ids) });
  }

  /** Insert a new account; null when the e-mail address is already taken. */
  async insertIfEmailFree(
    user: Pick<UserEntity, 'email' | 'displayName' | 'passwordHash' | 'isAdmin'>,
  ): Promise<UserEntity | null> {
    try {
      return await this.repo.save(this.repo.create(user));
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') return null;
      throw error;
    }
  }

  async updatePasswordHash(id: string, passwordHash: string, changedAt: Date): Promise<void> {
    await this.repo.update({ id }, { passwordHash, passwordChangedAt: changedAt });
  }

  async findTokenEpoch(id: string): Promise<number | null> {
    const rows: { token_epoch: number }[] = await this.tx
      .manager()
      .query(`SELECT token_epoch FROM users WHERE id = $1`, [id]);
    return rows[0]?.token_epoch ?? null;
  }

  /** A new token epoch for the user (ends their access tokens); the new epoch. */
  async bumpTokenEpoch(id: string): Promise<number> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ tokenEpoch: () => 'token_epoch + 1' })
      .where('id = :id', { id })
      .returning('token_epoch')
      .execute();
    return (result.raw as { token_epoch: number }[])[0]?.token_epoch ?? 0;
  }

  async setAdmin(id: string, isAdmin: boolean): Promise<void> {
    await this.repo.update({ id }, { isAdmin });
  }

  count(): Promise<number> {
    return this.repo.count();
  }
}
