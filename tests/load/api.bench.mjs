/**
 * API benchmark: `npm run bench:api`. Nothing to set up by hand.
 *
 * lab-by-id  The built API (a child process, `node dist/apps/api/src/main.js`) on a fresh
 *            database seeded with the demo lab, against a bare `node:http` + `pg` server
 *            (tests/load/bare-lab-server.mjs) that runs the same SQL (LAB_WITH_ROLES_SQL)
 *            with a Pool of the same size on the same database. The API request is the
 *            organiser's authenticated `GET /api/labs/:labId`. autocannon, 50 connections,
 *            BENCH_DURATION s (10) per run, alternating API, bare, API, bare…
 *            (BENCH_ROUNDS pairs, 2) after a short warm-up of each. Figures are the MEAN over
 *            the rounds; ratio = API req/s ÷ bare req/s (goal ≥ 0.8).
 * warm-start `npm start` with a fresh DATA_DIR and no DATABASE_URL, started and stopped once
 *            (so it is built, migrated, seeded and its embedded cluster exists), then timed
 *            from spawning `npm start` to `/health` answering 200 (goal < 3 s). Stopped with
 *            SIGINT to its process group, as Ctrl-C does; the embedded PostgreSQL must stop too.
 *
 * PostgreSQL for lab-by-id: TEST_DATABASE_URL, else 127.0.0.1:5432, else embedded. Every
 * child process and the bench database are cleaned up, also on errors and Ctrl-C; the
 * whole run is bounded by BENCH_TIMEOUT_S (600). BENCH_CASES=lab-by-id (or warm-start) runs one
 * case only; BENCH_WARMUP sets the warm-up seconds (3).
 *
 * Prints a table, then one JSON line per case. lab-by-id also gives each server's CPU time
 * per request (cpuUsPerReq, rawCpuUsPerReq; Linux): req/s on a shared machine moves with
 * whatever else runs, CPU per request much less.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { buildIfNeeded } from '../../scripts/build-if-needed.mjs';
import { scratchDatabase } from './support/database.mjs';
import { claimsOf, json, login } from './support/http.mjs';
import {
  childEnv,
  cpuSeconds,
  exited,
  root,
  startBareServer,
  startBuiltApi,
  stopChild,
  tail,
} from './support/processes.mjs';
import { cleanUp, log, onCleanUp, sleep, startBenchRun, tempDir } from './support/run.mjs';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = 50;
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 600);
const ORGANISER = { email: 'organiser@ideas-lab.test', password: 'ideas-lab-demo' };
const DEMO_SLUG = 'cancer-digital-twin';
const CASES = (process.env.BENCH_CASES ?? 'lab-by-id,warm-start').split(',').map((c) => c.trim());

startBenchRun('bench:api', { timeoutS: TIMEOUT_S });

// ---------------------------------------------------------------------------------------
// npm start and its embedded PostgreSQL.

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The postmaster of an embedded cluster, if one is running in `dataDir`. */
function runningPostmaster(pgDataDir) {
  const pidFile = join(pgDataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

async function stopPostmaster(pgDataDir) {
  const pid = runningPostmaster(pgDataDir);
  if (pid === null) return;
  log(`an embedded PostgreSQL (pid ${pid}) is still running in ${pgDataDir}: stopping it`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

async function waitForHttp(url, { ms, child, lines, every = 10 }) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child && exited(child))
      throw new Error(
        `the server exited (code ${child.exitCode}) before ${url} answered:\n${lines.join('\n')}`,
      );
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(every);
  }
  throw new Error(`${url} did not answer 200 within ${ms} ms:\n${lines.join('\n')}`);
}

/**
 * One autocannon run against the server of process `pid`; fails on any error or non-2xx
 * answer (a fast 401 is no figure). Also the server's CPU time per request: unlike req/s it
 * hardly depends on what else the machine runs at the time.
 */
async function load(name, url, headers, seconds, pid) {
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  const cpuAfter = cpuSeconds(pid);
  const bad = result.errors + result.timeouts + result.non2xx;
  if (bad > 0)
    throw new Error(
      `${name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`,
    );
  const cpuUsPerReq =
    cpuBefore === null || cpuAfter === null
      ? null
      : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total;
  return {
    rps: result.requests.average,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    cpuUsPerReq,
  };
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const round1 = (n) => Math.round(n * 10) / 10;

// ---------------------------------------------------------------------------------------
// Cases.

async function labById() {
  const { LAB_WITH_ROLES_SQL } = await import(join(root, 'dist/libs/labs/src/index.js'));
  const work = tempDir('ideas-lab-bench-');
  const database = await scratchDatabase({ prefix: 'bench_api', work });
  const databaseUrl = database.url;
  log(`PostgreSQL: ${database.kind}; database ${database.name}`);

  const api = await startBuiltApi({
    databaseUrl,
    dataDir: join(work, 'data'),
    poolSize: POOL_SIZE,
  });
  const { accessToken } = await login(api.url, ORGANISER);
  const userId = claimsOf(accessToken).sub;
  const labs = await json(`${api.url}/api/labs`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const lab = labs.find((l) => l.slug === DEMO_SLUG);
  if (!lab) throw new Error(`the demo lab "${DEMO_SLUG}" is not among the organiser's labs`);
  const bare = await startBareServer('bare-lab-server.mjs', {
    BARE_DATABASE_URL: databaseUrl,
    BARE_SQL: LAB_WITH_ROLES_SQL,
    BARE_USER_ID: userId,
    BARE_POOL_SIZE: String(POOL_SIZE),
  });

  const path = `/api/labs/${lab.id}`;
  const apiHeaders = { authorization: `Bearer ${accessToken}` };
  const viaApi = await json(`${api.url}${path}`, { headers: apiHeaders });
  const viaBare = await json(`${bare.url}${path}`);
  if (viaApi.id !== lab.id || viaBare.id !== lab.id || !viaApi.myRoles.includes('organiser')) {
    throw new Error(
      `the two servers disagree about the lab: ${JSON.stringify({ viaApi, viaBare })}`,
    );
  }
  log(
    `API ${api.url}, bare ${bare.url}, ${path}; warm-up ${WARMUP_S} s each, then ${ROUNDS}× (API ${DURATION_S} s, bare ${DURATION_S} s)`,
  );

  if (WARMUP_S > 0) {
    await load('warm-up API', `${api.url}${path}`, apiHeaders, WARMUP_S, api.child.pid);
    await load('warm-up bare', `${bare.url}${path}`, {}, WARMUP_S, bare.child.pid);
  }
  const runs = { api: [], bare: [] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.api.push(await load('API', `${api.url}${path}`, apiHeaders, DURATION_S, api.child.pid));
    log(
      `round ${i + 1} API  ${Math.round(runs.api[i].rps)} req/s, p99 ${runs.api[i].p99Ms} ms, ${Math.round(runs.api[i].cpuUsPerReq ?? NaN)} µs CPU/req`,
    );
    runs.bare.push(await load('bare', `${bare.url}${path}`, {}, DURATION_S, bare.child.pid));
    log(
      `round ${i + 1} bare ${Math.round(runs.bare[i].rps)} req/s, p99 ${runs.bare[i].p99Ms} ms, ${Math.round(runs.bare[i].cpuUsPerReq ?? NaN)} µs CPU/req`,
    );
  }

  await stopChild(bare.child, { signal: 'SIGTERM' });
  if (!(await stopChild(api.child))) log('the API had to be killed');
  const rps = mean(runs.api.map((r) => r.rps));
  const rawRps = mean(runs.bare.map((r) => r.rps));
  return {
    runs,
    line: {
      bench: 'api',
      case: 'lab-by-id',
      rps: Math.round(rps),
      p99Ms: round1(mean(runs.api.map((r) => r.p99Ms))),
      rawRps: Math.round(rawRps),
      rawP99Ms: round1(mean(runs.bare.map((r) => r.p99Ms))),
      ratio: Math.round((rps / rawRps) * 100) / 100,
      cpuUsPerReq: meanCpu(runs.api),
      rawCpuUsPerReq: meanCpu(runs.bare),
    },
  };
}

/** Mean server CPU µs per request over the runs, or null where /proc is missing. */
function meanCpu(runs) {
  return runs.some((r) => r.cpuUsPerReq === null)
    ? null
    : Math.round(mean(runs.map((r) => r.cpuUsPerReq)));
}

/** `npm start` in its own process group, as a terminal runs it. */
async function npmStart(dataDir, port) {
  const lines = [];
  const startedAt = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    env: childEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, [
      'DATABASE_URL',
      'NODE_ENV',
      'SEED_DEMO',
    ]),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  tail(child.stdout, lines);
  tail(child.stderr, lines);
  const pgDataDir = join(dataDir, 'postgres');
  const stop = async () => {
    const clean = await stopChild(child, { signal: 'SIGINT', group: true, ms: 20_000 });
    // The postmaster may take a moment more to finish its own shutdown.
    for (let i = 0; i < 50 && runningPostmaster(pgDataDir) !== null; i++) await sleep(100);
    const left = runningPostmaster(pgDataDir);
    if (left !== null) await stopPostmaster(pgDataDir);
    return { clean, postgresLeftRunning: left !== null, lines };
  };
  onCleanUp(stop);
  await waitForHttp(`http://127.0.0.1:${port}/health`, { ms: 180_000, child, lines });
  return { ms: performance.now() - startedAt, stop };
}

async function warmStart() {
  const { freePort } = await import(join(root, 'dist/libs/platform/src/index.js'));
  const dataDir = join(tempDir('ideas-lab-bench-start-'), 'data');
  const port = await freePort(0);

  const first = await npmStart(dataDir, port);
  log(`first npm start (creates the cluster, migrates, seeds): ${Math.round(first.ms)} ms`);
  const firstStop = await first.stop();
  if (firstStop.postgresLeftRunning || !firstStop.clean) {
    throw new Error(
      `Ctrl-C did not stop cleanly after the first start (postgres left running: ${firstStop.postgresLeftRunning}):\n${firstStop.lines.join('\n')}`,
    );
  }

  // A start that had to rebuild (sources edited meanwhile) is not a warm start: try again.
  for (let attempt = 1; ; attempt++) {
    const second = await npmStart(dataDir, port);
    const stopped = await second.stop();
    const rebuilt = stopped.lines.some((line) => line.startsWith('Building the'));
    log(
      `warm npm start: ${Math.round(second.ms)} ms${rebuilt ? ' (it rebuilt: sources changed meanwhile)' : ''}; ` +
        `Ctrl-C: ${stopped.clean ? 'stopped' : 'had to be killed'}, embedded PostgreSQL ${stopped.postgresLeftRunning ? 'LEFT RUNNING (stopped by the bench)' : 'stopped'}`,
    );
    if (stopped.postgresLeftRunning || !stopped.clean) {
      throw new Error(
        `Ctrl-C did not stop npm start cleanly (postgres left running: ${stopped.postgresLeftRunning}):\n${stopped.lines.join('\n')}`,
      );
    }
    if (!rebuilt || attempt === 3) {
      return {
        line: { bench: 'api', case: 'warm-start', ms: Math.round(second.ms) },
        firstMs: Math.round(first.ms),
        rebuilt,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------

async function main() {
  const startedAt = Date.now();
  buildIfNeeded(['api'], log);
  const lab = CASES.includes('lab-by-id') ? await labById() : null;
  await cleanUp();
  const start = CASES.includes('warm-start') ? await warmStart() : null;
  await cleanUp();

  const row = (cells) => cells.map((c, i) => String(c).padEnd(i === 0 ? 22 : 12)).join(' ');
  const lines = [
    '',
    `API benchmark (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per run, mean of ${ROUNDS} alternated rounds; pool ${POOL_SIZE})`,
  ];
  lines.push(row(['case', 'req/s', 'p99 ms', 'CPU µs/req', 'runs (req/s)']));
  if (lab) {
    const cpu = (value) => value ?? 'n/a';
    lines.push(
      row([
        'lab-by-id: API',
        lab.line.rps,
        lab.line.p99Ms,
        cpu(lab.line.cpuUsPerReq),
        lab.runs.api.map((r) => Math.round(r.rps)).join(', '),
      ]),
      row([
        'lab-by-id: bare',
        lab.line.rawRps,
        lab.line.rawP99Ms,
        cpu(lab.line.rawCpuUsPerReq),
        lab.runs.bare.map((r) => Math.round(r.rps)).join(', '),
      ]),
      row(['lab-by-id: ratio', lab.line.ratio, '', '', 'goal ≥ 0.8 (API req/s ÷ bare req/s)']),
    );
  }
  if (start) {
    const note = `goal < 3000 (first start ${start.firstMs} ms${start.rebuilt ? '; it rebuilt every time: sources kept changing' : ''})`;
    lines.push(row(['warm-start (ms)', start.line.ms, '', '', note]));
  }
  lines.push(`(${Math.round((Date.now() - startedAt) / 1000)} s in all)`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const result of [lab, start])
    if (result) process.stdout.write(`${JSON.stringify(result.line)}\n`);
}

main().then(
  () => process.exit(0),
  async (error) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanUp();
    process.exit(1);
  },
);
