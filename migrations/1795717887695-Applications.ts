import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Applications1795717887695 implements MigrationInterface {
  name = 'Applications1795717887695';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "application_forms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "version" integer NOT NULL, "questions" jsonb NOT NULL, "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "application_forms_version_check" CHECK ("version" >= 1), CONSTRAINT "application_forms_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "application_forms_lab_version_key" ON "application_forms"  ("lab_id", "version") `);
    await queryRunner.query(`CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "applicant_id" uuid NOT NULL, "form_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'draft', "profile" jsonb NOT NULL DEFAULT '{}', "answers" jsonb NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "submitted_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "extension_until" TIMESTAMP WITH TIME ZONE, "extension_granted_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "applications_version_check" CHECK ("version" >= 1), CONSTRAINT "applications_status_check" CHECK ("status" IN ('draft','submitted','withdrawn')), CONSTRAINT "applications_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "applications_applicant_idx" ON "applications"  ("applicant_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "applications_lab_applicant_key" ON "applications"  ("lab_id", "applicant_id") `);
    await queryRunner.query(`CREATE TABLE "application_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "version" integer NOT NULL, "kind" text NOT NULL, "form_id" uuid NOT NULL, "profile" jsonb NOT NULL, "answers" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "application_versions_kind_check" CHECK ("kind" IN ('submitted','edited')), CONSTRAINT "application_versions_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "application_versions_application_version_key" ON "application_versions"  ("application_id", "version") `);
    await queryRunner.query(`ALTER TABLE "application_forms" ADD CONSTRAINT "application_forms_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "applications_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "applications_applicant_fkey" FOREIGN KEY ("applicant_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "applications_form_fkey" FOREIGN KEY ("form_id") REFERENCES "application_forms"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "application_versions" ADD CONSTRAINT "application_versions_application_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "application_versions" ADD CONSTRAINT "application_versions_form_fkey" FOREIGN KEY ("form_id") REFERENCES "application_forms"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application_versions" DROP CONSTRAINT "application_versions_form_fkey"`);
    await queryRunner.query(`ALTER TABLE "application_versions" DROP CONSTRAINT "application_versions_application_fkey"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "applications_form_fkey"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "applications_applicant_fkey"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "applications_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "application_forms" DROP CONSTRAINT "application_forms_lab_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."application_versions_application_version_key"`);
    await queryRunner.query(`DROP TABLE "application_versions"`);
    await queryRunner.query(`DROP INDEX "public"."applications_lab_applicant_key"`);
    await queryRunner.query(`DROP INDEX "public"."applications_applicant_idx"`);
    await queryRunner.query(`DROP TABLE "applications"`);
    await queryRunner.query(`DROP INDEX "public"."application_forms_lab_version_key"`);
    await queryRunner.query(`DROP TABLE "application_forms"`);
  }
}
