/**
 * Live-layer benchmark: `npm run bench:live`. Nothing to set up by hand.
 *
 * For each case N (BENCH_CASES, default "100,1000,5000,1000-during-solve,split-1000,storm-1000,storm-3000"):
 *   API   The built API (`node dist/apps/api/src/main.js`, a fresh child process per case, one
 *         instance, no REDIS_URL) on a scratch database seeded with the demo lab, to which the
 *         bench adds 5,000 participants in bulk SQL (one argon2 hash shared by all; two of them
 *         log in over HTTP to prove it works; the others' access tokens are minted with the
 *         JWT_SECRET the bench hands the API, with the claims the API itself signs). N real
 *         socket.io-client clients (websocket transport) connect to `/live` of the demo lab at
 *         BENCH_CONNECT_RATE a second (the handshake is authenticated and each connection reads
 *         its snapshot from the database), spread over client processes
 *         (tests/load/live-clients.mjs).
 *   bare  A plain Socket.IO server (tests/load/bare-live-server.mjs) started alongside, to
 *         which the same client processes connect N more clients.
 * Then the demo organiser (connected to each from this process) sends `broadcast`
 * BENCH_WARMUP_BROADCASTS + BENCH_BROADCASTS times to each server, alternating API and bare
 * in ABBA order so both are measured under the same background load; one at a time (the
 * next once every client has the previous one, plus BENCH_GAP_MS). Each `broadcast:message`
 * receipt is timed against the send.
 *
 * Case "1000-during-solve": the 1,000-client case while the same API instance solves, back to
 * back from before the first broadcast to after the last: a 10,000 → 1,000 cohort selection
 * (HiGHS; a stored run of synthetic applicants with discipline minimums, a seniority cap and
 * institution caps, re-solved through POST …/selection-runs/:id/rerun) and a 300-person breakout
 * rotation (POST …/sessions/:id/plans, 6 rounds of rooms of 5, in a copy of the demo workshop
 * lab with 300 participants). Both run in the API's solver pool; goal: ratio ≤ 1.5, the same
 * ratio to the bare server as the other cases. Its line adds how many solves ran meanwhile and
 * their median time.
 *
 * Case "connect-N": only connecting (see runConnectCase): N clients connect and are dropped,
 * BENCH_CONNECT_ROUNDS (6) times to the API and to the bare server (and to a "base" API built
 * from BENCH_BASE_CHECKOUT and/or with BENCH_BASE_ENV, to compare a change with the code before
 * it in the same period); figures: the median CPU ms per connect of each, and the ratio.
 *
 * Figures per case: p50Ms / p99Ms over every delivery of the measured broadcasts (API),
 * bareP99Ms, ratio = p99Ms / bareP99Ms (goal ≤ 1.2 at 1,000), kbPerConn = (API RSS with N
 * connected − before) / N, held = every client connected, stayed connected and received
 * every broadcast (goal: true at 5,000). Also typicalP99Ms (the median over broadcasts of each
 * broadcast's own p99: the p99 over all deliveries is set by the one or two slowest
 * broadcasts), the server CPU per broadcast and per connection (less sensitive to whatever
 * else the machine runs than latency is), and the 1-minute load average.
 *
 * One clock: send and receipt are `process.hrtime.bigint()` (CLOCK_MONOTONIC, shared by every
 * process on the machine). PostgreSQL: TEST_DATABASE_URL, else 127.0.0.1:5432, else embedded.
 * Every child process, the embedded server and the scratch database are cleaned up, also on
 * errors and Ctrl-C; the whole run is bounded by BENCH_TIMEOUT_S (1200). Exits 1 when a case
 * fails or a case did not hold its clients.
 *
 * Knobs: BENCH_CASES, BENCH_BROADCASTS (20), BENCH_WARMUP_BROADCASTS (3), BENCH_GAP_MS (250),
 * BENCH_CONNECT_RATE (connections/s, 250), BENCH_CONCURRENCY (handshakes in flight per client
 * process, 32), BENCH_WORKERS (client processes; default 1 up to 500 clients, else 2),
 * BENCH_BARE_RECOVERY=true (connection-state recovery on the bare server too, as the API has
 * it), BENCH_API_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the API),
 * BENCH_WINDOWS_FILE (append each broadcast's send→last-delivery window there, in monotonic µs
 * like a V8 CPU profile's timestamps, to look at the profile of the broadcasts alone),
 * BENCH_API_LOG (append the API's output there, e.g. with BENCH_API_NODE_ARGS=--trace-gc).
 */
import 'reflect-metadata';
import { fork, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { io } from 'socket.io-client';
import { buildIfNeeded } from '../../scripts/build-if-needed.mjs';
import { scratchDatabase } from './support/database.mjs';
import { claimsOf, json, login } from './support/http.mjs';
import {
  cpuSeconds,
  exited,
  root,
  startBareServer,
  startBuiltApi,
  stopChild,
  tail,
  waitForExit,
} from './support/processes.mjs';
import { cleanUp, log, onCleanUp, sleep, startBenchRun, tempDir } from './support/run.mjs';

const env = process.env;
/**
 * A case: a client count (one instance against a bare server), `N-during-solve` (the same
 * while the API solves), `split-N` or `storm-N`.
 */
const CASES = (
  env.BENCH_CASES ?? '100,1000,5000,1000-during-solve,split-1000,storm-1000,storm-3000'
)
  .split(',')
  .map((c) => c.trim())
  .map((c) => {
    const named = /^(split|storm|connect)-(\d+)$/.exec(c);
    const solving = /^(\d+)-during-solve$/.exec(c);
    if (named) return { kind: named[1], n: Number(named[2]), name: c };
    if (solving) return { kind: 'single', n: Number(solving[1]), name: c, duringSolve: true };
    return { kind: 'single', n: Number(c), name: c };
  });
const BROADCASTS = Number(env.BENCH_BROADCASTS ?? 20);
const WARMUP_BROADCASTS = Number(env.BENCH_WARMUP_BROADCASTS ?? 3);
const GAP_MS = Number(env.BENCH_GAP_MS ?? 250);
const CONNECT_RATE = Number(env.BENCH_CONNECT_RATE ?? 250);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 32);
const TIMEOUT_S = Number(env.BENCH_TIMEOUT_S ?? 1200);
const BARE_RECOVERY = env.BENCH_BARE_RECOVERY === 'true';
/** Where to append each broadcast's window (monotonic µs, as V8 CPU profiles count), to slice a profile. */
const WINDOWS_FILE = env.BENCH_WINDOWS_FILE ?? null;
/** Append the API's output (after its start line) there, e.g. with BENCH_API_NODE_ARGS=--trace-gc. */
const API_LOG = env.BENCH_API_LOG ?? null;
const API_NODE_ARGS = (env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
const POOL_SIZE = Number(env.DATABASE_POOL_SIZE ?? 10);
const ORGANISER = { email: 'organiser@ideas-lab.test', password: 'ideas-lab-demo' };
const DEMO_SLUG = 'cancer-digital-twin';
/** The demo lab in its workshop, whose breakout rounds the storm cases open. */
const DEMO_WORKSHOP_SLUG = 'cancer-digital-twin-workshop';
const BENCH_PASSWORD = 'bench-live-participant';
const HANDSHAKE_TIMEOUT_MS = 30_000;
/** Connecting gives up when no client connected (or failed) for this long. */
const STALL_MS = 60_000;
const DELIVERY_TIMEOUT_MS = 20_000;
const MAX_N = Math.max(...CASES.map((c) => c.n));
/** The Redis of the two-instance cases: BENCH_REDIS_URL, else a redis-server the bench starts. */
const REDIS_URL = env.BENCH_REDIS_URL ?? null;
/** connect-N: rounds of N connects to each target. */
const CONNECT_ROUNDS = Number(env.BENCH_CONNECT_ROUNDS ?? 6);
/** connect-N: counted after the last snapshot too: twice the API's presence flush (250 ms). */
const CONNECT_SETTLE_MS = 500;
/** connect-N: how long each server's idle CPU is read before the rounds. */
const IDLE_MS = 5000;
/** connect-N: a second API to compare with (another tree's build and/or other environment). */
const CONNECT_BASES =
  env.BENCH_BASE_CHECKOUT || env.BENCH_BASE_ENV
    ? [env.BENCH_BASE_ENV ? JSON.parse(env.BENCH_BASE_ENV) : {}].flat().map((extra) => ({
        checkout: env.BENCH_BASE_CHECKOUT || undefined,
        env: extra,
      }))
    : [];
/** How long the survivor has to take every client of a stopped instance back. */
const STORM_TIMEOUT_MS = Number(env.BENCH_STORM_TIMEOUT_MS ?? 120_000);

const nowNs = () => process.hrtime.bigint();

if (CASES.some((c) => !Number.isInteger(c.n) || c.n < 1))
  throw new Error(
    `BENCH_CASES must list client counts, N-during-solve, split-N, storm-N or connect-N, e.g. 100,1000,1000-during-solve,split-1000,storm-1000; got ${env.BENCH_CASES}`,
  );

startBenchRun('bench:live', { timeoutS: TIMEOUT_S });

// ---------------------------------------------------------------------------------------
// Processes.

/** CPU seconds used so far by one process or, summed, by several (null when unknown). */
function cpuOf(pid) {
  const each = [pid].flat().map((p) => cpuSeconds(p));
  return each.includes(null) ? null : each.reduce((a, b) => a + b, 0);
}

/** Resident set size of a process in bytes (Linux /proc), or null. */
function rssBytes(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The soft limit on open files of a process (Node raises its own to the hard limit). */
function openFilesLimit(pid = process.pid) {
  try {
    const match = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(
      readFileSync(`/proc/${pid}/limits`, 'utf8'),
    );
    if (!match) return null;
    return match[1] === 'unlimited' ? Infinity : Number(match[1]);
  } catch {
    return null;
  }
}

/**
 * The built API, one instance, no Redis, signing with the bench's JWT secret; with
 * BENCH_API_LOG its output (after its start line) is appended there.
 */
async function startApi({
  databaseUrl,
  dataDir,
  jwtSecret,
  redisUrl = null,
  checkout = undefined,
  env: extraEnv = {},
}) {
  const api = await startBuiltApi({
    databaseUrl,
    dataDir,
    poolSize: POOL_SIZE,
    env: { JWT_SECRET: jwtSecret, ...(redisUrl ? { REDIS_URL: redisUrl } : {}), ...extraEnv },
    removeEnv: redisUrl ? [] : ['REDIS_URL'],
    nodeArgs: API_NODE_ARGS,
    checkout,
  });
  if (API_LOG) {
    const out = createWriteStream(API_LOG, { flags: 'a' });
    api.child.stdout.on('data', (chunk) => out.write(chunk));
    api.child.stderr.on('data', (chunk) => out.write(chunk));
    api.child.once('exit', () => out.end());
  }
  return api;
}

/** The plain Socket.IO server, whose broadcasts come from `from`. */
const startBare = (from) =>
  startBareServer('bare-live-server.mjs', {
    BARE_FROM_ID: from.userId,
    BARE_FROM_NAME: from.displayName,
    BARE_RECOVERY: String(BARE_RECOVERY),
  });

/** An HS256 access token as TokensService signs it: { sub, adm, typ: 'access', iat, exp }. */
function mintAccessToken(secret, userId, ttlSeconds = 3600) {
  const iat = Math.floor(Date.now() / 1000);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: userId, adm: false, typ: 'access', iat, exp: iat + ttlSeconds })}`;
  return `${body}.${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('base64url')}`;
}

// ---------------------------------------------------------------------------------------
// The lab: the demo lab plus MAX_N participants who can log in.

const benchEmail = (i) => `bench-live-${String(i).padStart(5, '0')}@bench.test`;

async function addParticipants(databaseUrl, labIds, count) {
  const startedAt = Date.now();
  const { PasswordHasher } = await import(join(root, 'dist/libs/identity/src/password-hasher.js'));
  const hash = await new PasswordHasher().hash(BENCH_PASSWORD);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO users (email, display_name, password_hash)
         SELECT 'bench-live-' || lpad(i::text, 5, '0') || '@bench.test', 'Bench Participant ' || i, $1
           FROM generate_series(1, $2) AS i
       ON CONFLICT (email) DO NOTHING`,
      [hash, count],
    );
    for (const labId of labIds)
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role)
           SELECT $1, id, 'participant' FROM users WHERE email LIKE 'bench-live-%@bench.test'
         ON CONFLICT (lab_id, user_id, role) DO NOTHING`,
        [labId],
      );
    await db.query('COMMIT');
    const { rows } = await db.query(
      `SELECT id, email FROM users WHERE email LIKE 'bench-live-%@bench.test' ORDER BY email LIMIT $1`,
      [count],
    );
    if (rows.length !== count)
      throw new Error(`expected ${count} bench users, found ${rows.length}`);
    log(
      `${count} participants added in bulk SQL in ${Date.now() - startedAt} ms (one argon2 hash)`,
    );
    return rows.map((r) => r.id);
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------
// Clients.

function startWorker() {
  const lines = [];
  const child = fork(join(root, 'tests/load/live-clients.mjs'), {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  tail(child.stderr, lines);
  const stop = onCleanUp(() => stopChild(child, { signal: 'SIGTERM', ms: 5_000 }));
  return { child, lines, stop };
}

/** Wait for one message of `type` from a worker (or fail when it exits or time runs out). */
function nextMessage(worker, type, ms, what, match = () => true) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what}: no ${type} within ${ms} ms`));
    }, ms);
    const onMessage = (message) => {
      if (message.type !== type || !match(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code, signal) => {
      cleanup();
      reject(
        new Error(
          `${what}: client process ${worker.child.pid} exited (${code ?? signal}):\n${worker.lines.join('\n')}`,
        ),
      );
    };
    const cleanup = () => {
      clearTimeout(timer);
      worker.child.off('message', onMessage);
      worker.child.off('exit', onExit);
    };
    worker.child.on('message', onMessage);
    worker.child.once('exit', onExit);
  });
}

/** A socket.io-client for the organiser, in this process; resolves once its snapshot is in. */
function organiserSocket(url, auth) {
  const socket = io(`${url}/live`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the organiser got no snapshot')), 15_000);
    socket.once('live:snapshot', (snapshot) => {
      clearTimeout(timer);
      resolve({ socket, snapshot });
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(new Error(`the organiser could not connect: ${error?.data?.code ?? error.message}`));
    });
  });
}

const percentile = (sorted, p) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const round1 = (n) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : null);
const round2 = (n) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);

/**
 * Connect `auths` to one server (`target`), spread over the client processes; the server's
 * RSS before and after, and its CPU per connection.
 */
async function connectClients({
  workers,
  target,
  name,
  url,
  urls = null,
  pid,
  auths,
  rate = CONNECT_RATE,
  settleMs = 0,
}) {
  const n = auths.length;
  const notes = [];
  const limit = openFilesLimit([pid].flat()[0]);
  if (limit !== null && n + 200 > limit)
    notes.push(
      `${name}: the server may hold ${limit} open files and this case needs ${n} sockets and more: raise \`ulimit -n\` (the hard limit) to run it`,
    );
  const perWorker = Math.ceil(n / workers.length);
  for (const note of notes) log(`WARNING ${note}`);

  await sleep(500);
  const rssBefore = rssBytes(pid);
  const cpuBefore = cpuOf(pid);
  const startedAt = Date.now();
  const startedNs = nowNs();
  const progress = workers.map(() => 0);
  let loggedAt = Date.now();
  const replies = workers.map((worker, w) => {
    const share = auths.slice(w * perWorker, (w + 1) * perWorker);
    worker.child.send({
      type: 'connect',
      target,
      url: `${url}/live`,
      urls: urls ? urls.map((u) => `${u}/live`) : undefined,
      auths: share,
      ratePerSecond: rate ? rate / workers.length : null,
      concurrency: CONCURRENCY,
      readyEvent: 'live:snapshot',
      timeoutMs: HANDSHAKE_TIMEOUT_MS,
    });
    // The server sets the pace once it cannot keep up with BENCH_CONNECT_RATE: wait as long
    // as clients keep arriving, and give up after STALL_MS without one.
    return new Promise((resolve, reject) => {
      let last = -1;
      let timer = null;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          done();
          reject(new Error(`${name}: no client connected or failed for ${STALL_MS} ms`));
        }, STALL_MS);
      };
      const onMessage = (message) => {
        if (message.target !== target) return;
        if (message.type === 'connected') {
          done();
          resolve(message);
        } else if (message.type === 'progress') {
          progress[w] = message.connected;
          if (message.connected + message.failed !== last) {
            last = message.connected + message.failed;
            arm();
          }
          if (Date.now() - loggedAt > 5000) {
            loggedAt = Date.now();
            log(`${name}: ${progress.reduce((a, b) => a + b, 0)} of ${n} connected`);
          }
        }
      };
      const onExit = (code, signal) => {
        done();
        reject(
          new Error(
            `${name}: client process exited (${code ?? signal}):\n${worker.lines.join('\n')}`,
          ),
        );
      };
      const done = () => {
        clearTimeout(timer);
        worker.child.off('message', onMessage);
        worker.child.off('exit', onExit);
      };
      worker.child.on('message', onMessage);
      worker.child.once('exit', onExit);
      arm();
    });
  });
  const results = await Promise.all(replies);
  const connectMs = Date.now() - startedAt;
  // What a connect leaves to do once its snapshot is out (the presence flush) counts too.
  if (settleMs > 0) await sleep(settleMs);
  const cpuAfter = cpuOf(pid);
  if (WINDOWS_FILE)
    appendFileSync(
      WINDOWS_FILE,
      `${JSON.stringify({ target, pid, connect: true, fromUs: Number(startedNs / 1000n), toUs: Number(nowNs() / 1000n) })}\n`,
    );
  const connected = results.reduce((s, r) => s + r.connected, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const errors = {};
  for (const r of results)
    for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
  log(
    `${name}: ${connected} of ${n} clients connected in ${(connectMs / 1000).toFixed(1)} s over ${workers.length} client process(es)` +
      (failed ? `; ${failed} failed: ${JSON.stringify(errors)}` : ''),
  );
  if (Object.keys(errors).some((e) => /EMFILE|ENFILE|EADDRNOTAVAIL|EADDRINUSE/.test(e)))
    notes.push(
      `${name}: out of file descriptors or local ports (${Object.keys(errors).join('; ')}): check \`ulimit -n\` and net.ipv4.ip_local_port_range`,
    );
  await sleep(1000);
  const rssAfter = rssBytes(pid);
  return {
    n,
    connected,
    failed,
    errors,
    notes,
    connectMs,
    rssAfter,
    kbPerConn: rssBefore === null || rssAfter === null ? null : (rssAfter - rssBefore) / 1024 / n,
    cpuMsPerConnect:
      cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / n,
  };
}

/**
 * The broadcasts, one at a time, alternating between the targets in ABBA order (so neither
 * always goes first); each is done once every client of its target has it (or after
 * DELIVERY_TIMEOUT_MS), then BENCH_GAP_MS of quiet. Server CPU is read just before the send and
 * just after the last delivery.
 */
async function broadcastRounds({ workers, targets }) {
  const sent = new Map();
  const stats = Object.fromEntries(
    Object.keys(targets).map((t) => [t, { seqs: [], acks: [], cpu: 0, cpuKnown: true, slow: 0 }]),
  );
  const order = Object.keys(targets);
  let seq = 0;
  for (let i = 0; i < WARMUP_BROADCASTS + BROADCASTS; i++) {
    for (let j = 0; j < order.length; j++) {
      const target = i % 2 === 0 ? order[j] : order[order.length - 1 - j];
      const { organiser, pid, name } = targets[target];
      seq += 1;
      const thisSeq = seq;
      const measured = i >= WARMUP_BROADCASTS;
      const everyone = Promise.all(
        workers.map((worker) =>
          nextMessage(
            worker,
            'got',
            DELIVERY_TIMEOUT_MS,
            `${name} broadcast ${thisSeq}`,
            (m) => m.seq === thisSeq,
          ).then(
            () => true,
            () => false,
          ),
        ),
      );
      const cpuBefore = cpuOf(pid);
      const t0 = nowNs();
      const ack = new Promise((resolve) => {
        organiser
          .timeout(DELIVERY_TIMEOUT_MS)
          .emit('broadcast', { message: `bench ${thisSeq}` }, (error, answer) =>
            resolve(error ? { ok: false, code: 'ACK_TIMEOUT' } : { ...answer, at: nowNs() }),
          );
      });
      sent.set(thisSeq, t0);
      const [answer, gots] = await Promise.all([ack, everyone]);
      const cpuAfter = cpuOf(pid);
      if (WINDOWS_FILE)
        appendFileSync(
          WINDOWS_FILE,
          `${JSON.stringify({ target, pid, seq: thisSeq, measured, fromUs: Number(t0 / 1000n), toUs: Number(nowNs() / 1000n) })}\n`,
        );
      if (!answer.ok)
        throw new Error(`${name}: broadcast ${thisSeq} refused: ${JSON.stringify(answer)}`);
      if (measured) {
        const s = stats[target];
        s.seqs.push(thisSeq);
        s.acks.push(Number(answer.at - t0) / 1e6);
        if (cpuBefore === null || cpuAfter === null) s.cpuKnown = false;
        else s.cpu += cpuAfter - cpuBefore;
        if (gots.includes(false)) s.slow += 1;
      }
      await sleep(GAP_MS);
    }
  }

  const reports = await Promise.all(
    workers.map((worker) => {
      const reply = nextMessage(worker, 'report', 30_000, 'report');
      worker.child.send({ type: 'report' });
      return reply;
    }),
  );
  const results = {};
  for (const [target, s] of Object.entries(stats)) {
    const latencies = [];
    const perBroadcastP99 = [];
    let received = 0;
    for (const thisSeq of s.seqs) {
      const t0 = Number(sent.get(thisSeq));
      const these = [];
      for (const report of reports) {
        const list = report.receipts[thisSeq] ?? [];
        received += list.length;
        for (const at of list) these.push((at - t0) / 1e6);
      }
      latencies.push(...these);
      perBroadcastP99.push(
        percentile(
          these.sort((a, b) => a - b),
          99,
        ),
      );
    }
    latencies.sort((a, b) => a - b);
    const lost = reports.reduce((sum, r) => sum + (r.lost[target] ?? 0), 0);
    const lostReasons = {};
    for (const r of reports)
      for (const [k, v] of Object.entries(r.lostReasons))
        lostReasons[k] = (lostReasons[k] ?? 0) + v;
    results[target] = {
      latencies,
      received,
      lost,
      lostReasons,
      slow: s.slow,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      minMs: latencies[0],
      maxMs: latencies[latencies.length - 1],
      ackP50Ms: percentile(
        [...s.acks].sort((a, b) => a - b),
        50,
      ),
      cpuMsPerBroadcast: s.cpuKnown ? (s.cpu * 1000) / s.seqs.length : null,
      // The p99 over all deliveries is set by the worst broadcast or two (a 1 % tail of
      // 20 × N deliveries is one broadcast's worth); the median of each broadcast's own p99
      // says what a typical broadcast does, which a busy shared machine disturbs much less.
      typicalP99Ms: percentile(
        perBroadcastP99.filter(Number.isFinite).sort((a, b) => a - b),
        50,
      ),
    };
  }
  return results;
}

// ---------------------------------------------------------------------------------------
// Case "…-during-solve": the same broadcasts while the API solves, back to back.

const SOLVE_APPLICANTS = 10_000;
const SOLVE_CAPACITY = 1_000;
const ROTATION_PEOPLE = 300;
const AREAS = [
  'AI',
  'bioinformatics',
  'biomedical engineering',
  'cancer research',
  'clinical practice',
  'computational and data science',
  'healthcare delivery',
  'mathematical modelling',
];

/** A 10,000-applicant, 1,000-place selection as a stored run keeps its inputs (seeded draws). */
function selectionInputs() {
  let state = 20200714;
  const draw = (k) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * k);
  };
  const applicants = Array.from({ length: SOLVE_APPLICANTS }, (_, i) => ({
    id: `bench-applicant-${String(i).padStart(5, '0')}`,
    merit: draw(1_000_000) / 1_000_000,
    discipline: AREAS[i % AREAS.length],
    careerStage: ['graduate student', 'early career', 'mid career', 'senior'][draw(4)],
    organisationType: ['university', 'national laboratory', 'hospital', 'industry'][draw(4)],
    institution: `institution ${draw(400)}`,
    country: ['US', 'GB', 'DE', 'CA', 'FR'][draw(5)],
    availableForWholeWorkshop: true,
  }));
  return {
    applicants,
    quotas: {
      discipline: Object.fromEntries(AREAS.map((area) => [area, { min: 100 }])),
      careerStage: { senior: { max: 300 } },
      maxPerInstitution: 6,
    },
    capacity: SOLVE_CAPACITY,
    lottery: null,
    seed: 'bench-live-during-solve',
    unreviewedIds: [],
  };
}

/**
 * What the solving cases solve: a stored 10,000 → 1,000 selection run in the demo lab (the
 * rerun route solves its inputs again), and a copy of the demo workshop lab (its staff, its
 * settings) with 300 participants and a breakout session, over which the plans route plans
 * a rotation (the demo labs themselves hold every bench participant).
 */
async function prepareSolves({ databaseUrl, labId, workshopId, organiserId }) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const inputs = selectionInputs();
    const run = await db.query(
      `INSERT INTO selection_runs (lab_id, inputs, seed, status, solver_status, result, created_by)
       VALUES ($1, $2, $3, 'optimal', 'bench', $4, $5) RETURNING id`,
      [
        labId,
        JSON.stringify(inputs),
        inputs.seed,
        JSON.stringify({ status: 'optimal', selectedIds: [], objective: null, waitlistIds: [] }),
        organiserId,
      ],
    );
    const { rows: columns } = await db.query(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'labs' AND column_name NOT IN ('id', 'slug', 'title')`,
    );
    const rest = columns.map((c) => `"${c.name}"`).join(', ');
    const copy = await db.query(
      `INSERT INTO labs (slug, title, ${rest})
         SELECT 'bench-rotation-300', 'Bench rotation (300 participants)', ${rest} FROM labs WHERE id = $1
       RETURNING id`,
      [workshopId],
    );
    const rotationLabId = copy.rows[0].id;
    await db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role)
         SELECT $1, user_id, role FROM lab_memberships WHERE lab_id = $2 AND role <> 'participant'`,
      [rotationLabId, workshopId],
    );
    await db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role)
         SELECT $1, id, 'participant' FROM users WHERE email LIKE 'bench-live-%@bench.test'
          ORDER BY email LIMIT $2`,
      [rotationLabId, ROTATION_PEOPLE],
    );
    const session = await db.query(
      `INSERT INTO agenda_sessions (lab_id, kind, title, starts_at, ends_at, version)
       VALUES ($1, 'breakout', 'Bench breakouts', now(), now() + interval '2 hours', 1) RETURNING id`,
      [rotationLabId],
    );
    log(
      `solves: a stored ${SOLVE_APPLICANTS} → ${SOLVE_CAPACITY} selection run; a lab of ${ROTATION_PEOPLE} participants with a breakout session`,
    );
    return {
      selection: { labId, runId: run.rows[0].id },
      rotation: { labId: rotationLabId, sessionId: session.rows[0].id },
    };
  } finally {
    await db.end();
  }
}

/**
 * Solve back to back on the API until stopped: selection reruns in one loop, rotation plans in
 * the other (the API's solver pool takes them in turn). Resolves `warm` once one of each is done.
 */
function startSolving({ url, accessToken, solves }) {
  const post = (path, body) =>
    json(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const stats = { selection: [], rotation: [], errors: {} };
  let stopping = false;
  let plans = 0;
  const loop = async (kind, solve) => {
    while (!stopping) {
      const startedAt = Date.now();
      try {
        await solve();
        stats[kind].push(Date.now() - startedAt);
      } catch (error) {
        const message = String(error instanceof Error ? error.message : error).slice(0, 160);
        stats.errors[message] = (stats.errors[message] ?? 0) + 1;
        await sleep(1_000);
      }
    }
  };
  const { selection, rotation } = solves;
  const loops = [
    loop('selection', () =>
      post(`/api/labs/${selection.labId}/selection-runs/${selection.runId}/rerun`, {}),
    ),
    loop('rotation', () =>
      post(`/api/labs/${rotation.labId}/sessions/${rotation.sessionId}/plans`, {
        rounds: 6,
        roomSize: 5,
        seed: `bench-${(plans += 1)}`,
      }),
    ),
  ];
  const warm = (async () => {
    const deadline = Date.now() + 180_000;
    while (stats.selection.length === 0 || stats.rotation.length === 0) {
      if (Date.now() > deadline)
        throw new Error(
          `no selection and rotation solved within 180 s: ${JSON.stringify(stats.errors)}`,
        );
      await sleep(100);
    }
  })();
  return {
    warm,
    async stop() {
      stopping = true;
      await Promise.all(loops);
      const median = (list) =>
        percentile(
          [...list].sort((a, b) => a - b),
          50,
        );
      return {
        selections: stats.selection.length,
        rotations: stats.rotation.length,
        selectionMs: round1(median(stats.selection)),
        rotationMs: round1(median(stats.rotation)),
        errors: stats.errors,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------

/**
 * Once per run: an API on the empty scratch database migrates it and seeds the demo lab;
 * the bench adds MAX_N participants and checks that they can log in. Then that API stops,
 * so every case starts a fresh one (whose RSS is then that case's alone, not the seed's).
 */
async function prepareLab({ databaseUrl, work, jwtSecret }) {
  const api = await startApi({ databaseUrl, dataDir: join(work, 'data'), jwtSecret });
  try {
    const session = await login(api.url, ORGANISER);
    const labs = await json(`${api.url}/api/labs`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    const demo = labs.find((l) => l.slug === DEMO_SLUG);
    if (!demo) throw new Error(`the demo lab "${DEMO_SLUG}" is not among the organiser's labs`);
    const workshop = labs.find((l) => l.slug === DEMO_WORKSHOP_SLUG);
    if (!workshop)
      throw new Error(`the demo lab "${DEMO_WORKSHOP_SLUG}" is not among the organiser's labs`);
    const userIds = await addParticipants(databaseUrl, [demo.id, workshop.id], MAX_N);
    // They can log in: two of them do, over HTTP, and get the claims the bench mints.
    for (const i of [1, MAX_N]) {
      const real = await login(api.url, { email: benchEmail(i), password: BENCH_PASSWORD });
      const claims = claimsOf(real.accessToken);
      const minted = claimsOf(mintAccessToken(jwtSecret, userIds[i - 1]));
      if (claims.sub !== minted.sub || claims.typ !== minted.typ || claims.adm !== minted.adm)
        throw new Error(
          `a minted token would differ from the API's: ${JSON.stringify({ claims, minted })}`,
        );
    }
    log('bench participants log in over HTTP; the tokens of the rest are minted with JWT_SECRET');
    const solves = CASES.some((c) => c.duringSolve)
      ? await prepareSolves({
          databaseUrl,
          labId: demo.id,
          workshopId: workshop.id,
          organiserId: claimsOf(session.accessToken).sub,
        })
      : null;
    return { id: demo.id, workshopId: workshop.id, userIds, solves };
  } finally {
    await api.stop();
  }
}

/**
 * One case: a fresh API and a fresh bare server, N clients on each (from the same client
 * processes), then the organiser's broadcasts to both, interleaved: both servers are
 * measured under the same background load of this shared machine.
 */
async function runCase({
  n,
  name = String(n),
  duringSolve = false,
  databaseUrl,
  work,
  jwtSecret,
  lab,
}) {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  log(`case ${name}: load average ${load}`);
  const stops = [];
  try {
    const api = await startApi({ databaseUrl, dataDir: join(work, 'data'), jwtSecret });
    stops.push(async () => {
      if (!(await api.stop().then(() => exited(api.child))))
        log(`the API did not stop: ${api.lines.slice(-5).join(' | ')}`);
    });
    const session = await login(api.url, ORGANISER);
    const auths = lab.userIds
      .slice(0, n)
      .map((userId) => ({ token: mintAccessToken(jwtSecret, userId), labId: lab.id }));
    const apiOrganiser = await organiserSocket(api.url, {
      token: session.accessToken,
      labId: lab.id,
    });
    stops.push(() => apiOrganiser.socket.disconnect());
    const from = {
      userId: apiOrganiser.snapshot.me.userId,
      displayName: apiOrganiser.snapshot.me.displayName,
    };

    const bare = await startBare(from);
    stops.push(() => bare.stop());
    const bareOrganiser = await organiserSocket(bare.url, {});
    stops.push(() => bareOrganiser.socket.disconnect());

    const workerCount = Number(env.BENCH_WORKERS ?? (n <= 500 ? 1 : 2));
    const workers = Array.from({ length: workerCount }, () => startWorker());
    stops.push(async () => {
      for (const worker of workers)
        if (!exited(worker.child) && worker.child.connected) worker.child.send({ type: 'close' });
      await Promise.all(workers.map((w) => waitForExit(w.child, 10_000)));
      await Promise.all(workers.map((w) => w.stop()));
    });
    const perProcess = Math.ceil((2 * n) / workerCount);
    const clientLimit = openFilesLimit();
    const notes = [];
    if (clientLimit !== null && perProcess + 200 > clientLimit)
      notes.push(
        `a client process may hold ${clientLimit} open files and gets ${perProcess} sockets: raise \`ulimit -n\` or BENCH_WORKERS`,
      );

    const apiConnect = await connectClients({
      workers,
      target: 'api',
      name: `API ${n}`,
      url: api.url,
      pid: api.child.pid,
      auths,
    });
    const bareConnect = await connectClients({
      workers,
      target: 'bare',
      name: `bare ${n}`,
      url: bare.url,
      pid: bare.child.pid,
      auths,
    });
    // The solving case: solves start once everyone is connected and run until the last broadcast.
    const solving = duringSolve
      ? startSolving({ url: api.url, accessToken: session.accessToken, solves: lab.solves })
      : null;
    if (solving) {
      stops.push(() => solving.stop());
      await solving.warm;
      log(`case ${name}: a selection and a rotation solved; broadcasting while they go on`);
    }
    const rounds = await broadcastRounds({
      workers,
      targets: {
        api: { organiser: apiOrganiser.socket, pid: api.child.pid, name: `API ${n}` },
        bare: { organiser: bareOrganiser.socket, pid: bare.child.pid, name: `bare ${n}` },
      },
    });

    const solved = solving ? await solving.stop() : null;
    if (solved) log(`case ${name}: solved meanwhile ${JSON.stringify(solved)}`);
    const heldOf = (connect, result) =>
      connect.failed === 0 &&
      connect.connected === n &&
      result.lost === 0 &&
      result.received === n * BROADCASTS;
    const held = heldOf(apiConnect, rounds.api);
    const bareHeld = heldOf(bareConnect, rounds.bare);
    for (const [name, connect, result, ok] of [
      ['API', apiConnect, rounds.api, held],
      ['bare', bareConnect, rounds.bare, bareHeld],
    ]) {
      log(
        `${name} ${n}: p50 ${round1(result.p50Ms)} ms, p99 ${round1(result.p99Ms)} ms (median broadcast's p99 ${round1(result.typicalP99Ms)} ms; min ${round1(result.minMs)}, max ${round1(result.maxMs)}; ack p50 ${round1(result.ackP50Ms)} ms); ` +
          `${round1(connect.kbPerConn)} KB/conn (RSS ${Math.round(connect.rssAfter / 1048576)} MB); server CPU ${round1(result.cpuMsPerBroadcast)} ms/broadcast, ${round2(connect.cpuMsPerConnect)} ms/connection`,
      );
      if (!ok)
        log(
          `${name} ${n}: NOT HELD: ${connect.failed} failed to connect ${JSON.stringify(connect.errors)}, ${result.lost} dropped later ${JSON.stringify(result.lostReasons)}, ` +
            `${n * BROADCASTS - result.received} deliveries missing, ${result.slow} broadcasts not everywhere within ${DELIVERY_TIMEOUT_MS} ms`,
        );
    }
    return {
      load,
      notes: [...notes, ...apiConnect.notes, ...bareConnect.notes],
      ok: held && bareHeld,
      line: {
        bench: 'live',
        case: name,
        clients: n,
        ...(solved ? { solved } : {}),
        p50Ms: round1(rounds.api.p50Ms),
        p99Ms: round1(rounds.api.p99Ms),
        bareP50Ms: round1(rounds.bare.p50Ms),
        bareP99Ms: round1(rounds.bare.p99Ms),
        ratio: round2(rounds.api.p99Ms / rounds.bare.p99Ms),
        typicalP99Ms: round1(rounds.api.typicalP99Ms),
        bareTypicalP99Ms: round1(rounds.bare.typicalP99Ms),
        typicalRatio: round2(rounds.api.typicalP99Ms / rounds.bare.typicalP99Ms),
        kbPerConn: round1(apiConnect.kbPerConn),
        bareKbPerConn: round1(bareConnect.kbPerConn),
        held,
        bareHeld,
        cpuMsPerBroadcast: round1(rounds.api.cpuMsPerBroadcast),
        bareCpuMsPerBroadcast: round1(rounds.bare.cpuMsPerBroadcast),
        cpuMsPerConnect: round2(apiConnect.cpuMsPerConnect),
        bareCpuMsPerConnect: round2(bareConnect.cpuMsPerConnect),
        load1: Number(load.split(' ')[0]),
      },
    };
  } finally {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Two instances on one Redis: the split and storm cases.

/** A free TCP port of 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The Redis of the two-instance cases: BENCH_REDIS_URL, else a private redis-server on a free
 * port (no persistence), so no other process on the machine reads the same stream.
 */
let benchRedis = null;
async function redisForBench() {
  if (REDIS_URL) return REDIS_URL;
  benchRedis ??= (async () => {
    const port = await freePort();
    const lines = [];
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    tail(child.stdout, lines);
    tail(child.stderr, lines);
    onCleanUp(() => stopChild(child, { signal: 'SIGTERM', ms: 5_000 }));
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start:\n${lines.join('\n')}`)),
        10_000,
      );
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(
          new Error(
            `redis-server could not be started (${error.message}): install it or set BENCH_REDIS_URL`,
          ),
        );
      });
      const check = setInterval(() => {
        if (lines.some((l) => /Ready to accept connections/.test(l))) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 50);
    });
    log(`Redis: a redis-server of the bench on port ${port}`);
    return `redis://127.0.0.1:${port}`;
  })();
  return benchRedis;
}

/** Start an API process and register its stop (logging when it would not stop). */
async function startStoppedLast(stops, options) {
  const api = await startApi(options);
  stops.push(async () => {
    if (!(await api.stop().then(() => exited(api.child))))
      log(`the API did not stop: ${api.lines.slice(-5).join(' | ')}`);
  });
  return api;
}

/** The client processes of a case, closed on the way out. */
function startWorkers(stops, count) {
  const workers = Array.from({ length: count }, () => startWorker());
  stops.push(async () => {
    for (const worker of workers)
      if (!exited(worker.child) && worker.child.connected) worker.child.send({ type: 'close' });
    await Promise.all(workers.map((w) => waitForExit(w.child, 10_000)));
    await Promise.all(workers.map((w) => w.stop()));
  });
  return workers;
}

/** Ask every worker the same question and gather the answers. */
function askWorkers(workers, message, replyType, ms = 30_000) {
  return Promise.all(
    workers.map((worker) => {
      const reply = nextMessage(
        worker,
        replyType,
        ms,
        `${message.type} ${message.target ?? ''}`,
        (m) => m.target === message.target,
      );
      worker.child.send(message);
      return reply;
    }),
  );
}

async function runInCase(name, work) {
  const stops = [];
  try {
    return await work(stops);
  } finally {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`${name}: stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/**
 * `connect-N`: what a connection costs the server, and nothing else. N clients connect to the
 * API (its CPU from before the first handshake until the presence flush after the last), are
 * dropped, and the same N connect to the bare server; BENCH_CONNECT_ROUNDS times, the targets
 * in ABBA order, each round's departures settled before the next. With BENCH_BASE_CHECKOUT (a
 * tree with a built API, e.g. /work/main) and/or BENCH_BASE_ENV (JSON of environment
 * variables; an array of them starts one API each: base, base1, …), a second API ("base") on
 * the same database takes its turn in every round too: a change's connect cost against the
 * code before it, under the same background load.
 * Figures: the median over rounds of each target's CPU ms per connect, and its ratio to bare;
 * and the same net of what the server spends idle over as long (measured for IDLE_MS first: the
 * API's pollers, which under load, when a round takes ten times as long, weigh ten times more).
 */
async function runConnectCase({ n, name, databaseUrl, work, jwtSecret, lab }) {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  log(`case ${name}: load average ${load}`);
  return runInCase(name, async (stops) => {
    const servers = {};
    const api = await startApi({ databaseUrl, dataDir: join(work, 'data'), jwtSecret });
    stops.push(() => api.stop());
    servers.api = { url: api.url, pid: api.child.pid };
    for (const [i, variant] of CONNECT_BASES.entries()) {
      const base = await startApi({
        databaseUrl,
        dataDir: join(work, `data-base${i}`),
        jwtSecret,
        checkout: variant.checkout,
        env: variant.env,
      });
      stops.push(() => base.stop());
      servers[i === 0 ? 'base' : `base${i}`] = { url: base.url, pid: base.child.pid };
    }
    const bare = await startBare({ userId: lab.userIds[0], displayName: 'Bench Participant 1' });
    stops.push(() => bare.stop());
    servers.bare = { url: bare.url, pid: bare.child.pid };

    const workers = Array.from({ length: Number(env.BENCH_WORKERS ?? (n <= 500 ? 1 : 2)) }, () =>
      startWorker(),
    );
    stops.push(async () => {
      for (const worker of workers)
        if (!exited(worker.child) && worker.child.connected) worker.child.send({ type: 'close' });
      await Promise.all(workers.map((w) => waitForExit(w.child, 10_000)));
      await Promise.all(workers.map((w) => w.stop()));
    });
    const auths = lab.userIds
      .slice(0, n)
      .map((userId) => ({ token: mintAccessToken(jwtSecret, userId), labId: lab.id }));
    const order = Object.keys(servers);
    // What each server spends doing nothing (the API's pollers: round and pitch timers, the
    // outbox…), per second, to tell apart from what connecting costs.
    const idleBefore = Object.fromEntries(order.map((t) => [t, cpuOf(servers[t].pid)]));
    await sleep(IDLE_MS);
    const idleMsPerS = Object.fromEntries(
      order.map((t) => [t, ((cpuOf(servers[t].pid) - idleBefore[t]) * 1e6) / IDLE_MS]),
    );
    const perConnect = Object.fromEntries(order.map((t) => [t, []]));
    const netPerConnect = Object.fromEntries(order.map((t) => [t, []]));
    const connectMs = Object.fromEntries(order.map((t) => [t, []]));
    let failed = 0;
    for (let round = 0; round < CONNECT_ROUNDS; round++) {
      for (let j = 0; j < order.length; j++) {
        const target = round % 2 === 0 ? order[j] : order[order.length - 1 - j];
        const tag = `${target}-${round}`;
        const result = await connectClients({
          workers,
          target: tag,
          name: `${name} ${tag}`,
          url: servers[target].url,
          pid: servers[target].pid,
          auths,
          settleMs: CONNECT_SETTLE_MS,
        });
        failed += result.failed;
        perConnect[target].push(result.cpuMsPerConnect);
        netPerConnect[target].push(
          result.cpuMsPerConnect -
            (idleMsPerS[target] * (result.connectMs + CONNECT_SETTLE_MS)) / 1000 / n,
        );
        connectMs[target].push(result.connectMs);
        await Promise.all(
          workers.map((worker) => {
            const reply = nextMessage(
              worker,
              'dropped',
              30_000,
              `${tag} drop`,
              (m) => m.target === tag,
            );
            worker.child.send({ type: 'drop', target: tag });
            return reply;
          }),
        );
        // The departures (and their presence flush) are over before anyone connects again.
        await sleep(1500);
      }
    }
    const median = (list) =>
      percentile(
        [...list].sort((a, b) => a - b),
        50,
      );
    const cpu = Object.fromEntries(order.map((t) => [t, median(perConnect[t])]));
    const net = Object.fromEntries(order.map((t) => [t, median(netPerConnect[t])]));
    const line = {
      bench: 'live',
      case: name,
      clients: n,
      rounds: CONNECT_ROUNDS,
      cpuMsPerConnect: round2(cpu.api),
      bareCpuMsPerConnect: round2(cpu.bare),
      ratio: round2(cpu.api / cpu.bare),
      netCpuMsPerConnect: round2(net.api),
      bareNetCpuMsPerConnect: round2(net.bare),
      netRatio: round2(net.api / net.bare),
      idleCpuMsPerS: Object.fromEntries(order.map((t) => [t, round2(idleMsPerS[t])])),
      ...(servers.base
        ? {
            baseCpuMsPerConnect: round2(cpu.base),
            baseRatio: round2(cpu.base / cpu.bare),
            baseNetCpuMsPerConnect: round2(net.base),
          }
        : {}),
      ...Object.fromEntries(
        order
          .filter((t) => /^base\d+$/.test(t))
          .map((t) => [`${t}CpuMsPerConnect`, round2(cpu[t])]),
      ),
      each: Object.fromEntries(order.map((t) => [t, perConnect[t].map(round2)])),
      connectMs: Object.fromEntries(order.map((t) => [t, median(connectMs[t])])),
      held: failed === 0,
      load1: Number(load.split(' ')[0]),
    };
    log(
      `${name}: CPU ms per connect, median of ${CONNECT_ROUNDS} rounds: ` +
        order
          .map((t) => `${t} ${round2(cpu[t])} (${perConnect[t].map(round2).join(', ')})`)
          .join('; '),
    );
    return { load, notes: [], ok: line.held, line };
  });
}

/**
 * `split-N`: two API instances on one Redis (A and B), N clients split between them (the
 * i-th to A when i is even), the organiser on A; and one instance without Redis with the same
 * N clients, as the yardstick. The organiser's broadcasts alternate between the pair and the
 * single instance (ABBA), as in the plain cases.
 */
async function runSplitCase({ n, name, databaseUrl, work, jwtSecret, lab }) {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  log(`case ${name}: load average ${load}`);
  const redisUrl = await redisForBench();
  return runInCase(name, async (stops) => {
    const dataDir = join(work, 'data');
    const [a, b, single] = [
      await startStoppedLast(stops, { databaseUrl, dataDir, jwtSecret, redisUrl }),
      await startStoppedLast(stops, { databaseUrl, dataDir, jwtSecret, redisUrl }),
      await startStoppedLast(stops, { databaseUrl, dataDir, jwtSecret }),
    ];
    const session = await login(a.url, ORGANISER);
    const organiserAuth = { token: session.accessToken, labId: lab.id };
    const onA = await organiserSocket(a.url, organiserAuth);
    stops.push(() => onA.socket.disconnect());
    const onSingle = await organiserSocket(single.url, organiserAuth);
    stops.push(() => onSingle.socket.disconnect());
    const workers = startWorkers(stops, Number(env.BENCH_WORKERS ?? 2));
    const auths = lab.userIds
      .slice(0, n)
      .map((userId) => ({ token: mintAccessToken(jwtSecret, userId), labId: lab.id }));
    const pair = [a.child.pid, b.child.pid];
    const splitConnect = await connectClients({
      workers,
      target: 'split',
      name: `${name} (A+B)`,
      url: a.url,
      urls: [a.url, b.url],
      pid: pair,
      auths,
    });
    const singleConnect = await connectClients({
      workers,
      target: 'single',
      name: `${name} (single)`,
      url: single.url,
      pid: single.child.pid,
      auths,
    });
    const rounds = await broadcastRounds({
      workers,
      targets: {
        split: { organiser: onA.socket, pid: pair, name: `${name} (A+B)` },
        single: { organiser: onSingle.socket, pid: single.child.pid, name: `${name} (single)` },
      },
    });
    const heldOf = (connect, result) =>
      connect.failed === 0 &&
      connect.connected === n &&
      result.lost === 0 &&
      result.received === n * BROADCASTS;
    const held = heldOf(splitConnect, rounds.split);
    const singleHeld = heldOf(singleConnect, rounds.single);
    for (const [label, result] of [
      ['A+B', rounds.split],
      ['single', rounds.single],
    ])
      log(
        `${name} ${label}: p50 ${round1(result.p50Ms)} ms, p99 ${round1(result.p99Ms)} ms (median broadcast's p99 ${round1(result.typicalP99Ms)} ms); server CPU ${round1(result.cpuMsPerBroadcast)} ms/broadcast`,
      );
    return {
      load,
      notes: [...splitConnect.notes, ...singleConnect.notes],
      ok: held && singleHeld,
      line: {
        bench: 'live',
        case: name,
        clients: n,
        p50Ms: round1(rounds.split.p50Ms),
        p99Ms: round1(rounds.split.p99Ms),
        singleP50Ms: round1(rounds.single.p50Ms),
        singleP99Ms: round1(rounds.single.p99Ms),
        ratio: round2(rounds.split.p99Ms / rounds.single.p99Ms),
        typicalP99Ms: round1(rounds.split.typicalP99Ms),
        singleTypicalP99Ms: round1(rounds.single.typicalP99Ms),
        typicalRatio: round2(rounds.split.typicalP99Ms / rounds.single.typicalP99Ms),
        cpuMsPerBroadcast: round1(rounds.split.cpuMsPerBroadcast),
        singleCpuMsPerBroadcast: round1(rounds.single.cpuMsPerBroadcast),
        cpuMsPerConnect: round2(splitConnect.cpuMsPerConnect),
        singleCpuMsPerConnect: round2(singleConnect.cpuMsPerConnect),
        held,
        singleHeld,
        load1: Number(load.split(' ')[0]),
      },
    };
  });
}

/**
 * Seat the first N bench participants, five to a room, in a planned round of the workshop lab
 * (bulk SQL; any round still open from an earlier case is closed first). Returns its id.
 */
async function seatRound(databaseUrl, labId, userIds) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(
      `UPDATE breakout_rounds SET state = 'closed', ends_at = now()
        WHERE state = 'open' AND session_id IN (SELECT id FROM agenda_sessions WHERE lab_id = $1)`,
      [labId],
    );
    const { rows } = await db.query(
      `SELECT r.id FROM breakout_rounds r JOIN agenda_sessions s ON s.id = r.session_id
        WHERE s.lab_id = $1 AND r.state = 'planned' AND r.mode = 'assigned'
        ORDER BY s.starts_at, r.index LIMIT 1`,
      [labId],
    );
    if (rows.length === 0) throw new Error('the workshop lab has no planned round left');
    const roundId = rows[0].id;
    await db.query('DELETE FROM breakout_rooms WHERE round_id = $1', [roundId]);
    await db.query(
      `INSERT INTO breakout_rooms (round_id, position, name)
         SELECT $1, k, 'Bench room ' || k FROM generate_series(1, $2) AS k`,
      [roundId, Math.ceil(userIds.length / 5)],
    );
    await db.query(
      `INSERT INTO breakout_assignments (round_id, room_id, user_id)
         SELECT $1, room.id, seat.user_id
           FROM unnest($2::uuid[]) WITH ORDINALITY AS seat(user_id, i)
           JOIN breakout_rooms room ON room.round_id = $1 AND room.position = (seat.i - 1) / 5 + 1`,
      [roundId, userIds],
    );
    await db.query('COMMIT');
    return roundId;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

/** Poll until `check` is true (or fail after `ms`). */
async function until(what, ms, check) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(250);
  }
}

/**
 * `storm-N`: two API instances on one Redis (A and B); N participants connect to B and a round
 * seating them five to a room opens (from the organiser, on A); N fresh connections of the same
 * people to A are timed (as fast as they go) and dropped; then B is stopped gracefully (SIGTERM)
 * and every client reconnects to A the moment its connection closes, with its Socket.IO session,
 * as the web client does. ms99 / ms100: from the signal until 99 % / all of them have a snapshot
 * from A; wrongRoom: snapshots naming another room than the one the client was in.
 */
async function runStormCase({ n, name, databaseUrl, work, jwtSecret, lab }) {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  log(`case ${name}: load average ${load}`);
  const redisUrl = await redisForBench();
  return runInCase(name, async (stops) => {
    const dataDir = join(work, 'data');
    const a = await startStoppedLast(stops, { databaseUrl, dataDir, jwtSecret, redisUrl });
    const b = await startStoppedLast(stops, { databaseUrl, dataDir, jwtSecret, redisUrl });
    const people = lab.userIds.slice(0, n);
    const roundId = await seatRound(databaseUrl, lab.workshopId, people);
    const session = await login(a.url, ORGANISER);
    const organiser = await organiserSocket(a.url, {
      token: session.accessToken,
      labId: lab.workshopId,
    });
    stops.push(() => organiser.socket.disconnect());
    const workers = startWorkers(stops, Number(env.BENCH_WORKERS ?? (n <= 500 ? 1 : 2)));
    const auths = people.map((userId) => ({
      token: mintAccessToken(jwtSecret, userId),
      labId: lab.workshopId,
    }));
    const onB = await connectClients({
      workers,
      target: 'storm',
      name: `${name} on B`,
      url: b.url,
      pid: b.child.pid,
      auths,
    });
    if (onB.connected !== n) throw new Error(`${name}: only ${onB.connected} of ${n} reached B`);

    const openedAt = nowNs();
    const opened = await new Promise((resolve) =>
      organiser.socket
        .timeout(60_000)
        .emit(
          'round:open',
          { roundId, durationSeconds: 3600, confirmOtherDay: true },
          (error, answer) => resolve(error ? { ok: false, code: 'ACK_TIMEOUT' } : answer),
        ),
    );
    if (!opened.ok) throw new Error(`${name}: round:open refused: ${JSON.stringify(opened)}`);
    const seatedCount = async () =>
      (await askWorkers(workers, { type: 'seated', target: 'storm' }, 'seated')).reduce(
        (sum, r) => sum + r.seated,
        0,
      );
    await until(
      `${name}: every client told its room`,
      60_000,
      async () => (await seatedCount()) === n,
    );
    log(
      `${name}: round open, ${opened.rooms} rooms, every client told its room within ${round1(Number(nowNs() - openedAt) / 1e6)} ms`,
    );

    // The yardstick: N fresh connections to A, as fast as A takes them, then dropped again.
    const fresh = await connectClients({
      workers,
      target: 'fresh',
      name: `${name} fresh on A`,
      url: a.url,
      pid: a.child.pid,
      auths,
      rate: null,
    });
    await askWorkers(workers, { type: 'drop', target: 'fresh' }, 'dropped');
    await sleep(2_000);

    await askWorkers(workers, { type: 'failover', target: 'storm', url: a.url }, 'armed');
    const cpuBefore = cpuOf(a.child.pid);
    const stoppedAt = nowNs();
    const bStopped = stopChild(b.child, { signal: 'SIGTERM', ms: 30_000 }).then((clean) => ({
      clean,
      ms: Number(nowNs() - stoppedAt) / 1e6,
    }));
    let reports = [];
    const back = async () => {
      reports = await askWorkers(
        workers,
        { type: 'failover-report', target: 'storm' },
        'failover-report',
      );
      return reports.reduce((sum, r) => sum + r.backs.length, 0) === n;
    };
    await until(`${name}: every client back on A`, STORM_TIMEOUT_MS, back).catch((error) =>
      log(error.message),
    );
    const cpuAfter = cpuOf(a.child.pid);
    const bExit = await bStopped;
    const times = reports
      .flatMap((r) => r.backs)
      .map((at) => (at - Number(stoppedAt)) / 1e6)
      .sort((x, y) => x - y);
    const sum = (key) => reports.reduce((total, r) => total + r[key], 0);
    const gones = reports
      .flatMap((r) => r.gones)
      .map((at) => (at - Number(stoppedAt)) / 1e6)
      .sort((x, y) => x - y);
    const reasons = {};
    for (const r of reports)
      for (const [k, v] of Object.entries(r.reasons)) reasons[k] = (reasons[k] ?? 0) + v;
    log(
      `${name}: connections closed from ${round1(gones[0])} to ${round1(gones.at(-1))} ms after the signal (${JSON.stringify(reasons)}); ` +
        `back from ${round1(times[0])} ms, half by ${round1(percentile(times, 50))} ms`,
    );
    const ms99 = times.length >= Math.ceil(0.99 * n) ? times[Math.ceil(0.99 * n) - 1] : null;
    const ms100 = times.length === n ? times[times.length - 1] : null;
    const line = {
      bench: 'live',
      case: name,
      clients: n,
      ms99: round1(ms99),
      ms100: round1(ms100),
      freshMs: fresh.connectMs,
      stormRatio: ms99 === null ? null : round2(ms99 / fresh.connectMs),
      wrongRoom: sum('wrongRoom'),
      back: times.length,
      recovered: sum('recovered'),
      told: sum('told'),
      retries: sum('retries'),
      cpuMsPerReconnect:
        cpuBefore === null || cpuAfter === null
          ? null
          : round2(((cpuAfter - cpuBefore) * 1000) / n),
      freshCpuMsPerConnect: round2(fresh.cpuMsPerConnect),
      bStopMs: Math.round(bExit.ms),
      bStoppedCleanly: bExit.clean,
      held: times.length === n && sum('wrongRoom') === 0,
      load1: Number(load.split(' ')[0]),
    };
    log(
      `${name}: ${line.back} of ${n} back on A (${line.recovered} recovered, ${line.told} told to move), 99 % after ${line.ms99} ms, all after ${line.ms100} ms; ` +
        `${n} fresh connects took ${line.freshMs} ms; wrong room ${line.wrongRoom}; A's CPU ${line.cpuMsPerReconnect} ms per reconnect (${line.freshCpuMsPerConnect} per fresh connect); B stopped in ${line.bStopMs} ms`,
    );
    return { load, notes: [], ok: line.held, line };
  });
}

async function main() {
  const startedAt = Date.now();
  buildIfNeeded(['api'], log);
  const work = tempDir('ideas-lab-bench-live-');
  const database = await scratchDatabase({
    prefix: 'bench_live',
    work,
    postgresLog: () => undefined,
  });
  const databaseUrl = database.url;
  log(
    `PostgreSQL: ${database.kind}; database ${database.name}; cases ${CASES.map((c) => c.name).join(', ')}; ${WARMUP_BROADCASTS}+${BROADCASTS} broadcasts each; ` +
      `${CONNECT_RATE} connections/s; open files limit ${openFilesLimit()}`,
  );

  const jwtSecret = randomBytes(48).toString('base64url');
  const lab = await prepareLab({ databaseUrl, work, jwtSecret });
  const results = [];
  const runners = {
    single: runCase,
    split: runSplitCase,
    storm: runStormCase,
    connect: runConnectCase,
  };
  for (const { kind, n, name, duringSolve } of CASES) {
    try {
      results.push({
        kind,
        ...(await runners[kind]({ n, name, duringSolve, databaseUrl, work, jwtSecret, lab })),
      });
    } catch (error) {
      // One case failing (say 5,000 clients that cannot be held) still reports the others.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`case ${name} failed: ${message}`);
      results.push({
        kind,
        load: loadavg()[0].toFixed(2),
        notes: [`case ${name} failed: ${message.split('\n')[0]}`],
        ok: false,
        line: {
          bench: 'live',
          case: name,
          clients: n,
          held: false,
          error: message.split('\n')[0],
        },
      });
    }
  }
  await cleanUp();

  const row = (cells) =>
    cells
      .map((c, i) =>
        String(c ?? 'n/a')
          .padStart(i === 0 ? 0 : 9)
          .padEnd(i === 0 ? 17 : 9),
      )
      .join(' ');
  /**
   * One table: its title, a heading row, and a row per case: the case, the line's figures
   * under `columns` ([heading, key of the JSON line]) and the load average at the case's start.
   */
  const table = (title, first, columns, cases) => [
    '',
    title,
    row([first, ...columns.map(([heading]) => heading), 'load1']),
    ...cases.map((r) =>
      row([r.line.case, ...columns.map(([, key]) => r.line[key]), r.load.split(' ')[0]]),
    ),
  ];
  const single = results.filter((r) => r.kind === 'single');
  const split = results.filter((r) => r.kind === 'split');
  const storm = results.filter((r) => r.kind === 'storm');
  const connects = results.filter((r) => r.kind === 'connect');
  const lines = [];
  if (single.length > 0)
    lines.push(
      ...table(
        `Live broadcast fan-out (/live, websocket, one API instance vs a bare Socket.IO server; ${BROADCASTS} broadcasts per case after ${WARMUP_BROADCASTS} warm-up; latency = organiser send → client handler, one monotonic clock)`,
        'clients',
        [
          ['p50 ms', 'p50Ms'],
          ['p99 ms', 'p99Ms'],
          ['bare p50', 'bareP50Ms'],
          ['bare p99', 'bareP99Ms'],
          ['ratio', 'ratio'],
          ['typ. p99', 'typicalP99Ms'],
          ['bare typ', 'bareTypicalP99Ms'],
          ['typ. ratio', 'typicalRatio'],
          ['KB/conn', 'kbPerConn'],
          ['bare KB', 'bareKbPerConn'],
          ['CPU ms/b', 'cpuMsPerBroadcast'],
          ['bare CPU', 'bareCpuMsPerBroadcast'],
          ['held', 'held'],
        ],
        single,
      ),
      "Goals: ratio ≤ 1.2 at 1000 clients, ≤ 1.5 at 1000 during solves; 5000 clients held. typ. p99: median over broadcasts of each one's p99 (steadier than the p99 over all deliveries, which one slow broadcast sets). CPU ms/b: server CPU per broadcast (Linux /proc). load1: 1-minute load average at the start of the case.",
    );
  const at1000 = single.find((r) => r.line.case === '1000');
  if (at1000)
    lines.push(
      `ratio at 1000: ${at1000.line.ratio} (${at1000.line.ratio <= 1.2 ? 'met' : 'NOT met'})`,
    );
  const at5000 = single.find((r) => r.line.case === '5000');
  if (at5000) lines.push(`5000 held: ${at5000.line.held}`);
  for (const r of single.filter((r) => r.line.solved)) {
    const { selections, rotations, selectionMs, rotationMs } = r.line.solved;
    lines.push(
      `ratio at ${r.line.case}: ${r.line.ratio} (${r.line.ratio <= 1.5 ? 'met' : 'NOT met'}); meanwhile ${selections} selections of ${SOLVE_CAPACITY} from ${SOLVE_APPLICANTS} (median ${selectionMs} ms) and ${rotations} rotations of ${ROTATION_PEOPLE} (median ${rotationMs} ms)`,
    );
  }
  if (split.length > 0)
    lines.push(
      ...table(
        'Two API instances on one Redis, clients split half and half, organiser on A; against one instance without Redis, the same clients, broadcasts interleaved ABBA',
        'case',
        [
          ['p50 ms', 'p50Ms'],
          ['p99 ms', 'p99Ms'],
          ['single p50', 'singleP50Ms'],
          ['single p99', 'singleP99Ms'],
          ['ratio', 'ratio'],
          ['typ. p99', 'typicalP99Ms'],
          ['single typ', 'singleTypicalP99Ms'],
          ['CPU ms/b', 'cpuMsPerBroadcast'],
          ['single CPU', 'singleCpuMsPerBroadcast'],
          ['held', 'held'],
        ],
        split,
      ),
      'Goal: ratio ≤ 1.2 (split-1000). CPU ms/b: both instances together.',
    );
  if (storm.length > 0)
    lines.push(
      ...table(
        'An instance stopped gracefully (SIGTERM) during an open round: its clients reconnect to the other; ms from the signal until each has a snapshot from it',
        'case',
        [
          ['ms99', 'ms99'],
          ['ms100', 'ms100'],
          ['fresh ms', 'freshMs'],
          ['ratio', 'stormRatio'],
          ['wrong', 'wrongRoom'],
          ['back', 'back'],
          ['recovered', 'recovered'],
          ['CPU/recon', 'cpuMsPerReconnect'],
          ['CPU/fresh', 'freshCpuMsPerConnect'],
          ['B stop ms', 'bStopMs'],
        ],
        storm,
      ),
      "Goals: ratio (ms99 / fresh ms: the same number of fresh connects to the survivor, as fast as they go) ≤ 1.5 and 0 wrong rooms at 1000; at 3000 every client back in its room. CPU/recon, CPU/fresh: the survivor's CPU ms per reconnect and per fresh connect.",
    );
  if (connects.length > 0)
    lines.push(
      ...table(
        `Server CPU per connection (handshake, channels, snapshot, presence): N clients connect, are dropped, and again, ${CONNECT_ROUNDS} rounds per target in ABBA order; medians. net: less what the server spends idle over as long (the API's pollers)`,
        'case',
        [
          ['API ms', 'cpuMsPerConnect'],
          ['bare ms', 'bareCpuMsPerConnect'],
          ['ratio', 'ratio'],
          ['API net', 'netCpuMsPerConnect'],
          ['bare net', 'bareNetCpuMsPerConnect'],
          ['net ratio', 'netRatio'],
          ['base ms', 'baseCpuMsPerConnect'],
          ['base net', 'baseNetCpuMsPerConnect'],
          ['held', 'held'],
        ],
        connects,
      ),
    );
  for (const r of results) for (const note of r.notes) lines.push(`note: ${note}`);
  lines.push(
    `(${Math.round((Date.now() - startedAt) / 1000)} s in all; load average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const r of results) process.stdout.write(`${JSON.stringify(r.line)}\n`);
  return results.every((r) => r.ok);
}

main().then(
  (ok) => {
    if (!ok) log('failed: a case failed or did not hold its clients (see above)');
    process.exit(ok ? 0 : 1);
  },
  async (error) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanUp();
    process.exit(1);
  },
);
