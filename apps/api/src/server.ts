import type { Logger } from 'pino';
import pg from 'pg';
import { join } from 'node:path';
import {
  AppConfig,
  createRootLogger,
  databaseUrl,
  runMigrations,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '@ideas-lab/platform';
import { createApp, type CreatedApp } from './app.factory.js';
import { createDataSource } from './database.js';
import { seedDemoLab, type DemoSeedResult } from './demo/demo-lab.js';

export interface PreparedDatabase {
  url: string;
  embedded: EmbeddedDatabase | null;
  migrationsApplied: string[];
}

const EMBEDDED_DATABASE = 'ideas_lab';

/** The configured database, or an embedded one under the data folder; then migrate it. */
export async function prepareDatabase(
  config: AppConfig,
  logger: Logger,
): Promise<PreparedDatabase> {
  let url = config.databaseUrl;
  let embedded: EmbeddedDatabase | null = null;
  if (url === null) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(config.dataDir, 'postgres'),
      port: config.embeddedPostgresPort,
      log: (message) => logger.warn(message),
    });
    url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    logger.info({ port: embedded.port }, 'embedded PostgreSQL started');
  }
  try {
    const dataSource = createDataSource(url, 2);
    await dataSource.initialize();
    try {
      const migrationsApplied = await runMigrations(dataSource);
      if (migrationsApplied.length > 0)
        logger.info({ migrations: migrationsApplied }, 'migrations applied');
      return { url, embedded, migrationsApplied };
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** Create a database on a server if it is missing; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, name);
}

export interface RunningServer extends CreatedApp {
  url: string;
  seed: DemoSeedResult | null;
  stop(): Promise<void>;
}

/** Start everything: database, migrations, demo data when asked, HTTP. */
export async function startServer(
  config: AppConfig,
  logger = createRootLogger(config.logLevel),
): Promise<RunningServer> {
  const database = await prepareDatabase(config, logger);
  let created: CreatedApp;
  try {
    created = await createApp({ config, databaseUrl: database.url, logger });
  } catch (error) {
    await database.embedded?.stop();
    throw error;
  }
  const seed = config.seedDemo
    ? await seedDemoLab(created.app, { knownPasswords: !config.isProduction })
    : null;
  await created.app.listen({ port: config.port, host: config.host });
  const address = created.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | null = null;
  return {
    ...created,
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    seed,
    stop() {
      stopping ??= (async () => {
        await created.app.close();
        await database.embedded?.stop();
      })();
      return stopping;
    },
  };
}
