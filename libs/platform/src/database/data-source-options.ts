import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';

export interface DatabaseOptionsInput {
  url: string;
  entities: MixedList<
    string | EntitySchema | (new () => unknown) | ((...args: never[]) => unknown)
  >;
  migrations: MixedList<string | (new () => unknown) | ((...args: never[]) => unknown)>;
  poolSize?: number;
  applicationName?: string;
}

/**
 * How long a pooled connection may sit idle before the pool closes it (pg's default is 10 s).
 * Connects come in bursts (a lab arriving, a reconnect storm) and the statements outside
 * transactions are prepared per connection by name: a pool that let its connections go between
 * bursts opened them again at the next one, and prepared every statement afresh on each.
 */
export const POOL_IDLE_MS = 60_000;

/** The one definition of how the server talks to PostgreSQL (app, CLI and tests). */
export function postgresOptions(input: DatabaseOptionsInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: input.entities as DataSourceOptions['entities'],
    migrations: input.migrations as DataSourceOptions['migrations'],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['error'],
    poolSize: input.poolSize ?? 10,
    applicationName: input.applicationName ?? 'ideas-lab',
    extra: { max: input.poolSize ?? 10, idleTimeoutMillis: POOL_IDLE_MS },
  } as DataSourceOptions;
}

/** A data source for tools and the start-up migration (the app itself goes through TypeOrmModule). */
export function createPostgresDataSource(input: DatabaseOptionsInput): DataSource {
  return new DataSource(postgresOptions(input));
}
