import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import type { AnswerValue, ApplicantProfile, ApplicationStatus } from '@ideas-lab/domain';
import { ApplicationEntity } from './entities/application.entity.js';

export interface ApplicationFilters {
  discipline?: string;
  careerStage?: string;
  organisationType?: string;
  country?: string;
  status?: ApplicationStatus;
  /** Text in the applicant's name or account e-mail, any case. */
  q?: string;
}

/** The orders SQL can give a page of applications in (merit comes from review, outside). */
export type ApplicationSqlSort = 'started' | 'name' | 'status' | 'submitted';

const ORDER_BY: Record<ApplicationSqlSort, string> = {
  started: 'a.created_at',
  name: "lower(coalesce(nullif(a.profile->>'name', ''), u.email))",
  status: 'a.status',
  submitted: 'a.submitted_at',
};

/** An application as organisers list it, with the applicant's account e-mail. */
export interface ApplicationOfLabRow {
  id: string;
  applicantId: string;
  email: string;
  status: ApplicationStatus;
  formId: string;
  profile: ApplicantProfile;
  answers: Record<string, AnswerValue>;
  version: number;
  submittedAt: Date | null;
  extensionUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApplicationOfApplicantRow {
  id: string;
  labId: string;
  labSlug: string;
  labTitle: string;
  status: ApplicationStatus;
  version: number;
  submittedAt: Date | null;
  updatedAt: Date;
}

export interface FunnelFactsRow {
  id: string;
  status: ApplicationStatus;
  primaryDiscipline: string | null;
  careerStage: string | null;
  organisationType: string | null;
}

export type ApplicationChanges = Partial<
  Pick<
    ApplicationEntity,
    | 'status'
    | 'formId'
    | 'profile'
    | 'answers'
    | 'submittedAt'
    | 'withdrawnAt'
    | 'extensionUntil'
    | 'extensionGrantedBy'
  >
>;

const OF_LAB_COLUMNS = `a.id, a.applicant_id AS "applicantId", u.email, a.status, a.form_id AS "formId", a.profile, a.answers,
  a.version, a.submitted_at AS "submittedAt", a.extension_until AS "extensionUntil", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** The WHERE clause of an organiser's filters, with its parameters after `$1` (the lab). */
function whereOf(labId: string, filters: ApplicationFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [labId];
  const clauses = ['a.lab_id = $1'];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (filters.status) add((n) => `a.status = ${n}`, filters.status);
  if (filters.discipline)
    add((n) => `a.profile->'disciplines' @> jsonb_build_array(${n}::text)`, filters.discipline);
  if (filters.careerStage) add((n) => `a.profile->>'careerStage' = ${n}`, filters.careerStage);
  if (filters.organisationType)
    add((n) => `a.profile->>'organisationType' = ${n}`, filters.organisationType);
  if (filters.country) add((n) => `a.profile->>'country' = ${n}`, filters.country);
  if (filters.q)
    add(
      (n) => `(a.profile->>'name' ILIKE ${n} ESCAPE '\\' OR u.email ILIKE ${n} ESCAPE '\\')`,
      `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  return { where: clauses.join(' AND '), params };
}

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(ApplicationEntity);
  }

  /** Start an application; null when this person already has one in this lab. */
  async insert(
    application: Pick<ApplicationEntity, 'labId' | 'applicantId' | 'formId' | 'profile'>,
  ): Promise<ApplicationEntity | null> {
    // ON CONFLICT rather than catching the violation: the transaction stays usable.
    const rows: { id: string }[] = await this.tx.manager().query(
      `INSERT INTO applications (lab_id, applicant_id, form_id, profile) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (lab_id, applicant_id) DO NOTHING RETURNING id`,
      [
        application.labId,
        application.applicantId,
        application.formId,
        JSON.stringify(application.profile),
      ],
    );
    return rows.length === 0 ? null : this.findById(rows[0].id);
  }

  findById(applicationId: string): Promise<ApplicationEntity | null> {
    return this.repo.findOneBy({ id: applicationId });
  }

  /** The application, locked until the transaction ends (edits of one application queue up). */
  findByIdForUpdate(applicationId: string): Promise<ApplicationEntity | null> {
    return this.repo
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :applicationId', { applicationId })
      .getOne();
  }

  findOfApplicantInLab(labId: string, applicantId: string): Promise<ApplicationEntity | null> {
    return this.repo.findOneBy({ labId, applicantId });
  }

  findAllOfApplicant(applicantId: string): Promise<ApplicationOfApplicantRow[]> {
    return this.tx.manager().query(
      `SELECT a.id, a.lab_id AS "labId", l.slug AS "labSlug", l.title AS "labTitle", a.status, a.version,
              a.submitted_at AS "submittedAt", a.updated_at AS "updatedAt"
         FROM applications a JOIN labs l ON l.id = a.lab_id
        WHERE a.applicant_id = $1 ORDER BY a.created_at DESC`,
      [applicantId],
    );
  }

  /**
   * Change an application only if it is still at `expectedVersion`; the version goes up by
   * one when `bumpVersion` (content changes), not for an organiser's extension.
   */
  async updateIfVersion(
    applicationId: string,
    expectedVersion: number,
    changes: ApplicationChanges,
    bumpVersion = true,
  ): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(ApplicationEntity)
      .set(bumpVersion ? { ...changes, version: () => 'version + 1' } : changes)
      .where('id = :applicationId AND version = :expectedVersion', {
        applicationId,
        expectedVersion,
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async findPageOfLab(
    labId: string,
    filters: ApplicationFilters,
    offset: number,
    limit: number,
    sort: ApplicationSqlSort = 'started',
    order: 'asc' | 'desc' = 'asc',
  ): Promise<{ rows: ApplicationOfLabRow[]; total: number }> {
    const { where, params } = whereOf(labId, filters);
    const direction = order === 'desc' ? 'DESC' : 'ASC';
    const [rows, counted] = await Promise.all([
      this.tx.manager().query(
        `SELECT ${OF_LAB_COLUMNS} FROM applications a JOIN users u ON u.id = a.applicant_id
          WHERE ${where} ORDER BY ${ORDER_BY[sort]} ${direction} NULLS LAST, a.created_at, a.id OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, offset, limit],
      ) as Promise<ApplicationOfLabRow[]>,
      this.tx
        .manager()
        .query(
          `SELECT count(*)::int AS total FROM applications a JOIN users u ON u.id = a.applicant_id WHERE ${where}`,
          params,
        ) as Promise<{ total: number }[]>,
    ]);
    return { rows, total: counted[0].total };
  }

  findAllOfLab(labId: string, filters: ApplicationFilters): Promise<ApplicationOfLabRow[]> {
    const { where, params } = whereOf(labId, filters);
    return this.tx
      .manager()
      .query(
        `SELECT ${OF_LAB_COLUMNS} FROM applications a JOIN users u ON u.id = a.applicant_id WHERE ${where} ORDER BY a.created_at, a.id`,
        params,
      );
  }

  findFunnelFactsOfLab(labId: string): Promise<FunnelFactsRow[]> {
    return this.tx.manager().query(
      `SELECT id, status, profile->>'primaryDiscipline' AS "primaryDiscipline", profile->>'careerStage' AS "careerStage",
              profile->>'organisationType' AS "organisationType"
         FROM applications WHERE lab_id = $1`,
      [labId],
    );
  }
}
