import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginThrottleDelays1796572665760 implements MigrationInterface {
  name = 'LoginThrottleDelays1796572665760';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Counters now live under account-address:, account: and address: keys.
    await queryRunner.query(`DELETE FROM "login_throttle" WHERE key LIKE 'email:%' OR key LIKE 'ip:%'`);
    await queryRunner.query(`ALTER TABLE "login_throttle" ADD "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "login_throttle" DROP COLUMN "last_failure_at"`);
  }
}
