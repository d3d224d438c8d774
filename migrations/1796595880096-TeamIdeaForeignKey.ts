import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TeamIdeaForeignKey1796595880096 implements MigrationInterface {
  name = 'TeamIdeaForeignKey1796595880096';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "teams_idea_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "teams_idea_fkey"`);
  }
}
