import 'reflect-metadata';
import { AppConfig, ConfigError, createRootLogger } from '@ideas-lab/platform';
import { createApp } from './app.factory.js';
import { buildOpenApiDocumentOffline } from './openapi.js';
import { DEMO_PASSWORD, DEMO_WORKSHOP_LAB, seedDemoLab } from './demo/demo-lab.js';
import { describeDemoLabs } from './demo/demo-banner.js';
import { prepareDatabase, startServer } from './server.js';

async function main(): Promise<void> {
  if (process.argv[2] === 'openapi') {
    // The OpenAPI document, from the modules alone: no configuration, database or server.
    const document = await buildOpenApiDocumentOffline();
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return;
  }
  const config = AppConfig.fromProcessEnv();
  const logger = createRootLogger(config.logLevel);
  const command = process.argv[2] ?? 'serve';

  if (command === 'migrate' || command === 'seed') {
    const database = await prepareDatabase(config, logger);
    try {
      if (command === 'seed') {
        const { app } = await createApp({ config, databaseUrl: database.url, logger });
        const result = await seedDemoLab(app, { knownPasswords: !config.isProduction });
        await app.close();
        if (!result.created && result.workshopLabId)
          process.stdout.write(`Added the demo lab "${DEMO_WORKSHOP_LAB.title}".\n`);
        else printLogins(result.created ? result.logins : [], result.created);
      }
    } finally {
      await database.embedded?.stop();
    }
    return;
  }

  const server = await startServer(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  const lines = [
    '',
    `  Ideas Lab is running at ${server.url}`,
    `  API docs:       ${server.url}/docs   (OpenAPI JSON at ${server.url}/docs-json)`,
    `  Database:       ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/postgres`}`,
  ];
  if (config.seedDemo && !config.isProduction) {
    lines.push(
      `  Demo logins (password "${DEMO_PASSWORD}"): admin@ideas-lab.test, organiser@ideas-lab.test, mentor1..6@ideas-lab.test, applicant001..130@ideas-lab.test`,
      `  Demo labs (sign in at ${server.url}/login):`,
      ...(await describeDemoLabs(server.app, new Date())).map((line) => `    ${line}`),
    );
  }
  if (server.seed?.created && config.isProduction) printLogins(server.seed.logins, true);
  process.stdout.write(`${lines.join('\n')}\n  Stop with Ctrl-C.\n\n`);
}

function printLogins(
  logins: { role: string; email: string; password: string }[],
  created: boolean,
): void {
  if (!created) {
    process.stdout.write('The demo lab already exists; nothing to do.\n');
    return;
  }
  process.stdout.write('Demo lab created. Logins (shown once):\n');
  for (const l of logins)
    process.stdout.write(`  ${l.role.padEnd(10)} ${l.email.padEnd(28)} ${l.password}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Ideas Lab could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
