import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Workshop1795718078901 implements MigrationInterface {
  name = 'Workshop1795718078901';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "agenda_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "materials" jsonb NOT NULL DEFAULT '[]', "meeting_url" text, "state" text NOT NULL DEFAULT 'scheduled', "version" integer NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "agenda_sessions_times_check" CHECK ("starts_at" < "ends_at"), CONSTRAINT "agenda_sessions_state_check" CHECK ("state" IN ('scheduled','live','ended')), CONSTRAINT "agenda_sessions_kind_check" CHECK ("kind" IN ('plenary','breakout','ideation','pitch')), CONSTRAINT "agenda_sessions_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "agenda_sessions_lab_starts_idx" ON "agenda_sessions"  ("lab_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "breakout_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "inputs" jsonb NOT NULL, "seed" text NOT NULL, "result" jsonb NOT NULL, "pairs_met" integer NOT NULL, "repeats" integer NOT NULL, "adopted_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "breakout_plans_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "breakout_plans_session_idx" ON "breakout_plans"  ("session_id") `);
    await queryRunner.query(`CREATE TABLE "breakout_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "index" integer NOT NULL, "title" text NOT NULL, "duration_minutes" integer NOT NULL, "state" text NOT NULL DEFAULT 'planned', "mode" text NOT NULL DEFAULT 'assigned', "plan_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "breakout_rounds_duration_check" CHECK ("duration_minutes" > 0), CONSTRAINT "breakout_rounds_mode_check" CHECK ("mode" IN ('assigned','self-select')), CONSTRAINT "breakout_rounds_state_check" CHECK ("state" IN ('planned','open','closed')), CONSTRAINT "breakout_rounds_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "breakout_rounds_session_index_key" ON "breakout_rounds"  ("session_id", "index") `);
    await queryRunner.query(`CREATE TABLE "breakout_rooms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "position" integer NOT NULL, "name" text NOT NULL, "meeting_url" text, "mentor_id" uuid, "capacity" integer, CONSTRAINT "breakout_rooms_capacity_check" CHECK ("capacity" IS NULL OR "capacity" > 0), CONSTRAINT "breakout_rooms_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "breakout_rooms_mentor_idx" ON "breakout_rooms"  ("mentor_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "breakout_rooms_round_position_key" ON "breakout_rooms"  ("round_id", "position") `);
    await queryRunner.query(`CREATE TABLE "breakout_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "room_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "breakout_assignments_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "breakout_assignments_room_idx" ON "breakout_assignments"  ("room_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "breakout_assignments_round_user_key" ON "breakout_assignments"  ("round_id", "user_id") `);
    await queryRunner.query(`CREATE TABLE "participant_profiles" ("lab_id" uuid NOT NULL, "user_id" uuid NOT NULL, "discipline" text NOT NULL, "career_stage" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "participant_profiles_pkey" PRIMARY KEY ("lab_id", "user_id"))`);
    await queryRunner.query(`ALTER TABLE "agenda_sessions" ADD CONSTRAINT "agenda_sessions_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "breakout_plans" ADD CONSTRAINT "breakout_plans_session_fkey" FOREIGN KEY ("session_id") REFERENCES "agenda_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" ADD CONSTRAINT "breakout_rounds_session_fkey" FOREIGN KEY ("session_id") REFERENCES "agenda_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" ADD CONSTRAINT "breakout_rounds_plan_fkey" FOREIGN KEY ("plan_id") REFERENCES "breakout_plans"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "breakout_rooms" ADD CONSTRAINT "breakout_rooms_round_fkey" FOREIGN KEY ("round_id") REFERENCES "breakout_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "breakout_rooms" ADD CONSTRAINT "breakout_rooms_mentor_fkey" FOREIGN KEY ("mentor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "breakout_assignments" ADD CONSTRAINT "breakout_assignments_round_fkey" FOREIGN KEY ("round_id") REFERENCES "breakout_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "breakout_assignments" ADD CONSTRAINT "breakout_assignments_room_fkey" FOREIGN KEY ("room_id") REFERENCES "breakout_rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "breakout_assignments" ADD CONSTRAINT "breakout_assignments_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "participant_profiles" ADD CONSTRAINT "participant_profiles_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "participant_profiles" ADD CONSTRAINT "participant_profiles_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participant_profiles" DROP CONSTRAINT "participant_profiles_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "participant_profiles" DROP CONSTRAINT "participant_profiles_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "breakout_assignments" DROP CONSTRAINT "breakout_assignments_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "breakout_assignments" DROP CONSTRAINT "breakout_assignments_room_fkey"`);
    await queryRunner.query(`ALTER TABLE "breakout_assignments" DROP CONSTRAINT "breakout_assignments_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "breakout_rooms" DROP CONSTRAINT "breakout_rooms_mentor_fkey"`);
    await queryRunner.query(`ALTER TABLE "breakout_rooms" DROP CONSTRAINT "breakout_rooms_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" DROP CONSTRAINT "breakout_rounds_plan_fkey"`);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" DROP CONSTRAINT "breakout_rounds_session_fkey"`);
    await queryRunner.query(`ALTER TABLE "breakout_plans" DROP CONSTRAINT "breakout_plans_session_fkey"`);
    await queryRunner.query(`ALTER TABLE "agenda_sessions" DROP CONSTRAINT "agenda_sessions_lab_fkey"`);
    await queryRunner.query(`DROP TABLE "participant_profiles"`);
    await queryRunner.query(`DROP INDEX "public"."breakout_assignments_round_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."breakout_assignments_room_idx"`);
    await queryRunner.query(`DROP TABLE "breakout_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."breakout_rooms_round_position_key"`);
    await queryRunner.query(`DROP INDEX "public"."breakout_rooms_mentor_idx"`);
    await queryRunner.query(`DROP TABLE "breakout_rooms"`);
    await queryRunner.query(`DROP INDEX "public"."breakout_rounds_session_index_key"`);
    await queryRunner.query(`DROP TABLE "breakout_rounds"`);
    await queryRunner.query(`DROP INDEX "public"."breakout_plans_session_idx"`);
    await queryRunner.query(`DROP TABLE "breakout_plans"`);
    await queryRunner.query(`DROP INDEX "public"."agenda_sessions_lab_starts_idx"`);
    await queryRunner.query(`DROP TABLE "agenda_sessions"`);
  }
}
