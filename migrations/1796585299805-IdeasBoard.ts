import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdeasBoard1796585299805 implements MigrationInterface {
  name = 'IdeasBoard1796585299805';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idea_boards" ("lab_id" uuid NOT NULL, "challenge_areas" jsonb NOT NULL DEFAULT '[]', "summary_word_limit" integer NOT NULL DEFAULT '250', "version" integer NOT NULL DEFAULT '1', "shortlist_version" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idea_boards_summary_word_limit_check" CHECK ("summary_word_limit" BETWEEN 10 AND 2000), CONSTRAINT "idea_boards_pkey" PRIMARY KEY ("lab_id"))`);
    await queryRunner.query(`CREATE TABLE "idea_themes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idea_themes_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "idea_themes_lab_name_key" ON "idea_themes"  ("lab_id", "name") `);
    await queryRunner.query(`CREATE TABLE "ideas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "challenge_area" text NOT NULL, "tags" jsonb NOT NULL DEFAULT '[]', "disciplines_needed" jsonb NOT NULL DEFAULT '[]', "status" text NOT NULL DEFAULT 'active', "merged_into" uuid, "theme_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ideas_version_check" CHECK ("version" >= 1), CONSTRAINT "ideas_merged_into_check" CHECK (("status" = 'merged') = ("merged_into" IS NOT NULL)), CONSTRAINT "ideas_status_check" CHECK ("status" IN ('active','archived','merged')), CONSTRAINT "ideas_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ideas_lab_status_idx" ON "ideas"  ("lab_id", "status") `);
    await queryRunner.query(`CREATE TABLE "idea_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idea_id" uuid NOT NULL, "origin_idea_id" uuid NOT NULL, "number" integer NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "challenge_area" text NOT NULL, "tags" jsonb NOT NULL DEFAULT '[]', "disciplines_needed" jsonb NOT NULL DEFAULT '[]', "note" text NOT NULL DEFAULT '', "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idea_revisions_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idea_revisions_idea_idx" ON "idea_revisions"  ("idea_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "idea_revisions_origin_number_key" ON "idea_revisions"  ("origin_idea_id", "number") `);
    await queryRunner.query(`CREATE TABLE "idea_champions" ("idea_id" uuid NOT NULL, "user_id" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idea_champions_pkey" PRIMARY KEY ("idea_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "idea_champions_user_idx" ON "idea_champions"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "idea_shortlist" ("lab_id" uuid NOT NULL, "idea_id" uuid NOT NULL, "position" integer NOT NULL, "added_by" uuid, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idea_shortlist_pkey" PRIMARY KEY ("lab_id", "idea_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "idea_shortlist_lab_position_key" ON "idea_shortlist"  ("lab_id", "position") `);
    await queryRunner.query(`CREATE TABLE "idea_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idea_id" uuid NOT NULL, "origin_idea_id" uuid NOT NULL, "parent_id" uuid, "author_id" uuid NOT NULL, "by_mentor" boolean NOT NULL DEFAULT false, "body" text NOT NULL, "addressed_at" TIMESTAMP WITH TIME ZONE, "addressed_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idea_comments_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idea_comments_origin_idx" ON "idea_comments"  ("origin_idea_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "idea_comments_idea_idx" ON "idea_comments"  ("idea_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "idea_supporters" ("idea_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idea_supporters_pkey" PRIMARY KEY ("idea_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "idea_supporters_user_idx" ON "idea_supporters"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "idea_boards" ADD CONSTRAINT "idea_boards_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_themes" ADD CONSTRAINT "idea_themes_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ideas" ADD CONSTRAINT "ideas_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ideas" ADD CONSTRAINT "ideas_merged_into_fkey" FOREIGN KEY ("merged_into") REFERENCES "ideas"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ideas" ADD CONSTRAINT "ideas_theme_fkey" FOREIGN KEY ("theme_id") REFERENCES "idea_themes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ideas" ADD CONSTRAINT "ideas_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_revisions" ADD CONSTRAINT "idea_revisions_idea_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_revisions" ADD CONSTRAINT "idea_revisions_origin_idea_fkey" FOREIGN KEY ("origin_idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_revisions" ADD CONSTRAINT "idea_revisions_author_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_champions" ADD CONSTRAINT "idea_champions_idea_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_champions" ADD CONSTRAINT "idea_champions_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_shortlist" ADD CONSTRAINT "idea_shortlist_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_shortlist" ADD CONSTRAINT "idea_shortlist_idea_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_idea_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_origin_idea_fkey" FOREIGN KEY ("origin_idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_parent_fkey" FOREIGN KEY ("parent_id") REFERENCES "idea_comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_author_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_supporters" ADD CONSTRAINT "idea_supporters_idea_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idea_supporters" ADD CONSTRAINT "idea_supporters_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idea_supporters" DROP CONSTRAINT "idea_supporters_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_supporters" DROP CONSTRAINT "idea_supporters_idea_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_comments" DROP CONSTRAINT "idea_comments_author_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_comments" DROP CONSTRAINT "idea_comments_parent_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_comments" DROP CONSTRAINT "idea_comments_origin_idea_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_comments" DROP CONSTRAINT "idea_comments_idea_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_shortlist" DROP CONSTRAINT "idea_shortlist_idea_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_shortlist" DROP CONSTRAINT "idea_shortlist_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_champions" DROP CONSTRAINT "idea_champions_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_champions" DROP CONSTRAINT "idea_champions_idea_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_revisions" DROP CONSTRAINT "idea_revisions_author_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_revisions" DROP CONSTRAINT "idea_revisions_origin_idea_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_revisions" DROP CONSTRAINT "idea_revisions_idea_fkey"`);
    await queryRunner.query(`ALTER TABLE "ideas" DROP CONSTRAINT "ideas_created_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "ideas" DROP CONSTRAINT "ideas_theme_fkey"`);
    await queryRunner.query(`ALTER TABLE "ideas" DROP CONSTRAINT "ideas_merged_into_fkey"`);
    await queryRunner.query(`ALTER TABLE "ideas" DROP CONSTRAINT "ideas_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_themes" DROP CONSTRAINT "idea_themes_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "idea_boards" DROP CONSTRAINT "idea_boards_lab_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."idea_supporters_user_idx"`);
    await queryRunner.query(`DROP TABLE "idea_supporters"`);
    await queryRunner.query(`DROP INDEX "public"."idea_comments_idea_idx"`);
    await queryRunner.query(`DROP INDEX "public"."idea_comments_origin_idx"`);
    await queryRunner.query(`DROP TABLE "idea_comments"`);
    await queryRunner.query(`DROP INDEX "public"."idea_shortlist_lab_position_key"`);
    await queryRunner.query(`DROP TABLE "idea_shortlist"`);
    await queryRunner.query(`DROP INDEX "public"."idea_champions_user_idx"`);
    await queryRunner.query(`DROP TABLE "idea_champions"`);
    await queryRunner.query(`DROP INDEX "public"."idea_revisions_origin_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."idea_revisions_idea_idx"`);
    await queryRunner.query(`DROP TABLE "idea_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."ideas_lab_status_idx"`);
    await queryRunner.query(`DROP TABLE "ideas"`);
    await queryRunner.query(`DROP INDEX "public"."idea_themes_lab_name_key"`);
    await queryRunner.query(`DROP TABLE "idea_themes"`);
    await queryRunner.query(`DROP TABLE "idea_boards"`);
  }
}
