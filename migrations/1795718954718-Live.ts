import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Live1795718954718 implements MigrationInterface {
  name = 'Live1795718954718';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "chat_messages" ("id" BIGSERIAL NOT NULL, "lab_id" uuid NOT NULL, "room_id" uuid, "sender_id" uuid NOT NULL, "client_message_id" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chat_messages_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "chat_messages_lab_room_id_idx" ON "chat_messages"  ("lab_id", "room_id", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "chat_messages_sender_client_id_key" ON "chat_messages"  ("sender_id", "client_message_id") `);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" ADD "ends_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" ADD "warned_5_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" ADD "warned_1_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_room_fkey" FOREIGN KEY ("room_id") REFERENCES "breakout_rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_sender_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "chat_messages_sender_fkey"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "chat_messages_room_fkey"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "chat_messages_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" DROP COLUMN "warned_1_at"`);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" DROP COLUMN "warned_5_at"`);
    await queryRunner.query(`ALTER TABLE "breakout_rounds" DROP COLUMN "ends_at"`);
    await queryRunner.query(`DROP INDEX "public"."chat_messages_sender_client_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."chat_messages_lab_room_id_idx"`);
    await queryRunner.query(`DROP TABLE "chat_messages"`);
  }
}
