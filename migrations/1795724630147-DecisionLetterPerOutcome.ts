import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DecisionLetterPerOutcome1795724630147 implements MigrationInterface {
  name = 'DecisionLetterPerOutcome1795724630147';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_decision_fkey"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_decision_key"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_decision_outcome_key" UNIQUE ("decision_id", "outcome")`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_decision_fkey" FOREIGN KEY ("decision_id") REFERENCES "selection_decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_decision_fkey"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_decision_outcome_key"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_decision_key" UNIQUE ("decision_id")`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_decision_fkey" FOREIGN KEY ("decision_id") REFERENCES "selection_decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
