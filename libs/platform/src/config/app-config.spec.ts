import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppConfig, ConfigError } from './app-config.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'config-spec-'));

describe('AppConfig', () => {
  it('starts a developer with no variables at all', () => {
    const dir = dataDir();
    const config = AppConfig.fromEnv({ DATA_DIR: dir });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: null,
      seedDemo: true,
    });
    // The generated JWT secret is kept, so sessions survive a restart.
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(config.jwtSecret);
    expect(AppConfig.fromEnv({ DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it('names every bad variable at once', () => {
    try {
      AppConfig.fromEnv({
        DATA_DIR: dataDir(),
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        SEED_DEMO: 'perhaps',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
        'PORT',
        'DATABASE_URL',
        'LOG_LEVEL',
        'SEED_DEMO',
      ]);
      expect((error as Error).message).toContain('PORT: must be a whole number');
    }
  });

  it('requires a database and a real secret in production, and seeds nothing by default', () => {
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(
      /DATABASE_URL[\s\S]*JWT_SECRET/,
    );
    expect(() =>
      AppConfig.fromEnv({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/x',
        JWT_SECRET: 'short',
      }),
    ).toThrow(/JWT_SECRET: must be at least 32 characters/);
    const config = AppConfig.fromEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/x',
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(config).toMatchObject({ seedDemo: false, host: '0.0.0.0' });
  });

  it('sizes the solver pool for a small machine unless told otherwise', () => {
    expect(AppConfig.fromEnv({ DATA_DIR: dataDir() })).toMatchObject({
      solverThreads: 1,
      solverTimeLimitSeconds: 30,
    });
    expect(
      AppConfig.fromEnv({
        DATA_DIR: dataDir(),
        SOLVER_THREADS: '2',
        SOLVER_TIME_LIMIT_SECONDS: '120',
      }),
    ).toMatchObject({ solverThreads: 2, solverTimeLimitSeconds: 120 });
    expect(() =>
      AppConfig.fromEnv({
        DATA_DIR: dataDir(),
        SOLVER_THREADS: '0',
        SOLVER_TIME_LIMIT_SECONDS: 'x',
      }),
    ).toThrow(/SOLVER_THREADS[\s\S]*SOLVER_TIME_LIMIT_SECONDS/);
  });
});
