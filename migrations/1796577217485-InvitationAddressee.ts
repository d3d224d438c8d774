import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InvitationAddressee1796577217485 implements MigrationInterface {
  name = 'InvitationAddressee1796577217485';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lab_invitations" ADD "anyone_with_link" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "lab_invitations" ALTER COLUMN "email" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "lab_invitations" ADD CONSTRAINT "lab_invitations_addressee_check" CHECK (("anyone_with_link" AND "email" IS NULL AND "role" = 'mentor') OR (NOT "anyone_with_link" AND "email" IS NOT NULL))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lab_invitations" DROP CONSTRAINT "lab_invitations_addressee_check"`);
    await queryRunner.query(`ALTER TABLE "lab_invitations" ALTER COLUMN "email" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "lab_invitations" DROP COLUMN "anyone_with_link"`);
  }
}
