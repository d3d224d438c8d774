import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SelectionOutbox1795723460374 implements MigrationInterface {
  name = 'SelectionOutbox1795723460374';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "selection_runs" ADD "promoted_confirm_days" integer`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD "released_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "decision_letters_due_idx" ON "decision_letters"  ("status", "next_attempt_at") `);
    // Written by hand: TypeORM compares checks by name, so it does not see the new statuses.
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_status_check"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_status_check" CHECK ("status" IN ('draft','queued','sending','sent','logged','failed'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_status_check"`);
    await queryRunner.query(`UPDATE "decision_letters" SET "status" = CASE WHEN "status" = 'logged' THEN 'sent' WHEN "status" IN ('queued','sending') THEN 'failed' ELSE "status" END`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_status_check" CHECK ("status" IN ('draft','sent','failed'))`);
    await queryRunner.query(`DROP INDEX "public"."decision_letters_due_idx"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP COLUMN "released_at"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP COLUMN "claimed_until"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP COLUMN "next_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "selection_runs" DROP COLUMN "promoted_confirm_days"`);
  }
}
