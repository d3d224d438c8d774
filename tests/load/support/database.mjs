// The scratch database a benchmark runs against.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { onCleanUp } from './run.mjs';
import { root } from './processes.mjs';

/**
 * A fresh database named `<prefix>_<random>` on TEST_DATABASE_URL's server, else
 * 127.0.0.1:5432, else an embedded cluster in `<work>/postgres` (the API must be built). Dropped
 * on clean-up, and an embedded cluster stopped. `postgresLog` hears the server's start-up.
 */
export async function scratchDatabase({ prefix, work, postgresLog }) {
  const platform = await import(join(root, 'dist/libs/platform/src/index.js'));
  const server = await platform.findOrStartPostgres({
    url: process.env.TEST_DATABASE_URL || null,
    embeddedDataDir: join(work, 'postgres'),
    ...(postgresLog ? { log: postgresLog } : {}),
  });
  onCleanUp(() => server.stop());
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await platform.adminQuery(server.adminUrl, `CREATE DATABASE ${name}`);
  onCleanUp(() =>
    platform.adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
  return { kind: server.kind, name, url: platform.databaseUrl(server.adminUrl, name) };
}
