import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Selection1795720479317 implements MigrationInterface {
  name = 'Selection1795720479317';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "selection_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "inputs" jsonb NOT NULL, "seed" text NOT NULL, "status" character varying(20) NOT NULL, "solver_status" text NOT NULL, "result" jsonb NOT NULL, "adopted_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "selection_runs_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "selection_runs_one_adopted_per_lab_idx" ON "selection_runs"  ("lab_id") WHERE "adopted_at" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "selection_runs_lab_created_idx" ON "selection_runs"  ("lab_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "selection_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "run_id" uuid NOT NULL, "application_id" uuid NOT NULL, "applicant_id" uuid NOT NULL, "outcome" character varying(20) NOT NULL, "waitlist_rank" integer, "response" character varying(20), "confirm_by" TIMESTAMP WITH TIME ZONE, "responded_at" TIMESTAMP WITH TIME ZONE, "promotion" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "selection_decisions_lab_application_key" UNIQUE ("lab_id", "application_id"), CONSTRAINT "selection_decisions_response_check" CHECK ("response" IS NULL OR "response" IN ('pending','confirmed','declined','expired')), CONSTRAINT "selection_decisions_outcome_check" CHECK ("outcome" IN ('accepted','waitlisted','declined')), CONSTRAINT "selection_decisions_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "selection_decisions_applicant_idx" ON "selection_decisions"  ("applicant_id") `);
    await queryRunner.query(`ALTER TABLE "selection_runs" ADD CONSTRAINT "selection_runs_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "selection_decisions" ADD CONSTRAINT "selection_decisions_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "selection_decisions" ADD CONSTRAINT "selection_decisions_run_fkey" FOREIGN KEY ("run_id") REFERENCES "selection_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "selection_decisions" ADD CONSTRAINT "selection_decisions_application_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "selection_decisions" DROP CONSTRAINT "selection_decisions_application_fkey"`);
    await queryRunner.query(`ALTER TABLE "selection_decisions" DROP CONSTRAINT "selection_decisions_run_fkey"`);
    await queryRunner.query(`ALTER TABLE "selection_decisions" DROP CONSTRAINT "selection_decisions_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "selection_runs" DROP CONSTRAINT "selection_runs_lab_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."selection_decisions_applicant_idx"`);
    await queryRunner.query(`DROP TABLE "selection_decisions"`);
    await queryRunner.query(`DROP INDEX "public"."selection_runs_lab_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."selection_runs_one_adopted_per_lab_idx"`);
    await queryRunner.query(`DROP TABLE "selection_runs"`);
  }
}
