import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalReviewConflicts1796608814182 implements MigrationInterface {
  name = 'ProposalReviewConflicts1796608814182';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "proposal_review_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "round_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "proposal_review_conflicts_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "proposal_review_conflicts_round_idx" ON "proposal_review_conflicts"  ("round_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "proposal_review_conflicts_proposal_reviewer_key" ON "proposal_review_conflicts"  ("proposal_id", "reviewer_id") `);
    await queryRunner.query(`ALTER TABLE "proposal_review_conflicts" ADD CONSTRAINT "proposal_review_conflicts_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_review_conflicts" ADD CONSTRAINT "proposal_review_conflicts_round_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_review_conflicts" ADD CONSTRAINT "proposal_review_conflicts_proposal_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_review_conflicts" ADD CONSTRAINT "proposal_review_conflicts_reviewer_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposal_review_conflicts" DROP CONSTRAINT "proposal_review_conflicts_reviewer_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_review_conflicts" DROP CONSTRAINT "proposal_review_conflicts_proposal_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_review_conflicts" DROP CONSTRAINT "proposal_review_conflicts_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_review_conflicts" DROP CONSTRAINT "proposal_review_conflicts_lab_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_review_conflicts_proposal_reviewer_key"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_review_conflicts_round_idx"`);
    await queryRunner.query(`DROP TABLE "proposal_review_conflicts"`);
  }
}
