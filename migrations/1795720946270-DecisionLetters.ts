import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DecisionLetters1795720946270 implements MigrationInterface {
  name = 'DecisionLetters1795720946270';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "decision_letters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "decision_id" uuid NOT NULL, "outcome" character varying(20) NOT NULL, "recipient" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "status" character varying(20) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "transport" character varying(20), "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "decision_letters_decision_key" UNIQUE ("decision_id"), CONSTRAINT "decision_letters_status_check" CHECK ("status" IN ('draft','sent','failed')), CONSTRAINT "decision_letters_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "decision_letters_lab_status_idx" ON "decision_letters"  ("lab_id", "status") `);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_decision_fkey" FOREIGN KEY ("decision_id") REFERENCES "selection_decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_decision_fkey"`);
    await queryRunner.query(`ALTER TABLE "decision_letters" DROP CONSTRAINT "decision_letters_lab_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."decision_letters_lab_status_idx"`);
    await queryRunner.query(`DROP TABLE "decision_letters"`);
  }
}
