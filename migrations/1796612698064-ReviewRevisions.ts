import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewRevisions1796612698064 implements MigrationInterface {
  name = 'ReviewRevisions1796612698064';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "review_revisions" ("assignment_id" uuid NOT NULL, "revision" integer NOT NULL, "scores" jsonb NOT NULL, "comment" text NOT NULL, "rubric_version" integer, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "review_revisions_pkey" PRIMARY KEY ("assignment_id", "revision"))`);
    await queryRunner.query(`ALTER TABLE "review_assignments" ADD "revision" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "review_rubrics" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "review_rubrics" ADD "closed_by" uuid`);
    await queryRunner.query(`ALTER TABLE "review_revisions" ADD CONSTRAINT "review_revisions_assignment_fkey" FOREIGN KEY ("assignment_id") REFERENCES "review_assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "review_revisions" DROP CONSTRAINT "review_revisions_assignment_fkey"`);
    await queryRunner.query(`ALTER TABLE "review_rubrics" DROP COLUMN "closed_by"`);
    await queryRunner.query(`ALTER TABLE "review_rubrics" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "review_assignments" DROP COLUMN "revision"`);
    await queryRunner.query(`DROP TABLE "review_revisions"`);
  }
}
