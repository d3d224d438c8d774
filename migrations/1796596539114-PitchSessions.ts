import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PitchSessions1796596539114 implements MigrationInterface {
  name = 'PitchSessions1796596539114';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "pitch_sessions" ("session_id" uuid NOT NULL, "lab_id" uuid NOT NULL, "criteria" jsonb NOT NULL, "state" text NOT NULL DEFAULT 'scheduled', "current_slot_id" uuid, "version" integer NOT NULL DEFAULT '1', "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pitch_sessions_state_check" CHECK ("state" IN ('scheduled','running','ended')), CONSTRAINT "pitch_sessions_pkey" PRIMARY KEY ("session_id"))`);
    await queryRunner.query(`CREATE INDEX "pitch_sessions_lab_idx" ON "pitch_sessions"  ("lab_id") `);
    await queryRunner.query(`CREATE TABLE "pitch_slots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "team_id" uuid NOT NULL, "position" integer NOT NULL, "pitch_seconds" integer NOT NULL, "question_seconds" integer NOT NULL, "phase" text NOT NULL DEFAULT 'waiting', "phase_ends_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pitch_slots_times_check" CHECK ("pitch_seconds" > 0 AND "question_seconds" >= 0), CONSTRAINT "pitch_slots_phase_check" CHECK ("phase" IN ('waiting','pitch','questions','closed')), CONSTRAINT "pitch_slots_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "pitch_slots_running_ends_at_idx" ON "pitch_slots"  ("phase_ends_at") WHERE "phase" IN ('pitch','questions')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "pitch_slots_session_team_key" ON "pitch_slots"  ("session_id", "team_id") `);
    await queryRunner.query(`CREATE TABLE "pitch_scores" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slot_id" uuid NOT NULL, "mentor_id" uuid NOT NULL, "scores" jsonb NOT NULL DEFAULT '{}', "comment_to_team" text NOT NULL DEFAULT '', "private_note" text NOT NULL DEFAULT '', "version" integer NOT NULL DEFAULT '1', "released_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pitch_scores_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "pitch_scores_slot_mentor_key" ON "pitch_scores"  ("slot_id", "mentor_id") `);
    await queryRunner.query(`ALTER TABLE "pitch_sessions" ADD CONSTRAINT "pitch_sessions_session_fkey" FOREIGN KEY ("session_id") REFERENCES "agenda_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pitch_sessions" ADD CONSTRAINT "pitch_sessions_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pitch_sessions" ADD CONSTRAINT "pitch_sessions_updated_by_fkey" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pitch_slots" ADD CONSTRAINT "pitch_slots_session_fkey" FOREIGN KEY ("session_id") REFERENCES "pitch_sessions"("session_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pitch_slots" ADD CONSTRAINT "pitch_slots_team_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pitch_scores" ADD CONSTRAINT "pitch_scores_slot_fkey" FOREIGN KEY ("slot_id") REFERENCES "pitch_slots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pitch_scores" ADD CONSTRAINT "pitch_scores_mentor_fkey" FOREIGN KEY ("mentor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pitch_scores" DROP CONSTRAINT "pitch_scores_mentor_fkey"`);
    await queryRunner.query(`ALTER TABLE "pitch_scores" DROP CONSTRAINT "pitch_scores_slot_fkey"`);
    await queryRunner.query(`ALTER TABLE "pitch_slots" DROP CONSTRAINT "pitch_slots_team_fkey"`);
    await queryRunner.query(`ALTER TABLE "pitch_slots" DROP CONSTRAINT "pitch_slots_session_fkey"`);
    await queryRunner.query(`ALTER TABLE "pitch_sessions" DROP CONSTRAINT "pitch_sessions_updated_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "pitch_sessions" DROP CONSTRAINT "pitch_sessions_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "pitch_sessions" DROP CONSTRAINT "pitch_sessions_session_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."pitch_scores_slot_mentor_key"`);
    await queryRunner.query(`DROP TABLE "pitch_scores"`);
    await queryRunner.query(`DROP INDEX "public"."pitch_slots_session_team_key"`);
    await queryRunner.query(`DROP INDEX "public"."pitch_slots_running_ends_at_idx"`);
    await queryRunner.query(`DROP TABLE "pitch_slots"`);
    await queryRunner.query(`DROP INDEX "public"."pitch_sessions_lab_idx"`);
    await queryRunner.query(`DROP TABLE "pitch_sessions"`);
  }
}
