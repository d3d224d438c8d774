import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TeamFormation1796587995766 implements MigrationInterface {
  name = 'TeamFormation1796587995766';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "formation_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "inputs" jsonb NOT NULL, "seed" text NOT NULL, "status" character varying(20) NOT NULL, "solver_status" text NOT NULL, "result" jsonb NOT NULL, "adopted_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "formation_runs_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "formation_runs_lab_created_idx" ON "formation_runs"  ("lab_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "formation_settings" ("lab_id" uuid NOT NULL, "open" boolean NOT NULL DEFAULT false, "rules" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "formation_settings_version_check" CHECK ("version" >= 1), CONSTRAINT "formation_settings_pkey" PRIMARY KEY ("lab_id"))`);
    await queryRunner.query(`CREATE TABLE "formation_interests" ("lab_id" uuid NOT NULL, "user_id" uuid NOT NULL, "ratings" jsonb NOT NULL DEFAULT '{}', "wants" uuid array NOT NULL DEFAULT '{}', "avoids" uuid array NOT NULL DEFAULT '{}', "skills" text array NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "formation_interests_version_check" CHECK ("version" >= 1), CONSTRAINT "formation_interests_pkey" PRIMARY KEY ("lab_id", "user_id"))`);
    await queryRunner.query(`ALTER TABLE "teams" ADD "idea_id" uuid`);
    await queryRunner.query(`ALTER TABLE "teams" ADD "status" character varying(12) NOT NULL DEFAULT 'confirmed'`);
    await queryRunner.query(`ALTER TABLE "teams" ADD "lead_id" uuid`);
    await queryRunner.query(`ALTER TABLE "teams" ADD "mentor_id" uuid`);
    await queryRunner.query(`ALTER TABLE "teams" ADD "min_size" integer`);
    await queryRunner.query(`ALTER TABLE "teams" ADD "max_size" integer`);
    await queryRunner.query(`ALTER TABLE "teams" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "teams_lab_idea_key" ON "teams"  ("lab_id", "idea_id") WHERE "idea_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "teams_size_check" CHECK ("min_size" IS NULL OR "max_size" IS NULL OR ("min_size" >= 1 AND "min_size" <= "max_size"))`);
    await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "teams_status_check" CHECK ("status" IN ('forming','locked','confirmed'))`);
    await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "teams_lead_fkey" FOREIGN KEY ("lead_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "teams_mentor_fkey" FOREIGN KEY ("mentor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "formation_runs" ADD CONSTRAINT "formation_runs_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "formation_settings" ADD CONSTRAINT "formation_settings_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "formation_interests" ADD CONSTRAINT "formation_interests_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "formation_interests" ADD CONSTRAINT "formation_interests_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "formation_interests" DROP CONSTRAINT "formation_interests_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "formation_interests" DROP CONSTRAINT "formation_interests_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "formation_settings" DROP CONSTRAINT "formation_settings_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "formation_runs" DROP CONSTRAINT "formation_runs_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "teams_mentor_fkey"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "teams_lead_fkey"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "teams_status_check"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "teams_size_check"`);
    await queryRunner.query(`DROP INDEX "public"."teams_lab_idea_key"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "max_size"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "min_size"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "mentor_id"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "lead_id"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP COLUMN "idea_id"`);
    await queryRunner.query(`DROP TABLE "formation_interests"`);
    await queryRunner.query(`DROP TABLE "formation_settings"`);
    await queryRunner.query(`DROP INDEX "public"."formation_runs_lab_created_idx"`);
    await queryRunner.query(`DROP TABLE "formation_runs"`);
  }
}
