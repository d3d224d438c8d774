import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Review1795718559871 implements MigrationInterface {
  name = 'Review1795718559871';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "review_assignment_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "inputs" jsonb NOT NULL, "result" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "review_assignment_runs_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "review_assignment_runs_lab_created_idx" ON "review_assignment_runs"  ("lab_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "review_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "application_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "source" text NOT NULL DEFAULT 'auto', "status" text NOT NULL DEFAULT 'assigned', "scores" jsonb NOT NULL DEFAULT '{}', "comment" text NOT NULL DEFAULT '', "rubric_version" integer, "submitted_at" TIMESTAMP WITH TIME ZONE, "assigned_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "review_assignments_source_check" CHECK ("source" IN ('auto','manual')), CONSTRAINT "review_assignments_status_check" CHECK ("status" IN ('assigned','draft','submitted')), CONSTRAINT "review_assignments_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "review_assignments_lab_reviewer_idx" ON "review_assignments"  ("lab_id", "reviewer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "review_assignments_application_reviewer_key" ON "review_assignments"  ("application_id", "reviewer_id") `);
    await queryRunner.query(`CREATE TABLE "review_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "applicant_id" uuid, "institution" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "review_conflicts_target_check" CHECK (("applicant_id" IS NULL) <> ("institution" IS NULL)), CONSTRAINT "review_conflicts_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "review_conflicts_lab_reviewer_idx" ON "review_conflicts"  ("lab_id", "reviewer_id") `);
    await queryRunner.query(`CREATE TABLE "reviewer_profiles" ("lab_id" uuid NOT NULL, "user_id" uuid NOT NULL, "institution" text NOT NULL DEFAULT '', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reviewer_profiles_pkey" PRIMARY KEY ("lab_id", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "review_rubrics" ("lab_id" uuid NOT NULL, "version" integer NOT NULL, "criteria" jsonb NOT NULL, "comment_prompt" text NOT NULL DEFAULT '', "blind" boolean NOT NULL DEFAULT false, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "review_rubrics_version_check" CHECK ("version" >= 1), CONSTRAINT "review_rubrics_pkey" PRIMARY KEY ("lab_id"))`);
    await queryRunner.query(`ALTER TABLE "review_assignment_runs" ADD CONSTRAINT "review_assignment_runs_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_application_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_reviewer_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_conflicts" ADD CONSTRAINT "review_conflicts_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_conflicts" ADD CONSTRAINT "review_conflicts_reviewer_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_conflicts" ADD CONSTRAINT "review_conflicts_applicant_fkey" FOREIGN KEY ("applicant_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reviewer_profiles" ADD CONSTRAINT "reviewer_profiles_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reviewer_profiles" ADD CONSTRAINT "reviewer_profiles_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_rubrics" ADD CONSTRAINT "review_rubrics_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "review_rubrics" DROP CONSTRAINT "review_rubrics_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "reviewer_profiles" DROP CONSTRAINT "reviewer_profiles_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "reviewer_profiles" DROP CONSTRAINT "reviewer_profiles_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "review_conflicts" DROP CONSTRAINT "review_conflicts_applicant_fkey"`);
    await queryRunner.query(`ALTER TABLE "review_conflicts" DROP CONSTRAINT "review_conflicts_reviewer_fkey"`);
    await queryRunner.query(`ALTER TABLE "review_conflicts" DROP CONSTRAINT "review_conflicts_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "review_assignments" DROP CONSTRAINT "review_assignments_reviewer_fkey"`);
    await queryRunner.query(`ALTER TABLE "review_assignments" DROP CONSTRAINT "review_assignments_application_fkey"`);
    await queryRunner.query(`ALTER TABLE "review_assignments" DROP CONSTRAINT "review_assignments_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "review_assignment_runs" DROP CONSTRAINT "review_assignment_runs_lab_fkey"`);
    await queryRunner.query(`DROP TABLE "review_rubrics"`);
    await queryRunner.query(`DROP TABLE "reviewer_profiles"`);
    await queryRunner.query(`DROP INDEX "public"."review_conflicts_lab_reviewer_idx"`);
    await queryRunner.query(`DROP TABLE "review_conflicts"`);
    await queryRunner.query(`DROP INDEX "public"."review_assignments_application_reviewer_key"`);
    await queryRunner.query(`DROP INDEX "public"."review_assignments_lab_reviewer_idx"`);
    await queryRunner.query(`DROP TABLE "review_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."review_assignment_runs_lab_created_idx"`);
    await queryRunner.query(`DROP TABLE "review_assignment_runs"`);
  }
}
