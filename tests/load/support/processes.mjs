// Child processes of a benchmark: starting the built API and a bare server, watching and
// stopping them.
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { log, onCleanUp } from './run.mjs';

/** The repository root, where the built API lives. */
export const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Keep the last lines of a child's output, to explain a failure. */
export function tail(stream, lines, limit = 60) {
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk) => {
    for (const line of chunk.split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > limit) lines.splice(0, lines.length - limit);
  });
}

export const exited = (child) => child.exitCode !== null || child.signalCode !== null;

export function waitForExit(child, ms) {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * Signal a child (or, with `group`, its whole process group); kill it if it does not leave in
 * time. True when it left by itself.
 */
export async function stopChild(child, { signal = 'SIGINT', group = false, ms = 15_000 } = {}) {
  if (exited(child)) return true;
  const send = (s) => {
    try {
      if (group) process.kill(-child.pid, s);
      else child.kill(s);
    } catch {
      // already gone
    }
  };
  send(signal);
  if (await waitForExit(child, ms)) return true;
  log(`pid ${child.pid} did not stop within ${ms} ms after ${signal}: killing it`);
  send('SIGKILL');
  await waitForExit(child, 5_000);
  return false;
}

/** This process's environment with `overrides`, without the variables named in `remove`. */
export function childEnv(overrides, remove = []) {
  const env = { ...process.env, ...overrides };
  for (const name of remove) delete env[name];
  return env;
}

/** CPU seconds a process has used so far (Linux /proc; null elsewhere). USER_HZ is 100 on Linux. */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * How long a built API may take to start: migrating an empty database and seeding the demo
 * took 80 s on a 2-core machine at load 17.
 */
const API_START_S = Number(process.env.BENCH_API_START_S ?? 240);

/**
 * The built API (`node dist/apps/api/src/main.js`) on a free port of 127.0.0.1, seeded with the
 * demo lab, on `databaseUrl`; resolves once it prints its URL. `env` adds to (and `removeEnv`
 * takes from) its environment, `nodeArgs` go to node; `checkout` is the tree whose build runs
 * (this one unless said, e.g. another worktree to compare with). Stopped on clean-up, or by
 * `stop()`.
 */
export async function startBuiltApi({
  databaseUrl,
  dataDir,
  poolSize,
  env = {},
  removeEnv = [],
  nodeArgs = [],
  checkout = root,
}) {
  const lines = [];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js'], {
    cwd: checkout,
    env: childEnv(
      {
        DATABASE_URL: databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'true',
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        DATABASE_POOL_SIZE: String(poolSize),
        ...env,
      },
      removeEnv,
    ),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = onCleanUp(() => stopChild(child));
  tail(child.stderr, lines);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `the API did not start within ${API_START_S} s (migrations and the demo seed included; BENCH_API_START_S):\n${lines.join('\n')}`,
          ),
        ),
      API_START_S * 1000,
    );
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      for (const line of chunk.split('\n')) if (line.trim()) lines.push(line);
      const found = /running at (http:\/\/\S+)/.exec(buffer);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with code ${code}:\n${lines.join('\n')}`));
    });
  });
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  return { child, url, lines, stop };
}

/**
 * A bare server (a script of tests/load that tells its port over IPC once it listens) with
 * `env` added to its environment; stopped with SIGTERM on clean-up, or by `stop()`.
 */
export async function startBareServer(script, env) {
  const lines = [];
  const child = fork(fileURLToPath(new URL(`../${script}`, import.meta.url)), {
    cwd: root,
    env: childEnv(env),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const stop = onCleanUp(() => stopChild(child, { signal: 'SIGTERM' }));
  tail(child.stderr, lines);
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the bare server did not start:\n${lines.join('\n')}`)),
      15_000,
    );
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bare server exited with code ${code}:\n${lines.join('\n')}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, lines, stop };
}
