import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdeaMergesAndVoting1796586917127 implements MigrationInterface {
  name = 'IdeaMergesAndVoting1796586917127';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idea_merges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "target_idea_id" uuid NOT NULL, "source_idea_ids" jsonb NOT NULL, "state" text NOT NULL DEFAULT 'open', "proposed_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "idea_merges_state_check" CHECK ("state" IN ('open','merged','declined','withdrawn')), CONSTRAINT "idea_merges_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idea_merges_lab_state_idx" ON "idea_merges"  ("lab_id", "state") `);
    await queryRunner.query(`CREATE TABLE "idea_merge_answers" ("merge_id" uuid NOT NULL, "user_id" uuid NOT NULL, "answer" text NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idea_merge_answers_answer_check" CHECK ("answer" IN ('accept','decline')), CONSTRAINT "idea_merge_answers_pkey" PRIMARY KEY ("merge_id", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "voting_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "title" text NOT NULL DEFAULT '', "dot_budget" integer NOT NULL, "per_idea_cap" integer NOT NULL, "blind" boolean NOT NULL DEFAULT false, "ballots" jsonb NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" text, "opened_by" uuid NOT NULL, CONSTRAINT "voting_sessions_closed_by_check" CHECK ("closed_by" IS NULL OR "closed_by" IN ('organiser','timer')), CONSTRAINT "voting_sessions_cap_check" CHECK ("per_idea_cap" BETWEEN 1 AND "dot_budget"), CONSTRAINT "voting_sessions_budget_check" CHECK ("dot_budget" BETWEEN 1 AND 100), CONSTRAINT "voting_sessions_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "voting_sessions_open_ends_at_idx" ON "voting_sessions"  ("ends_at") WHERE "closed_at" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "voting_sessions_one_open_per_lab_key" ON "voting_sessions"  ("lab_id") WHERE "closed_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "voting_ballots" ("session_id" uuid NOT NULL, "voter_id" uuid NOT NULL, "ballot" text NOT NULL, "dots_used" integer NOT NULL DEFAULT '0', CONSTRAINT "voting_ballots_dots_used_check" CHECK ("dots_used" >= 0), CONSTRAINT "voting_ballots_ballot_check" CHECK ("ballot" IN ('participants','mentors')), CONSTRAINT "voting_ballots_pkey" PRIMARY KEY ("session_id", "voter_id"))`);
    await queryRunner.query(`CREATE TABLE "voting_dots" ("session_id" uuid NOT NULL, "voter_id" uuid NOT NULL, "idea_id" uuid NOT NULL, "dots" integer NOT NULL DEFAULT '0', CONSTRAINT "voting_dots_dots_check" CHECK ("dots" >= 0), CONSTRAINT "voting_dots_pkey" PRIMARY KEY ("session_id", "voter_id", "idea_id"))`);
    await queryRunner.query(`CREATE INDEX "voting_dots_session_idea_idx" ON "voting_dots"  ("session_id", "idea_id") `);
    await queryRunner.query(`ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_target_fkey" FOREIGN KEY ("target_idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_proposed_by_fkey" FOREIGN KEY ("proposed_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_merge_answers" ADD CONSTRAINT "idea_merge_answers_merge_fkey" FOREIGN KEY ("merge_id") REFERENCES "idea_merges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_merge_answers" ADD CONSTRAINT "idea_merge_answers_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "voting_sessions" ADD CONSTRAINT "voting_sessions_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "voting_sessions" ADD CONSTRAINT "voting_sessions_opened_by_fkey" FOREIGN KEY ("opened_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "voting_ballots" ADD CONSTRAINT "voting_ballots_session_fkey" FOREIGN KEY ("session_id") REFERENCES "voting_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "voting_ballots" ADD CONSTRAINT "voting_ballots_voter_fkey" FOREIGN KEY ("voter_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "voting_dots" ADD CONSTRAINT "voting_dots_session_fkey" FOREIGN KEY ("session_id") REFERENCES "voting_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "voting_dots" ADD CONSTRAINT "voting_dots_voter_fkey" FOREIGN KEY ("voter_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "voting_dots" ADD CONSTRAINT "voting_dots_idea_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "voting_dots" DROP CONSTRAINT "voting_dots_idea_fkey"`);
    await queryRunner.query(`ALTER TABLE "voting_dots" DROP CONSTRAINT "voting_dots_voter_fkey"`);
    await queryRunner.query(`ALTER TABLE "voting_dots" DROP CONSTRAINT "voting_dots_session_fkey"`);
    await queryRunner.query(`ALTER TABLE "voting_ballots" DROP CONSTRAINT "voting_ballots_voter_fkey"`);
    await queryRunner.query(`ALTER TABLE "voting_ballots" DROP CONSTRAINT "voting_ballots_session_fkey"`);
    await queryRunner.query(`ALTER TABLE "voting_sessions" DROP CONSTRAINT "voting_sessions_opened_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "voting_sessions" DROP CONSTRAINT "voting_sessions_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_merge_answers" DROP CONSTRAINT "idea_merge_answers_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_merge_answers" DROP CONSTRAINT "idea_merge_answers_merge_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_merges" DROP CONSTRAINT "idea_merges_proposed_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_merges" DROP CONSTRAINT "idea_merges_target_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_merges" DROP CONSTRAINT "idea_merges_lab_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."voting_dots_session_idea_idx"`);
    await queryRunner.query(`DROP TABLE "voting_dots"`);
    await queryRunner.query(`DROP TABLE "voting_ballots"`);
    await queryRunner.query(`DROP INDEX "public"."voting_sessions_one_open_per_lab_key"`);
    await queryRunner.query(`DROP INDEX "public"."voting_sessions_open_ends_at_idx"`);
    await queryRunner.query(`DROP TABLE "voting_sessions"`);
    await queryRunner.query(`DROP TABLE "idea_merge_answers"`);
    await queryRunner.query(`DROP INDEX "public"."idea_merges_lab_state_idx"`);
    await queryRunner.query(`DROP TABLE "idea_merges"`);
  }
}
