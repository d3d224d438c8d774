import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Proposals1796585424951 implements MigrationInterface {
  name = 'Proposals1796585424951';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "funding_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "name" text NOT NULL, "pool_minor" bigint NOT NULL, "award_cap_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "proposals_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rubric" jsonb NOT NULL DEFAULT '[]', "sections" jsonb NOT NULL DEFAULT '[]', "access" text NOT NULL DEFAULT 'open', "previous_round_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "funding_rounds_money_check" CHECK ("pool_minor" >= 0 AND "award_cap_minor" > 0), CONSTRAINT "funding_rounds_access_check" CHECK ("access" IN ('open','invite-only')), CONSTRAINT "funding_rounds_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "funding_rounds_lab_name_key" ON "funding_rounds"  ("lab_id", "name") `);
    await queryRunner.query(`CREATE TABLE "funding_round_teams" ("round_id" uuid NOT NULL, "team_id" uuid NOT NULL, "invited" boolean NOT NULL DEFAULT false, "extension_until" TIMESTAMP WITH TIME ZONE, "extension_granted_by" uuid, CONSTRAINT "funding_round_teams_pkey" PRIMARY KEY ("round_id", "team_id"))`);
    await queryRunner.query(`CREATE INDEX "funding_round_teams_team_idx" ON "funding_round_teams"  ("team_id") `);
    await queryRunner.query(`CREATE TABLE "proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "round_id" uuid NOT NULL, "team_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '0', "submitted_version" integer, "submitted_at" TIMESTAMP WITH TIME ZONE, "started_from_proposal_id" uuid, "started_from_version" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "proposals_submitted_version_check" CHECK ("submitted_version" IS NULL OR ("submitted_version" >= 1 AND "submitted_version" <= "version")), CONSTRAINT "proposals_version_check" CHECK ("version" >= 0), CONSTRAINT "proposals_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "proposals_lab_idx" ON "proposals"  ("lab_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "proposals_round_team_key" ON "proposals"  ("round_id", "team_id") `);
    await queryRunner.query(`CREATE TABLE "proposal_versions" ("proposal_id" uuid NOT NULL, "version" integer NOT NULL, "content" jsonb NOT NULL, "budget_total_minor" bigint NOT NULL, "author_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "proposal_versions_pkey" PRIMARY KEY ("proposal_id", "version"))`);
    await queryRunner.query(`ALTER TABLE "funding_rounds" ADD CONSTRAINT "funding_rounds_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_rounds" ADD CONSTRAINT "funding_rounds_previous_round_fkey" FOREIGN KEY ("previous_round_id") REFERENCES "funding_rounds"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_rounds" ADD CONSTRAINT "funding_rounds_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_round_teams" ADD CONSTRAINT "funding_round_teams_round_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_round_teams" ADD CONSTRAINT "funding_round_teams_team_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_round_teams" ADD CONSTRAINT "funding_round_teams_granted_by_fkey" FOREIGN KEY ("extension_granted_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_round_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_team_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_started_from_fkey" FOREIGN KEY ("started_from_proposal_id") REFERENCES "proposals"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_versions" ADD CONSTRAINT "proposal_versions_proposal_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_versions" ADD CONSTRAINT "proposal_versions_author_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposal_versions" DROP CONSTRAINT "proposal_versions_author_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_versions" DROP CONSTRAINT "proposal_versions_proposal_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_started_from_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_team_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_round_teams" DROP CONSTRAINT "funding_round_teams_granted_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_round_teams" DROP CONSTRAINT "funding_round_teams_team_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_round_teams" DROP CONSTRAINT "funding_round_teams_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_rounds" DROP CONSTRAINT "funding_rounds_created_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_rounds" DROP CONSTRAINT "funding_rounds_previous_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_rounds" DROP CONSTRAINT "funding_rounds_lab_fkey"`);
    await queryRunner.query(`DROP TABLE "proposal_versions"`);
    await queryRunner.query(`DROP INDEX "public"."proposals_round_team_key"`);
    await queryRunner.query(`DROP INDEX "public"."proposals_lab_idx"`);
    await queryRunner.query(`DROP TABLE "proposals"`);
    await queryRunner.query(`DROP INDEX "public"."funding_round_teams_team_idx"`);
    await queryRunner.query(`DROP TABLE "funding_round_teams"`);
    await queryRunner.query(`DROP INDEX "public"."funding_rounds_lab_name_key"`);
    await queryRunner.query(`DROP TABLE "funding_rounds"`);
  }
}
