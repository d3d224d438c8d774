import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import type { FormQuestion } from '@ideas-lab/domain';
import { ApplicationFormEntity } from './entities/application-form.entity.js';

const isUniqueViolation = (error: unknown) =>
  (error as { driverError?: { code?: string } }).driverError?.code === '23505';

@Injectable()
export class ApplicationFormsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(ApplicationFormEntity);
  }

  /** The newest published version of a lab's form. */
  findCurrentOfLab(labId: string): Promise<ApplicationFormEntity | null> {
    return this.repo.findOne({ where: { labId }, order: { version: 'DESC' } });
  }

  findById(formId: string): Promise<ApplicationFormEntity | null> {
    return this.repo.findOneBy({ id: formId });
  }

  /** Publish the next version; null when someone published the same version at the same moment. */
  async insertNextVersion(
    labId: string,
    questions: FormQuestion[],
    publishedBy: string,
  ): Promise<ApplicationFormEntity | null> {
    try {
      const rows: { id: string }[] = await this.tx.manager().query(
        `INSERT INTO application_forms (lab_id, version, questions, published_by)
         SELECT $1, COALESCE(MAX(version), 0) + 1, $2::jsonb, $3 FROM application_forms WHERE lab_id = $1
         RETURNING id`,
        [labId, JSON.stringify(questions), publishedBy],
      );
      return this.findById(rows[0].id);
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }
}
