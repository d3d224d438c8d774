import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795715136642 implements MigrationInterface {
  name = 'Foundation1795715136642';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_events" ("seq" BIGSERIAL NOT NULL, "chain" text NOT NULL, "lab_id" uuid, "actor_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text, "data" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "audit_events_chain_seq_idx" ON "audit_events"  ("chain", "seq") `);
    await queryRunner.query(`CREATE TABLE "login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "is_admin" boolean NOT NULL DEFAULT false, "password_changed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens"  ("family_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "labs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "title" text NOT NULL, "theme" text NOT NULL DEFAULT '', "description" text NOT NULL DEFAULT '', "timezone" text NOT NULL DEFAULT 'UTC', "phase" text NOT NULL DEFAULT 'draft', "capacity" integer NOT NULL DEFAULT '30', "applications_open_at" TIMESTAMP WITH TIME ZONE, "applications_close_at" TIMESTAMP WITH TIME ZONE, "workshop_start_at" TIMESTAMP WITH TIME ZONE, "workshop_end_at" TIMESTAMP WITH TIME ZONE, "proposals_due_at" TIMESTAMP WITH TIME ZONE, "taxonomy" jsonb NOT NULL, "team_size_min" integer NOT NULL DEFAULT '3', "team_size_max" integer NOT NULL DEFAULT '6', "funding_pool_minor" bigint NOT NULL DEFAULT '0', "funding_currency" character(3) NOT NULL DEFAULT 'USD', "version" integer NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "labs_phase_check" CHECK ("phase" IN ('draft','applications_open','selection','workshop','proposals','review','decided','follow_up')), CONSTRAINT "labs_team_size_check" CHECK ("team_size_min" >= 1 AND "team_size_min" <= "team_size_max"), CONSTRAINT "labs_capacity_check" CHECK ("capacity" > 0), CONSTRAINT "labs_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "labs_slug_key" ON "labs"  ("slug") `);
    await queryRunner.query(`CREATE TABLE "lab_memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "granted_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lab_memberships_role_check" CHECK ("role" IN ('organiser','mentor','participant','applicant')), CONSTRAINT "lab_memberships_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "lab_memberships_user_idx" ON "lab_memberships"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "lab_memberships_lab_user_role_key" ON "lab_memberships"  ("lab_id", "user_id", "role") `);
    await queryRunner.query(`CREATE TABLE "lab_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lab_id" uuid NOT NULL, "email" text NOT NULL, "role" text NOT NULL, "token_hash" character(64) NOT NULL, "status" text NOT NULL DEFAULT 'pending', "invited_by" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_by" uuid, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lab_invitations_status_check" CHECK ("status" IN ('pending','accepted','revoked')), CONSTRAINT "lab_invitations_role_check" CHECK ("role" IN ('organiser','mentor')), CONSTRAINT "lab_invitations_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "lab_invitations_lab_idx" ON "lab_invitations"  ("lab_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "lab_invitations_token_hash_key" ON "lab_invitations"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lab_memberships" ADD CONSTRAINT "lab_memberships_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lab_memberships" ADD CONSTRAINT "lab_memberships_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lab_invitations" ADD CONSTRAINT "lab_invitations_lab_fkey" FOREIGN KEY ("lab_id") REFERENCES "labs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lab_invitations" DROP CONSTRAINT "lab_invitations_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "lab_memberships" DROP CONSTRAINT "lab_memberships_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "lab_memberships" DROP CONSTRAINT "lab_memberships_lab_fkey"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_user_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."lab_invitations_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."lab_invitations_lab_idx"`);
    await queryRunner.query(`DROP TABLE "lab_invitations"`);
    await queryRunner.query(`DROP INDEX "public"."lab_memberships_lab_user_role_key"`);
    await queryRunner.query(`DROP INDEX "public"."lab_memberships_user_idx"`);
    await queryRunner.query(`DROP TABLE "lab_memberships"`);
    await queryRunner.query(`DROP INDEX "public"."labs_slug_key"`);
    await queryRunner.query(`DROP TABLE "labs"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_tokens_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_tokens_family_idx"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_tokens_user_idx"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_chain_seq_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
