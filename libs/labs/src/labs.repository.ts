import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '@ideas-lab/platform';
import type { LabPhase, LabRole } from '@ideas-lab/domain';
import { LabEntity } from './entities/lab.entity.js';

export type LabWithMyRoles = LabEntity & { myRoles: LabRole[] };

/** The one query behind `GET /labs/:id`: the lab and the caller's roles in it. */
export const LAB_WITH_ROLES_SQL = `SELECT l.*, COALESCE(
    (SELECT array_agg(m.role) FROM lab_memberships m WHERE m.lab_id = l.id AND m.user_id = $2), '{}') AS my_roles
  FROM labs l WHERE l.id = $1`;

interface LabRow {
  id: string;
  slug: string;
  title: string;
  theme: string;
  description: string;
  expertise_examples: string;
  timezone: string;
  phase: LabPhase;
  capacity: number;
  applications_open_at: Date | null;
  applications_close_at: Date | null;
  workshop_start_at: Date | null;
  workshop_end_at: Date | null;
  proposals_due_at: Date | null;
  taxonomy: LabEntity['taxonomy'];
  team_size_min: number;
  team_size_max: number;
  funding_pool_minor: string;
  funding_currency: string;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  my_roles: LabRole[];
}

function fromRow(row: LabRow): LabWithMyRoles {
  return Object.assign(new LabEntity(), {
    id: row.id,
    slug: row.slug,
    title: row.title,
    theme: row.theme,
    description: row.description,
    expertiseExamples: row.expertise_examples,
    timezone: row.timezone,
    phase: row.phase,
    capacity: row.capacity,
    applicationsOpenAt: row.applications_open_at,
    applicationsCloseAt: row.applications_close_at,
    workshopStartAt: row.workshop_start_at,
    workshopEndAt: row.workshop_end_at,
    proposalsDueAt: row.proposals_due_at,
    taxonomy: row.taxonomy,
    teamSizeMin: row.team_size_min,
    teamSizeMax: row.team_size_max,
    fundingPoolMinor: row.funding_pool_minor,
    fundingCurrency: row.funding_currency,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    myRoles: row.my_roles,
  });
}

export type LabChanges = Partial<
  Pick<
    LabEntity,
    | 'slug'
    | 'title'
    | 'theme'
    | 'description'
    | 'expertiseExamples'
    | 'timezone'
    | 'capacity'
    | 'applicationsOpenAt'
    | 'applicationsCloseAt'
    | 'workshopStartAt'
    | 'workshopEndAt'
    | 'proposalsDueAt'
    | 'taxonomy'
    | 'teamSizeMin'
    | 'teamSizeMax'
    | 'fundingPoolMinor'
    | 'fundingCurrency'
  >
>;

const isUniqueViolation = (error: unknown) =>
  (error as { driverError?: { code?: string } }).driverError?.code === '23505';

@Injectable()
export class LabsRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
  ) {}

  private get repo() {
    return this.tx.manager().getRepository(LabEntity);
  }

  /**
   * The hot read behind `GET /labs/:id`. Outside a transaction it goes straight to the pg
   * Pool that TypeORM holds: TypeORM's query runner (a runner object, pool checkout by
   * callback, query broadcast events, result wrapping) costs more than the query itself here.
   */
  async findByIdWithRolesOf(labId: string, userId: string): Promise<LabWithMyRoles | null> {
    const rows: LabRow[] = this.tx.inTransaction()
      ? await this.tx.manager().query(LAB_WITH_ROLES_SQL, [labId, userId])
      : // A named statement: each connection parses and plans it once, not on every request.
        (
          await this.pool().query<LabRow>({
            name: 'lab_with_roles',
            text: LAB_WITH_ROLES_SQL,
            values: [labId, userId],
          })
        ).rows;
    return rows.length === 0 ? null : fromRow(rows[0]);
  }

  /** The pg Pool of TypeORM's PostgreSQL driver (read each time: it changes if the source is re-initialised). */
  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  findById(labId: string): Promise<LabEntity | null> {
    return this.repo.findOneBy({ id: labId });
  }

  findBySlugInPhase(slug: string, phase: LabPhase): Promise<LabEntity | null> {
    return this.repo.findOneBy({ slug, phase });
  }

  /** Labs in a phase, the soonest to close first (labs without a closing date last). */
  findAllInPhase(phase: LabPhase): Promise<LabEntity[]> {
    return this.repo.find({
      where: { phase },
      order: { applicationsCloseAt: { direction: 'ASC', nulls: 'LAST' }, title: 'ASC' },
    });
  }

  findBySlug(slug: string): Promise<LabEntity | null> {
    return this.repo.findOneBy({ slug });
  }

  /** Every lab (for admins), newest first. */
  findAll(): Promise<LabEntity[]> {
    return this.repo.find({ order: { createdAt: 'DESC' } });
  }

  findByIds(ids: string[]): Promise<LabEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo
      .createQueryBuilder('l')
      .where('l.id IN (:...ids)', { ids })
      .orderBy('l.created_at', 'DESC')
      .getMany();
  }

  /** Insert a lab; null when the slug is taken. */
  async insert(
    lab: LabChanges & Pick<LabEntity, 'slug' | 'title' | 'taxonomy' | 'createdBy'>,
  ): Promise<LabEntity | null> {
    try {
      return await this.repo.save(this.repo.create(lab));
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * Apply changes only if the lab is still at `expectedVersion` (optimistic locking; the
   * version column is bumped by the update). Returns 'updated', 'stale' or 'slug-taken'.
   */
  async updateIfVersion(
    labId: string,
    expectedVersion: number,
    changes: LabChanges,
  ): Promise<'updated' | 'stale' | 'slug-taken'> {
    try {
      const result = await this.repo
        .createQueryBuilder()
        .update(LabEntity)
        .set(changes)
        .where('id = :labId AND version = :expectedVersion', { labId, expectedVersion })
        .execute();
      return (result.affected ?? 0) === 1 ? 'updated' : 'stale';
    } catch (error) {
      if (isUniqueViolation(error)) return 'slug-taken';
      throw error;
    }
  }

  /** Move the phase only if nobody moved it meanwhile. */
  async updatePhaseIf(labId: string, from: LabPhase, to: LabPhase): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(LabEntity)
      .set({ phase: to })
      .where('id = :labId AND phase = :from', { labId, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
