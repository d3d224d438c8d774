import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LabExpertiseExamples1796590034393 implements MigrationInterface {
  name = 'LabExpertiseExamples1796590034393';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "labs" ADD "expertise_examples" text NOT NULL DEFAULT ''`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "labs" DROP COLUMN "expertise_examples"`);
  }
}
