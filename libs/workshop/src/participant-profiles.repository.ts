import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { ParticipantProfileEntity } from './entities/participant-profile.entity.js';

export interface ParticipantRow {
  userId: string;
  displayName: string;
  discipline: string | null;
  careerStage: string | null;
}

@Injectable()
export class ParticipantProfilesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Every participant of a lab (role `participant`) with the profile the planner reads, by name. */
  findParticipantsOfLab(labId: string): Promise<ParticipantRow[]> {
    return this.tx.manager().query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", p.discipline, p.career_stage AS "careerStage"
         FROM lab_memberships m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN participant_profiles p ON p.lab_id = m.lab_id AND p.user_id = m.user_id
        WHERE m.lab_id = $1 AND m.role = 'participant'
        ORDER BY u.display_name, u.id`,
      [labId],
    );
  }

  async upsert(
    profile: Pick<ParticipantProfileEntity, 'labId' | 'userId' | 'discipline' | 'careerStage'>,
  ): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO participant_profiles (lab_id, user_id, discipline, career_stage) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lab_id, user_id) DO UPDATE SET discipline = EXCLUDED.discipline, career_stage = EXCLUDED.career_stage, updated_at = now()`,
      [profile.labId, profile.userId, profile.discipline, profile.careerStage],
    );
  }
}
