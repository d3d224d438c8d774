import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface PostgresServer {
  /** A URL to the server's `postgres` database, for creating and dropping databases. */
  adminUrl: string;
  kind: 'configured' | 'local' | 'embedded';
  stop(): Promise<void>;
}

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A PostgreSQL server for tests and tools: the given URL, else a server on 127.0.0.1:5432,
 * else an embedded one in `embeddedDataDir`.
 */
export async function findOrStartPostgres(options: {
  url?: string | null;
  embeddedDataDir: string;
  embeddedPort?: number;
  log?: (message: string) => void;
}): Promise<PostgresServer> {
  if (options.url) {
    if (!(await answers(options.url)))
      throw new Error(`The PostgreSQL server at the given URL does not answer.`);
    return { adminUrl: options.url, kind: 'configured', stop: async () => undefined };
  }
  if (await answers(LOCAL_POSTGRES_URL)) {
    return { adminUrl: LOCAL_POSTGRES_URL, kind: 'local', stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: options.embeddedDataDir,
    port: options.embeddedPort ?? 54330,
    log: options.log,
  });
  return { adminUrl: embedded.url, kind: 'embedded', stop: () => embedded.stop() };
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
