import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { AgendaSessionEntity } from './entities/agenda-session.entity.js';

export type SessionChanges = Partial<
  Pick<
    AgendaSessionEntity,
    'kind' | 'title' | 'startsAt' | 'endsAt' | 'materials' | 'meetingUrl' | 'state'
  >
>;

@Injectable()
export class AgendaSessionsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(AgendaSessionEntity);
  }

  /** The agenda of a lab in time order. */
  findAllOfLab(labId: string): Promise<AgendaSessionEntity[]> {
    return this.repo.find({ where: { labId }, order: { startsAt: 'ASC', title: 'ASC' } });
  }

  findOfLab(labId: string, sessionId: string): Promise<AgendaSessionEntity | null> {
    return this.repo.findOneBy({ id: sessionId, labId });
  }

  /** The session, locked for the rest of the transaction (plans and adoptions of one session queue up). */
  async lockOfLab(labId: string, sessionId: string): Promise<AgendaSessionEntity | null> {
    return this.repo
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :sessionId AND s.lab_id = :labId', { sessionId, labId })
      .getOne();
  }

  insert(
    session: Pick<
      AgendaSessionEntity,
      'labId' | 'kind' | 'title' | 'startsAt' | 'endsAt' | 'materials' | 'meetingUrl' | 'createdBy'
    >,
  ): Promise<AgendaSessionEntity> {
    return this.repo.save(this.repo.create(session));
  }

  /** Apply changes only if the session is still at `expectedVersion`; false when it moved on. */
  async updateIfVersion(
    sessionId: string,
    expectedVersion: number,
    changes: SessionChanges,
  ): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(AgendaSessionEntity)
      .set(changes)
      .where('id = :sessionId AND version = :expectedVersion', { sessionId, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async delete(sessionId: string): Promise<boolean> {
    const result = await this.repo.delete({ id: sessionId });
    return (result.affected ?? 0) > 0;
  }
}
