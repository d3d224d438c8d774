import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OpenRoundsByDeadline1796576046277 implements MigrationInterface {
  name = 'OpenRoundsByDeadline1796576046277';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "breakout_rounds_open_ends_at_idx" ON "breakout_rounds"  ("ends_at") WHERE "state" = 'open'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."breakout_rounds_open_ends_at_idx"`);
  }
}
