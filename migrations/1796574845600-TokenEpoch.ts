import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TokenEpoch1796574845600 implements MigrationInterface {
  name = 'TokenEpoch1796574845600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "token_epoch" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_epoch"`);
  }
}
