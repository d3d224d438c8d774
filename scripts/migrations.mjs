// Migrations, generated from the entities and reviewed like code.
//   npm run migration:generate -- <PascalCaseName>   write migrations/<timestamp>-<Name>.ts
//   npm run migration:run                             apply pending migrations to DATABASE_URL (or the embedded database)
//   npm run migration:check                           fail when the entities and the migrations differ
// generate and check compare against a scratch database on TEST_DATABASE_URL, the local
// server on 127.0.0.1:5432, or an embedded PostgreSQL under .data/, migrated from empty.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = new URL('..', import.meta.url).pathname;
const [command, name] = process.argv.slice(2);

if (command === 'run') {
  buildIfNeeded(['api']);
  const result = spawnSync(process.execPath, ['dist/apps/api/src/main.js', 'migrate'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
if (command !== 'generate' && command !== 'check') {
  console.error('usage: migrations.mjs generate <Name> | run | check');
  process.exit(2);
}
if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
  console.error(
    'Give the migration a PascalCase name: npm run migration:generate -- AddApplications',
  );
  process.exit(2);
}

buildIfNeeded(['api']);
const { findOrStartPostgres, databaseUrl, adminQuery, runMigrations } = await import(
  join(root, 'dist/libs/platform/src/index.js')
);
const { createDataSource } = await import(join(root, 'dist/apps/api/src/database.js'));

const server = await findOrStartPostgres({
  url: process.env.TEST_DATABASE_URL,
  embeddedDataDir: join(root, '.data/scratch-postgres'),
  log: (m) => console.error(m),
});
const scratch = `migrations_scratch_${process.pid}`;
let exitCode = 0;
try {
  await adminQuery(server.adminUrl, `CREATE DATABASE ${scratch}`);
  const dataSource = createDataSource(databaseUrl(server.adminUrl, scratch), 2);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    const up = sql.upQueries;
    const down = sql.downQueries.reverse();
    if (command === 'check') {
      if (up.length === 0) {
        console.log('migration:check: the entities and the migrations agree.');
      } else {
        console.error(
          'migration:check: the entities and the migrations differ. Missing statements:',
        );
        for (const q of up) console.error(`  ${q.query}`);
        console.error('Run `npm run migration:generate -- <Name>` and review the new file.');
        exitCode = 1;
      }
    } else if (up.length === 0) {
      console.log('No changes: the migrations already match the entities.');
    } else {
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const escape = (q) =>
        q.query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
      const params = (q) =>
        q.parameters && q.parameters.length ? `, ${JSON.stringify(q.parameters)}` : '';
      const file = `${timestamp}-${name}.ts`;
      writeFileSync(
        join(root, 'migrations', file),
        `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(\`${escape(q)}\`${params(q)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map((q) => `    await queryRunner.query(\`${escape(q)}\`${params(q)});`).join('\n')}
  }
}
`,
      );
      writeIndex();
      console.log(`Wrote migrations/${file}; review it, then commit it.`);
    }
  } finally {
    await dataSource.destroy();
  }
} finally {
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(
    () => undefined,
  );
  await server.stop();
}
process.exit(exitCode);

function writeIndex() {
  const files = readdirSync(join(root, 'migrations'))
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort();
  const imports = files.map((f) => {
    const [ts, n] = f.replace(/\.ts$/, '').split('-');
    return { f, cls: `${n}${ts}` };
  });
  writeFileSync(
    join(root, 'migrations', 'index.ts'),
    `// The migrations in the order they run. \`npm run migration:generate\` rewrites this file.
${imports.map((i) => `import { ${i.cls} } from './${i.f.replace(/\.ts$/, '.js')}';`).join('\n')}

export const migrations = [${imports.map((i) => i.cls).join(', ')}];
`,
  );
}
