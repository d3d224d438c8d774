import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveHelp1795720529412 implements MigrationInterface {
  name = 'LiveHelp1795720529412';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "help_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "round_id" uuid NOT NULL, "room_id" uuid NOT NULL, "topic" text NOT NULL, "asked_by" uuid NOT NULL, "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "routed_to" uuid, "claimed_by" uuid, "claimed_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "help_requests_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "help_requests_lab_resolved_idx" ON "help_requests"  ("lab_id", "resolved_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "help_requests_room_unresolved_key" ON "help_requests"  ("room_id") WHERE "resolved_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "mentor_topics" ("lab_id" uuid NOT NULL, "user_id" uuid NOT NULL, "topics" text array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "mentor_topics_pkey" PRIMARY KEY ("lab_id", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "time_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "round_id" uuid NOT NULL, "room_id" uuid NOT NULL, "asked_by" uuid NOT NULL, "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decision" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "time_requests_decision_check" CHECK ("decision" IS NULL OR "decision" IN ('approved','declined')), CONSTRAINT "time_requests_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "time_requests_round_room_key" ON "time_requests"  ("round_id", "room_id") WHERE "decision" IS NULL OR "decision" = 'approved'`);
    await queryRunner.query(`ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_round_fkey" FOREIGN KEY ("round_id") REFERENCES "breakout_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_room_fkey" FOREIGN KEY ("room_id") REFERENCES "breakout_rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_asked_by_fkey" FOREIGN KEY ("asked_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_routed_to_fkey" FOREIGN KEY ("routed_to") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_claimed_by_fkey" FOREIGN KEY ("claimed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mentor_topics" ADD CONSTRAINT "mentor_topics_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mentor_topics" ADD CONSTRAINT "mentor_topics_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "time_requests" ADD CONSTRAINT "time_requests_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "time_requests" ADD CONSTRAINT "time_requests_round_fkey" FOREIGN KEY ("round_id") REFERENCES "breakout_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "time_requests" ADD CONSTRAINT "time_requests_room_fkey" FOREIGN KEY ("room_id") REFERENCES "breakout_rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "time_requests" ADD CONSTRAINT "time_requests_asked_by_fkey" FOREIGN KEY ("asked_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "time_requests" ADD CONSTRAINT "time_requests_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "time_requests" DROP CONSTRAINT "time_requests_decided_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "time_requests" DROP CONSTRAINT "time_requests_asked_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "time_requests" DROP CONSTRAINT "time_requests_room_fkey"`);
    await queryRunner.query(`ALTER TABLE "time_requests" DROP CONSTRAINT "time_requests_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "time_requests" DROP CONSTRAINT "time_requests_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "mentor_topics" DROP CONSTRAINT "mentor_topics_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "mentor_topics" DROP CONSTRAINT "mentor_topics_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "help_requests" DROP CONSTRAINT "help_requests_claimed_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "help_requests" DROP CONSTRAINT "help_requests_routed_to_fkey"`);
    await queryRunner.query(`ALTER TABLE "help_requests" DROP CONSTRAINT "help_requests_asked_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "help_requests" DROP CONSTRAINT "help_requests_room_fkey"`);
    await queryRunner.query(`ALTER TABLE "help_requests" DROP CONSTRAINT "help_requests_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "help_requests" DROP CONSTRAINT "help_requests_lab_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."time_requests_round_room_key"`);
    await queryRunner.query(`DROP TABLE "time_requests"`);
    await queryRunner.query(`DROP TABLE "mentor_topics"`);
    await queryRunner.query(`DROP INDEX "public"."help_requests_room_unresolved_key"`);
    await queryRunner.query(`DROP INDEX "public"."help_requests_lab_resolved_idx"`);
    await queryRunner.query(`DROP TABLE "help_requests"`);
  }
}
