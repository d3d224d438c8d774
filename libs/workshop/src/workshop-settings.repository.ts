import { Injectable } from '@nestjs/common';
import { affectedCount, TransactionRunner } from '@ideas-lab/platform';

/** A lab's workshop settings as read: version 0 when none were ever saved. */
export interface WorkshopSettingsRow {
  labSlug: string;
  roomLinkTemplate: string | null;
  version: number;
}

@Injectable()
export class WorkshopSettingsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async findOfLab(labId: string): Promise<WorkshopSettingsRow | null> {
    const rows: WorkshopSettingsRow[] = await this.tx.manager().query(
      `SELECT l.slug AS "labSlug", s.room_link_template AS "roomLinkTemplate", COALESCE(s.version, 0) AS version
         FROM labs l LEFT JOIN workshop_settings s ON s.lab_id = l.id WHERE l.id = $1`,
      [labId],
    );
    return rows[0] ?? null;
  }

  /** Save over `version` (0: never saved); false when someone saved another version meanwhile. */
  async saveIfVersion(
    labId: string,
    version: number,
    changes: { roomLinkTemplate: string | null },
  ): Promise<boolean> {
    const result: unknown =
      version === 0
        ? await this.tx.manager().query(
            `INSERT INTO workshop_settings (lab_id, room_link_template) VALUES ($1, $2)
             ON CONFLICT (lab_id) DO NOTHING RETURNING lab_id`,
            [labId, changes.roomLinkTemplate],
          )
        : await this.tx.manager().query(
            `UPDATE workshop_settings SET room_link_template = $3, version = version + 1, updated_at = now()
              WHERE lab_id = $1 AND version = $2 RETURNING lab_id`,
            [labId, version, changes.roomLinkTemplate],
          );
    return affectedCount(result) === 1;
  }
}
