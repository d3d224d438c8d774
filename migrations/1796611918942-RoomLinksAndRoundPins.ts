import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoomLinksAndRoundPins1796611918942 implements MigrationInterface {
  name = 'RoomLinksAndRoundPins1796611918942';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "workshop_settings" ("lab_id" uuid NOT NULL, "room_link_template" text, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "workshop_settings_pkey" PRIMARY KEY ("lab_id"))`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" ADD "round_id" uuid`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" ADD "session_id" uuid`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" ADD "for_session" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "workshop_settings" ADD CONSTRAINT "workshop_settings_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" ADD CONSTRAINT "pinned_instructions_round_fkey" FOREIGN KEY ("round_id") REFERENCES "breakout_rounds"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" ADD CONSTRAINT "pinned_instructions_session_fkey" FOREIGN KEY ("session_id") REFERENCES "agenda_sessions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pinned_instructions" DROP CONSTRAINT "pinned_instructions_session_fkey"`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" DROP CONSTRAINT "pinned_instructions_round_fkey"`);
    await queryRunner.query(`ALTER TABLE "workshop_settings" DROP CONSTRAINT "workshop_settings_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" DROP COLUMN "for_session"`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" DROP COLUMN "session_id"`);
    await queryRunner.query(`ALTER TABLE "pinned_instructions" DROP COLUMN "round_id"`);
    await queryRunner.query(`DROP TABLE "workshop_settings"`);
  }
}
