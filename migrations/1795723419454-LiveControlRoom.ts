import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveControlRoom1795723419454 implements MigrationInterface {
  name = 'LiveControlRoom1795723419454';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "name" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "teams_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "teams_lab_name_key" ON "teams"  ("lab_id", "name") `);
    await queryRunner.query(`CREATE TABLE "team_members" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "team_members_pkey" PRIMARY KEY ("team_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "team_members_user_idx" ON "team_members"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "pinned_instructions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "room_id" uuid, "message" text NOT NULL, "pinned_by" uuid NOT NULL, "pinned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "unpinned_at" TIMESTAMP WITH TIME ZONE, "unpinned_by" uuid, CONSTRAINT "pinned_instructions_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "pinned_instructions_lab_active_idx" ON "pinned_instructions"  ("lab_id") WHERE "unpinned_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "mentor_visits" ("lab_id" uuid NOT NULL, "user_id" uuid NOT NULL, "round_id" uuid NOT NULL, "room_id" uuid NOT NULL, "since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "mentor_visits_pkey" PRIMARY KEY ("lab_id", "user_id"))`);
    await queryRunner.query(`ALTER TABLE "chat_messages" ADD "team_id" uuid`);
    await queryRunner.query(`CREATE INDEX "chat_messages_team_id_idx" ON "chat_messages"  ("team_id", "id") WHERE "team_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_one_channel_check" CHECK ("room_id" IS NULL OR "team_id" IS NULL)`);
    await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "teams_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "teams_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_team_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" ADD CONSTRAINT "pinned_instructions_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" ADD CONSTRAINT "pinned_instructions_room_fkey" FOREIGN KEY ("room_id") REFERENCES "breakout_rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" ADD CONSTRAINT "pinned_instructions_pinned_by_fkey" FOREIGN KEY ("pinned_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" ADD CONSTRAINT "pinned_instructions_unpinned_by_fkey" FOREIGN KEY ("unpinned_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mentor_visits" ADD CONSTRAINT "mentor_visits_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mentor_visits" ADD CONSTRAINT "mentor_visits_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mentor_visits" ADD CONSTRAINT "mentor_visits_round_fkey" FOREIGN KEY ("round_id") REFERENCES "breakout_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mentor_visits" ADD CONSTRAINT "mentor_visits_room_fkey" FOREIGN KEY ("room_id") REFERENCES "breakout_rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mentor_visits" DROP CONSTRAINT "mentor_visits_room_fkey"`);
    await queryRunner.query(`ALTER TABLE "mentor_visits" DROP CONSTRAINT "mentor_visits_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "mentor_visits" DROP CONSTRAINT "mentor_visits_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "mentor_visits" DROP CONSTRAINT "mentor_visits_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" DROP CONSTRAINT "pinned_instructions_unpinned_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" DROP CONSTRAINT "pinned_instructions_pinned_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" DROP CONSTRAINT "pinned_instructions_room_fkey"`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" DROP CONSTRAINT "pinned_instructions_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "chat_messages_team_fkey"`);
    await queryRunner.query(`ALTER TABLE "team_members" DROP CONSTRAINT "team_members_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "team_members" DROP CONSTRAINT "team_members_team_fkey"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "teams_created_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "teams_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "chat_messages_one_channel_check"`);
    await queryRunner.query(`DROP INDEX "public"."chat_messages_team_id_idx"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP COLUMN "team_id"`);
    await queryRunner.query(`DROP TABLE "mentor_visits"`);
    await queryRunner.query(`DROP INDEX "public"."pinned_instructions_lab_active_idx"`);
    await queryRunner.query(`DROP TABLE "pinned_instructions"`);
    await queryRunner.query(`DROP INDEX "public"."team_members_user_idx"`);
    await queryRunner.query(`DROP TABLE "team_members"`);
    await queryRunner.query(`DROP INDEX "public"."teams_lab_name_key"`);
    await queryRunner.query(`DROP TABLE "teams"`);
  }
}
