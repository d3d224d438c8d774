import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FundingDecisions1796596454422 implements MigrationInterface {
  name = 'FundingDecisions1796596454422';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "funding_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "round_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "team_id" uuid NOT NULL, "outcome" character varying(20) NOT NULL, "amount_minor" bigint, "rationale" text NOT NULL, "invited_round_id" uuid, "run_id" uuid, "version" integer NOT NULL DEFAULT '1', "decided_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "funding_decisions_amount_check" CHECK (("outcome" = 'funded') = ("amount_minor" IS NOT NULL) AND ("amount_minor" IS NULL OR "amount_minor" > 0)), CONSTRAINT "funding_decisions_outcome_check" CHECK ("outcome" IN ('funded','not-funded')), CONSTRAINT "funding_decisions_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "funding_decisions_round_idx" ON "funding_decisions"  ("round_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "funding_decisions_proposal_key" ON "funding_decisions"  ("proposal_id") `);
    await queryRunner.query(`CREATE TABLE "funding_portfolio_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "round_id" uuid NOT NULL, "inputs" jsonb NOT NULL, "seed" text NOT NULL, "status" character varying(20) NOT NULL, "result" jsonb NOT NULL, "adopted_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "funding_portfolio_runs_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "funding_portfolio_runs_round_created_idx" ON "funding_portfolio_runs"  ("round_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "progress_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "round_id" uuid NOT NULL, "team_id" uuid NOT NULL, "title" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "summary" text NOT NULL DEFAULT '', "outcomes" text NOT NULL DEFAULT '', "next_steps" text NOT NULL DEFAULT '', "links" jsonb NOT NULL DEFAULT '[]', "filed_at" TIMESTAMP WITH TIME ZONE, "filed_by" uuid, "version" integer NOT NULL DEFAULT '1', "reminders" integer NOT NULL DEFAULT '0', "reminded_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "progress_reports_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "progress_reports_lab_idx" ON "progress_reports"  ("lab_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "progress_reports_round_team_due_key" ON "progress_reports"  ("round_id", "team_id", "due_at") `);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD "kind" character varying(20) NOT NULL DEFAULT 'selection'`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD "reference_id" uuid`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_decision_fkey"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_decision_outcome_key"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ALTER COLUMN "decision_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "decision_letters_reference_idx" ON "decision_letters"  ("kind", "reference_id") `);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_subject_check" CHECK (("kind" = 'selection') = ("decision_id" IS NOT NULL) AND ("kind" = 'selection' OR "reference_id" IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_kind_check" CHECK ("kind" IN ('selection','funding','reminder'))`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_decision_outcome_key" UNIQUE ("decision_id", "outcome")`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_decision_fkey" FOREIGN KEY ("decision_id") REFERENCES "selection_decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" ADD CONSTRAINT "funding_decisions_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" ADD CONSTRAINT "funding_decisions_round_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" ADD CONSTRAINT "funding_decisions_proposal_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" ADD CONSTRAINT "funding_decisions_team_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" ADD CONSTRAINT "funding_decisions_invited_round_fkey" FOREIGN KEY ("invited_round_id") REFERENCES "funding_rounds"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" ADD CONSTRAINT "funding_decisions_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_portfolio_runs" ADD CONSTRAINT "funding_portfolio_runs_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_portfolio_runs" ADD CONSTRAINT "funding_portfolio_runs_round_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_round_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_team_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_filed_by_fkey" FOREIGN KEY ("filed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "progress_reports" DROP CONSTRAINT "progress_reports_filed_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "progress_reports" DROP CONSTRAINT "progress_reports_team_fkey"`);
    await queryRunner.query(`ALTER TABLE "progress_reports" DROP CONSTRAINT "progress_reports_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "progress_reports" DROP CONSTRAINT "progress_reports_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_portfolio_runs" DROP CONSTRAINT "funding_portfolio_runs_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_portfolio_runs" DROP CONSTRAINT "funding_portfolio_runs_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" DROP CONSTRAINT "funding_decisions_decided_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" DROP CONSTRAINT "funding_decisions_invited_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" DROP CONSTRAINT "funding_decisions_team_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" DROP CONSTRAINT "funding_decisions_proposal_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" DROP CONSTRAINT "funding_decisions_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "funding_decisions" DROP CONSTRAINT "funding_decisions_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_decision_fkey"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_decision_outcome_key"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_kind_check"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_subject_check"`);
    await queryRunner.query(`DROP INDEX "public"."decision_letters_reference_idx"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ALTER COLUMN "decision_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_decision_outcome_key" UNIQUE ("decision_id", "outcome")`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_decision_fkey" FOREIGN KEY ("decision_id") REFERENCES "selection_decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP COLUMN "reference_id"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP INDEX "public"."progress_reports_round_team_due_key"`);
    await queryRunner.query(`DROP INDEX "public"."progress_reports_lab_idx"`);
    await queryRunner.query(`DROP TABLE "progress_reports"`);
    await queryRunner.query(`DROP INDEX "public"."funding_portfolio_runs_round_created_idx"`);
    await queryRunner.query(`DROP TABLE "funding_portfolio_runs"`);
    await queryRunner.query(`DROP INDEX "public"."funding_decisions_proposal_key"`);
    await queryRunner.query(`DROP INDEX "public"."funding_decisions_round_idx"`);
    await queryRunner.query(`DROP TABLE "funding_decisions"`);
  }
}
