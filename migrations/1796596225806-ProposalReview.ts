import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalReview1796596225806 implements MigrationInterface {
  name = 'ProposalReview1796596225806';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "proposal_consensus_reports" ("proposal_id" uuid NOT NULL, "lab_id" uuid NOT NULL, "lead_reviewer_id" uuid NOT NULL, "recommendation" text, "summary" text NOT NULL DEFAULT '', "version" integer NOT NULL DEFAULT '0', "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "proposal_consensus_reports_recommendation_check" CHECK ("recommendation" IS NULL OR "recommendation" IN ('fund','fund-with-changes','do-not-fund')), CONSTRAINT "proposal_consensus_reports_pkey" PRIMARY KEY ("proposal_id"))`);
    await queryRunner.query(`CREATE TABLE "proposal_panel_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "author_id" uuid, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "proposal_panel_messages_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "proposal_panel_messages_proposal_created_idx" ON "proposal_panel_messages"  ("proposal_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "proposal_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "round_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "source" text NOT NULL DEFAULT 'auto', "status" text NOT NULL DEFAULT 'assigned', "scores" jsonb NOT NULL DEFAULT '{}', "confidence" integer, "team_comment" text NOT NULL DEFAULT '', "panel_comment" text NOT NULL DEFAULT '', "revision" integer NOT NULL DEFAULT '0', "submitted_at" TIMESTAMP WITH TIME ZONE, "assigned_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "proposal_reviews_confidence_check" CHECK ("confidence" IS NULL OR ("confidence" >= 1 AND "confidence" <= 5)), CONSTRAINT "proposal_reviews_source_check" CHECK ("source" IN ('auto','manual')), CONSTRAINT "proposal_reviews_status_check" CHECK ("status" IN ('assigned','draft','submitted')), CONSTRAINT "proposal_reviews_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "proposal_reviews_round_reviewer_idx" ON "proposal_reviews"  ("round_id", "reviewer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "proposal_reviews_proposal_reviewer_key" ON "proposal_reviews"  ("proposal_id", "reviewer_id") `);
    await queryRunner.query(`CREATE TABLE "proposal_review_revisions" ("review_id" uuid NOT NULL, "revision" integer NOT NULL, "scores" jsonb NOT NULL, "confidence" integer, "team_comment" text NOT NULL, "panel_comment" text NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "proposal_review_revisions_pkey" PRIMARY KEY ("review_id", "revision"))`);
    await queryRunner.query(`CREATE TABLE "proposal_review_rounds" ("round_id" uuid NOT NULL, "lab_id" uuid NOT NULL, "blind" boolean NOT NULL DEFAULT true, "closed_at" TIMESTAMP WITH TIME ZONE, "comments_released_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "proposal_review_rounds_pkey" PRIMARY KEY ("round_id"))`);
    await queryRunner.query(`CREATE TABLE "proposal_review_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "round_id" uuid NOT NULL, "inputs" jsonb NOT NULL, "seed" text NOT NULL, "status" text NOT NULL, "result" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "proposal_review_runs_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "proposal_review_runs_round_created_idx" ON "proposal_review_runs"  ("round_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "reviewer_profiles" ADD "expertise" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "proposal_consensus_reports" ADD CONSTRAINT "proposal_consensus_reports_proposal_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_consensus_reports" ADD CONSTRAINT "proposal_consensus_reports_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_consensus_reports" ADD CONSTRAINT "proposal_consensus_reports_lead_fkey" FOREIGN KEY ("lead_reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_consensus_reports" ADD CONSTRAINT "proposal_consensus_reports_updated_by_fkey" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_panel_messages" ADD CONSTRAINT "proposal_panel_messages_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_panel_messages" ADD CONSTRAINT "proposal_panel_messages_proposal_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_panel_messages" ADD CONSTRAINT "proposal_panel_messages_author_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_round_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_proposal_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_reviewer_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_review_revisions" ADD CONSTRAINT "proposal_review_revisions_review_fkey" FOREIGN KEY ("review_id") REFERENCES "proposal_reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_review_rounds" ADD CONSTRAINT "proposal_review_rounds_round_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_review_rounds" ADD CONSTRAINT "proposal_review_rounds_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_review_rounds" ADD CONSTRAINT "proposal_review_rounds_updated_by_fkey" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_review_runs" ADD CONSTRAINT "proposal_review_runs_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_review_runs" ADD CONSTRAINT "proposal_review_runs_round_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposal_review_runs" DROP CONSTRAINT "proposal_review_runs_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_review_runs" DROP CONSTRAINT "proposal_review_runs_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_review_rounds" DROP CONSTRAINT "proposal_review_rounds_updated_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_review_rounds" DROP CONSTRAINT "proposal_review_rounds_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_review_rounds" DROP CONSTRAINT "proposal_review_rounds_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_review_revisions" DROP CONSTRAINT "proposal_review_revisions_review_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_reviews" DROP CONSTRAINT "proposal_reviews_reviewer_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_reviews" DROP CONSTRAINT "proposal_reviews_proposal_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_reviews" DROP CONSTRAINT "proposal_reviews_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_reviews" DROP CONSTRAINT "proposal_reviews_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_panel_messages" DROP CONSTRAINT "proposal_panel_messages_author_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_panel_messages" DROP CONSTRAINT "proposal_panel_messages_proposal_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_panel_messages" DROP CONSTRAINT "proposal_panel_messages_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_consensus_reports" DROP CONSTRAINT "proposal_consensus_reports_updated_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_consensus_reports" DROP CONSTRAINT "proposal_consensus_reports_lead_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_consensus_reports" DROP CONSTRAINT "proposal_consensus_reports_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "proposal_consensus_reports" DROP CONSTRAINT "proposal_consensus_reports_proposal_fkey"`);
    await queryRunner.query(`ALTER TABLE "reviewer_profiles" DROP COLUMN "expertise"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_review_runs_round_created_idx"`);
    await queryRunner.query(`DROP TABLE "proposal_review_runs"`);
    await queryRunner.query(`DROP TABLE "proposal_review_rounds"`);
    await queryRunner.query(`DROP TABLE "proposal_review_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_reviews_proposal_reviewer_key"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_reviews_round_reviewer_idx"`);
    await queryRunner.query(`DROP TABLE "proposal_reviews"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_panel_messages_proposal_created_idx"`);
    await queryRunner.query(`DROP TABLE "proposal_panel_messages"`);
    await queryRunner.query(`DROP TABLE "proposal_consensus_reports"`);
  }
}
