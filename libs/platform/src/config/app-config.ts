import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** One problem with one environment variable. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * The typed, validated configuration of the server. It is the only place that reads
 * `process.env`; everything else receives an AppConfig.
 */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  /** The address people use to reach the server (links in invitations and e-mails). */
  readonly publicUrl: string;
  /** Null: start an embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl: string | null;
  readonly databasePoolSize: number;
  readonly redisUrl: string | null;
  /**
   * Names the Redis stream, channels and session keys of the Socket.IO fan-out: the instances
   * of one deployment share it; another deployment (or test run) on the same Redis uses its own.
   */
  readonly redisPrefix: string;
  readonly jwtSecret: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly logLevel: LogLevel;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  /** Seed the demo lab when the database is empty (development default: yes). */
  readonly seedDemo: boolean;
  readonly webDir: string;
  readonly smtpUrl: string | null;
  /** Failed logins of one account from one address before each further try waits (growing). */
  readonly loginFreeFailuresPerAccountAddress: number;
  /** Failed logins of one account from all addresses per window (loose: the owner must get in). */
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerAddress: number;
  readonly loginWindowSeconds: number;
  readonly trustProxy: boolean;
  /** Worker threads for the optimisers (HiGHS, rotation search), started on the first solve. */
  readonly solverThreads: number;
  /** The time budget of one solve, in seconds: passed to the solver and enforced by the pool. */
  readonly solverTimeLimitSeconds: number;

  private constructor(values: Omit<AppConfig, 'isProduction' | 'isDevelopment'>) {
    Object.assign(this, values);
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get isDevelopment(): boolean {
    return this.nodeEnv === 'development';
  }

  /** Read the configuration of this process. */
  static fromProcessEnv(overrides: Record<string, string | undefined> = {}): AppConfig {
    return AppConfig.fromEnv({ ...process.env, ...overrides });
  }

  /**
   * Build and validate a configuration from an environment record. Every problem is
   * collected and reported at once, each naming its variable.
   */
  static fromEnv(env: Record<string, string | undefined>): AppConfig {
    const problems: ConfigProblem[] = [];
    const read = (name: string) => {
      const v = env[name];
      return v === undefined || v.trim() === '' ? undefined : v.trim();
    };
    const integer = (name: string, fallback: number, min: number, max: number) => {
      const raw = read(name);
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max) {
        problems.push({
          variable: name,
          message: `must be a whole number from ${min} to ${max}, got "${raw}"`,
        });
        return fallback;
      }
      return n;
    };
    const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
      const raw = read(name);
      if (raw === undefined) return fallback;
      if (!(allowed as readonly string[]).includes(raw)) {
        problems.push({
          variable: name,
          message: `must be one of ${allowed.join(', ')}, got "${raw}"`,
        });
        return fallback;
      }
      return raw as T;
    };
    const url = (name: string, protocols: string[]) => {
      const raw = read(name);
      if (raw === undefined) return null;
      try {
        const parsed = new URL(raw);
        if (!protocols.includes(parsed.protocol)) {
          problems.push({
            variable: name,
            message: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`,
          });
        }
      } catch {
        problems.push({ variable: name, message: `is not a valid URL` });
      }
      return raw;
    };
    const bool = (name: string, fallback: boolean) => {
      const raw = read(name);
      if (raw === undefined) return fallback;
      if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
      if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
      problems.push({ variable: name, message: `must be true or false, got "${raw}"` });
      return fallback;
    };

    const nodeEnv = oneOf<NodeEnv>(
      'NODE_ENV',
      ['development', 'production', 'test'],
      'development',
    );
    const port = integer('PORT', 3000, 0, 65535);
    const host = read('HOST') ?? (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1');
    const dataDir = resolve(read('DATA_DIR') ?? '.data');
    const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
    if (databaseUrl === null && nodeEnv === 'production') {
      problems.push({
        variable: 'DATABASE_URL',
        message: 'is required in production (the embedded database is for development)',
      });
    }
    const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);
    const redisPrefix = read('REDIS_PREFIX') ?? 'ideas-lab';
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(redisPrefix))
      problems.push({
        variable: 'REDIS_PREFIX',
        message: 'must be 1 to 64 letters, digits, dots, dashes or underscores',
      });
    const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);
    const publicUrlRaw = url('PUBLIC_URL', ['http:', 'https:']);

    let jwtSecret = read('JWT_SECRET');
    if (jwtSecret !== undefined && jwtSecret.length < 32) {
      problems.push({ variable: 'JWT_SECRET', message: 'must be at least 32 characters long' });
    }
    if (jwtSecret === undefined) {
      if (nodeEnv === 'production') {
        problems.push({
          variable: 'JWT_SECRET',
          message: 'is required in production (at least 32 random characters)',
        });
      } else if (problems.length === 0) {
        jwtSecret = developmentJwtSecret(dataDir);
      }
    }

    const config = new AppConfig({
      nodeEnv,
      host,
      port,
      publicUrl: (publicUrlRaw ?? `http://localhost:${port}`).replace(/\/$/, ''),
      databaseUrl,
      databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 200),
      redisUrl,
      redisPrefix,
      jwtSecret: jwtSecret ?? '',
      accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86_400),
      refreshTokenTtlSeconds: integer('REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400),
      logLevel: oneOf<LogLevel>(
        'LOG_LEVEL',
        ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
        nodeEnv === 'test' ? 'silent' : 'info',
      ),
      dataDir,
      embeddedPostgresPort: integer('EMBEDDED_PG_PORT', 54329, 1024, 65535),
      seedDemo: bool('SEED_DEMO', nodeEnv === 'development'),
      webDir: resolve(read('WEB_DIR') ?? 'dist/web'),
      smtpUrl,
      loginFreeFailuresPerAccountAddress: integer('LOGIN_FREE_FAILURES', 5, 1, 1000),
      loginMaxFailuresPerAccount: integer('LOGIN_MAX_FAILURES_PER_ACCOUNT', 100, 1, 100_000),
      loginMaxFailuresPerAddress: integer('LOGIN_MAX_FAILURES_PER_ADDRESS', 30, 1, 100_000),
      loginWindowSeconds: integer('LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
      trustProxy: bool('TRUST_PROXY', false),
      solverThreads: integer('SOLVER_THREADS', 1, 1, 16),
      solverTimeLimitSeconds: integer('SOLVER_TIME_LIMIT_SECONDS', 30, 1, 600),
    });
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
  }
}

/** In development the JWT secret is generated once and kept under the data directory. */
function developmentJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
