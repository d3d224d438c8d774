import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { ParticipantProfileEntity } from './entities/participant-profile.entity.js';
import type { ParticipantProfile } from './workshop.contract.js';

@Injectable()
export class ParticipantProfilesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * Every participant of a lab (role `participant`) with the profile the planner reads, by
   * name: the organiser's profile when there is one, else what the person's application to
   * the lab declares (primary discipline, career stage, affiliation) — so a confirmed place
   * brings its disciplines to the planner without anyone typing them again.
   */
  findParticipantsOfLab(labId: string): Promise<ParticipantProfile[]> {
    return this.tx.manager().query(
      `SELECT u.id AS "userId", u.display_name AS "displayName",
              COALESCE(p.discipline, NULLIF(a.profile->>'primaryDiscipline', ''), NULLIF(a.profile->'disciplines'->>0, '')) AS discipline,
              COALESCE(p.career_stage, NULLIF(a.profile->>'careerStage', '')) AS "careerStage",
              CASE WHEN p.discipline IS NOT NULL THEN ARRAY[p.discipline]
                   WHEN jsonb_typeof(a.profile->'disciplines') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(a.profile->'disciplines'))
                   ELSE ARRAY[]::text[] END AS disciplines,
              NULLIF(a.profile->>'affiliation', '') AS institution,
              CASE WHEN p.user_id IS NOT NULL THEN 'organiser'
                   WHEN a.id IS NOT NULL AND COALESCE(a.profile->>'primaryDiscipline', a.profile->'disciplines'->>0, a.profile->>'careerStage') IS NOT NULL THEN 'application'
                   END AS source
         FROM lab_memberships m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN participant_profiles p ON p.lab_id = m.lab_id AND p.user_id = m.user_id
         LEFT JOIN applications a ON a.lab_id = m.lab_id AND a.applicant_id = m.user_id AND a.status = 'submitted'
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
