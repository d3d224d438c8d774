import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppConfig, createRootLogger } from '@ideas-lab/platform';
import { IdentityService, type UserProfile } from '@ideas-lab/identity';
import { createApp } from '../../apps/api/src/app.factory.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestApp {
  app: NestFastifyApplication;
  document: OpenAPIObject;
  baseUrl: string;
  database: TestDatabase;
  config: AppConfig;
  /** Create an account directly (admins cannot sign up). */
  createUser(input: {
    email: string;
    displayName?: string;
    isAdmin?: boolean;
    password?: string;
  }): Promise<UserProfile>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Serve an existing test database (another app's `database`) instead of a fresh one: two
   * API instances on one database. This app's close() leaves the database to its owner.
   */
  database?: TestDatabase;
}

/**
 * The whole API (and the built web client when present) on a random port, against a fresh
 * database of its own (or a shared one, see TestAppOptions).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await createTestDatabase());
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ideas-lab-test-')),
    DATABASE_URL: database.url,
    SEED_DEMO: 'false',
    PORT: '0',
    WEB_DIR: join(process.cwd(), 'dist/web'),
    ...env,
  });
  const { app, document } = await createApp({
    config,
    databaseUrl: database.url,
    logger: createRootLogger(config.logLevel),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const identity = app.get(IdentityService);
  return {
    app,
    document,
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    config,
    async createUser({ email, displayName, isAdmin = false, password = TEST_PASSWORD }) {
      return identity.createAccount({
        email,
        displayName: displayName ?? email.split('@')[0],
        passwordHash: await identity.hashPassword(password),
        isAdmin,
      });
    },
    async close() {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}
