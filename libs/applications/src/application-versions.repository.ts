import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { ApplicationVersionEntity } from './entities/application-version.entity.js';

export type ApplicationVersionSummary = Pick<
  ApplicationVersionEntity,
  'version' | 'kind' | 'createdAt'
>;

@Injectable()
export class ApplicationVersionsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(ApplicationVersionEntity);
  }

  async insert(
    version: Pick<
      ApplicationVersionEntity,
      'applicationId' | 'version' | 'kind' | 'formId' | 'profile' | 'answers' | 'createdBy'
    >,
  ): Promise<void> {
    await this.repo.insert(version);
  }

  /** What was kept of an application, oldest first (without the content). */
  findSummariesOfApplication(applicationId: string): Promise<ApplicationVersionSummary[]> {
    return this.repo.find({
      select: { version: true, kind: true, createdAt: true },
      where: { applicationId },
      order: { version: 'ASC' },
    });
  }

  findOfApplication(
    applicationId: string,
    version: number,
  ): Promise<ApplicationVersionEntity | null> {
    return this.repo.findOneBy({ applicationId, version });
  }
}
