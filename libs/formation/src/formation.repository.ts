import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { affectedCount, TransactionRunner } from '@ideas-lab/platform';
import type { FormationRules } from './formation.contract.js';
import type { FormationInterestEntity } from './entities/formation-interest.entity.js';
import { FormationRunEntity, type FormationRunInputs } from './entities/formation-run.entity.js';
import { FormationSettingsEntity } from './entities/formation-settings.entity.js';

export type InterestRow = Pick<
  FormationInterestEntity,
  'userId' | 'ratings' | 'wants' | 'avoids' | 'skills' | 'version' | 'updatedAt'
>;

/** What /formation stores: a lab's settings and rules, participants' interests, and runs. */
@Injectable()
export class FormationRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async findSettings(labId: string): Promise<FormationSettingsEntity | null> {
    return this.tx.manager().findOne(FormationSettingsEntity, { where: { labId } });
  }

  /** Writes the settings if `version` is the stored one (0: none stored yet); false when stale. */
  async saveSettings(input: {
    labId: string;
    open: boolean;
    rules: FormationRules;
    version: number;
  }): Promise<boolean> {
    const manager = this.tx.manager();
    if (input.version === 0) {
      const rows: unknown[] = await manager.query(
        `INSERT INTO formation_settings (lab_id, open, rules) VALUES ($1, $2, $3)
         ON CONFLICT (lab_id) DO NOTHING RETURNING lab_id`,
        [input.labId, input.open, JSON.stringify(input.rules)],
      );
      return rows.length > 0;
    }
    const result: unknown = await manager.query(
      `UPDATE formation_settings SET open = $2, rules = $3, version = version + 1, updated_at = now()
        WHERE lab_id = $1 AND version = $4 RETURNING lab_id`,
      [input.labId, input.open, JSON.stringify(input.rules), input.version],
    );
    return affectedCount(result) > 0;
  }

  async findInterestsOf(labId: string, userId: string): Promise<InterestRow | null> {
    const rows: InterestRow[] = await this.tx
      .manager()
      .query(`${INTEREST_SELECT} WHERE lab_id = $1 AND user_id = $2`, [labId, userId]);
    return rows[0] ?? null;
  }

  findInterestsOfLab(labId: string): Promise<InterestRow[]> {
    return this.tx
      .manager()
      .query(`${INTEREST_SELECT} WHERE lab_id = $1 ORDER BY user_id`, [labId]);
  }

  /** Writes someone's interests if `version` is the stored one (0: none yet); false when stale. */
  async saveInterests(input: {
    labId: string;
    userId: string;
    ratings: Record<string, number>;
    wants: string[];
    avoids: string[];
    skills: string[];
    version: number;
  }): Promise<boolean> {
    const manager = this.tx.manager();
    const values = [
      input.labId,
      input.userId,
      JSON.stringify(input.ratings),
      input.wants,
      input.avoids,
      input.skills,
    ];
    if (input.version === 0) {
      const rows: unknown[] = await manager.query(
        `INSERT INTO formation_interests (lab_id, user_id, ratings, wants, avoids, skills)
         VALUES ($1, $2, $3, $4::uuid[], $5::uuid[], $6::text[])
         ON CONFLICT (lab_id, user_id) DO NOTHING RETURNING user_id`,
        values,
      );
      return rows.length > 0;
    }
    const result: unknown = await manager.query(
      `UPDATE formation_interests
          SET ratings = $3, wants = $4::uuid[], avoids = $5::uuid[], skills = $6::text[],
              version = version + 1, updated_at = now()
        WHERE lab_id = $1 AND user_id = $2 AND version = $7 RETURNING user_id`,
      [...values, input.version],
    );
    return affectedCount(result) > 0;
  }

  async insertRun(run: {
    labId: string;
    inputs: FormationRunInputs;
    seed: string;
    status: FormationRunEntity['status'];
    solverStatus: string;
    result: FormationRunEntity['result'];
    createdBy: string;
  }): Promise<FormationRunEntity> {
    const manager = this.tx.manager();
    return manager.save(FormationRunEntity, manager.create(FormationRunEntity, run));
  }

  findRunsOfLab(labId: string): Promise<FormationRunEntity[]> {
    return this.tx
      .manager()
      .find(FormationRunEntity, { where: { labId }, order: { createdAt: 'DESC' }, take: 50 });
  }

  findRun(labId: string, runId: string): Promise<FormationRunEntity | null> {
    return this.tx.manager().findOne(FormationRunEntity, { where: { labId, id: runId } });
  }

  /** The run becomes the adopted one of its lab (any other adopted run no longer is). */
  async markAdopted(labId: string, runId: string): Promise<void> {
    await this.tx.manager().query(
      `UPDATE formation_runs SET adopted_at = CASE WHEN id = $2 THEN now() ELSE NULL END
          WHERE lab_id = $1 AND (adopted_at IS NOT NULL OR id = $2)`,
      [labId, runId],
    );
  }

  async findAdoptedRun(labId: string): Promise<FormationRunEntity | null> {
    return this.tx.manager().findOne(FormationRunEntity, {
      where: { labId, adoptedAt: Not(IsNull()) },
    });
  }
}

const INTEREST_SELECT = `SELECT user_id AS "userId", ratings, wants, avoids, skills, version, updated_at AS "updatedAt" FROM formation_interests`;
