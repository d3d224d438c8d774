import { DataSource, MigrationExecutor } from 'typeorm';

/** Advisory lock key so that two replicas starting together migrate one after the other. */
const MIGRATION_LOCK = 7_347_211;

/**
 * Run pending migrations under an advisory lock, on one connection (so a pool of one is
 * enough); returns the names applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
