import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  adminQuery,
  databaseUrl,
  findOrStartPostgres,
  runMigrations,
  type PostgresServer,
} from '@ideas-lab/platform';
import { createDataSource } from '../../apps/api/src/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
    templateDatabase: string;
  }
}

let server: PostgresServer | null = null;
let template: string | null = null;

/**
 * One PostgreSQL for the whole run (TEST_DATABASE_URL, else 127.0.0.1:5432, else embedded),
 * one migrated template database; each test file clones its own database from it.
 */
export async function setup(project: TestProject): Promise<void> {
  server = await findOrStartPostgres({
    url: process.env.TEST_DATABASE_URL,
    embeddedDataDir: join(process.cwd(), '.data/test-postgres'),
    embeddedPort: 54330,
    log: (message) => process.stderr.write(`${message}\n`),
  });
  process.stderr.write(
    `tests: PostgreSQL ${server.kind === 'embedded' ? 'embedded (no server found on 127.0.0.1:5432)' : server.kind}\n`,
  );
  template = `ideas_lab_template_${process.pid}`;
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await adminQuery(server.adminUrl, `CREATE DATABASE ${template}`);
  const dataSource = createDataSource(databaseUrl(server.adminUrl, template), 1);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  project.provide('postgresServerUrl', server.adminUrl);
  project.provide('templateDatabase', template);
}

export async function teardown(): Promise<void> {
  if (server && template) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
        [template, `t_${process.pid}_%`],
      );
      for (const { datname } of rows)
        await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  await server?.stop();
}
