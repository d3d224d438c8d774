import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PitchClockAdjustments1796618333325 implements MigrationInterface {
  name = 'PitchClockAdjustments1796618333325';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pitch_slots" ADD "clock_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "pitch_slots" ADD "adjusted_seconds" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pitch_slots" DROP COLUMN "adjusted_seconds"`);
    await queryRunner.query(`ALTER TABLE "pitch_slots" DROP COLUMN "clock_version"`);
  }
}
