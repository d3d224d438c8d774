/**
 * Voting benchmark: `npm run bench:voting`. Nothing to set up by hand.
 *
 * The built API (a child process) on a fresh database seeded with the demo labs; the bench
 * adds VOTERS participants to the demo workshop lab in bulk SQL (their access tokens minted
 * with the JWT_SECRET it hands the API, as the API signs them), posts a dozen ideas, then for
 * each case opens a voting session (10 dots, at most 3 per idea, not blind) and lets N voters
 * click as fast as they can for BENCH_DURATION s (10): each voter is one tab that places a
 * dot on a random idea while it has dots left and under the cap there, else takes one back,
 * waiting for each answer before the next click. Afterwards the session is closed and the
 * database is checked: a voter over the budget, a ballot whose count disagrees with the dots
 * placed, or an idea over the cap is a budget violation (must be 0).
 *
 * Figures: votes accepted per second (dots placed or taken back, answered 200), p99 ms of
 * every click, refused clicks, budget violations. Cases "30" and "300" (BENCH_CASES=30 for
 * one). Prints a table, then one JSON line per case: {"bench":"voting","case":"30",...}.
 */
import 'reflect-metadata';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { printBenchResults } from './support/bench-lab.js';

/** The plain-JavaScript helpers the other benches share (untyped .mjs modules). */
type Fn = (...args: never[]) => unknown;
const load = (path: string) => import(path) as Promise<Record<string, Fn>>;
const [{ buildIfNeeded }, { scratchDatabase }, http, processes, run] = await Promise.all([
  load('../../scripts/build-if-needed.mjs'),
  load('./support/database.mjs'),
  load('./support/http.mjs'),
  load('./support/processes.mjs'),
  load('./support/run.mjs'),
]);
const json = http.json as (url: string, init?: RequestInit) => Promise<unknown>;
const login = http.login as (url: string, credentials: object) => Promise<unknown>;
const startBuiltApi = processes.startBuiltApi as (options: object) => Promise<{
  url: string;
  child: unknown;
}>;
const stopChild = processes.stopChild as (child: unknown) => Promise<boolean>;
const cleanUp = run.cleanUp as () => Promise<void>;
const log = run.log as (message: string) => void;
const startBenchRun = run.startBenchRun as (name: string, options: object) => void;
const tempDir = run.tempDir as (prefix: string) => string;

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 600);
const CASES = (process.env.BENCH_CASES ?? '30,300').split(',').map((c) => Number(c.trim()));
const MAX_N = Math.max(...CASES);
const BUDGET = 10;
const CAP = 3;
const IDEAS = 12;
const ORGANISER = { email: 'organiser@ideas-lab.test', password: 'ideas-lab-demo' };
const DEMO_WORKSHOP_SLUG = 'cancer-digital-twin-workshop';

startBenchRun('bench:voting', { timeoutS: TIMEOUT_S });

/** An HS256 access token as TokensService signs it: { sub, adm, typ: 'access', iat, exp }. */
function mintAccessToken(secret: string, userId: string, ttlSeconds = 3600): string {
  const iat = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: userId, adm: false, typ: 'access', iat, exp: iat + ttlSeconds })}`;
  return `${body}.${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('base64url')}`;
}

async function addVoters(db: pg.Client, labId: string, count: number): Promise<string[]> {
  await db.query(
    `INSERT INTO users (email, display_name, password_hash)
       SELECT 'bench-voter-' || lpad(i::text, 5, '0') || '@bench.test', 'Bench Voter ' || i, 'not-a-hash'
         FROM generate_series(1, $1) AS i
     ON CONFLICT (email) DO NOTHING`,
    [count],
  );
  await db.query(
    `INSERT INTO lab_memberships (lab_id, user_id, role)
       SELECT $1, id, 'participant' FROM users WHERE email LIKE 'bench-voter-%@bench.test'
     ON CONFLICT (lab_id, user_id, role) DO NOTHING`,
    [labId],
  );
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE email LIKE 'bench-voter-%@bench.test' ORDER BY email LIMIT $1`,
    [count],
  );
  return rows.map((r) => r.id);
}

interface CaseResult {
  n: number;
  accepted: number;
  refused: number;
  failed: number;
  p99Ms: number;
  violations: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One tab of one voter, clicking until `until`. */
async function voter(
  url: string,
  token: string,
  ideaIds: string[],
  until: number,
  latencies: number[],
  counts: { accepted: number; refused: number; failed: number },
): Promise<void> {
  const mine = new Map<string, number>();
  let left = BUDGET;
  while (performance.now() < until) {
    const placeable = ideaIds.filter((id) => (mine.get(id) ?? 0) < CAP);
    const placed = ideaIds.filter((id) => (mine.get(id) ?? 0) > 0);
    const add = left > 0 && placeable.length > 0;
    const pool = add ? placeable : placed;
    const ideaId = pool[Math.floor(Math.random() * pool.length)];
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ideaId, delta: add ? 1 : -1 }),
    });
    const body = (await res.json()) as {
      dotsLeft?: number;
      dots?: { ideaId: string; dots: number }[];
    };
    latencies.push(performance.now() - started);
    if (res.status === 200) {
      counts.accepted += 1;
      left = body.dotsLeft ?? left;
      mine.clear();
      for (const d of body.dots ?? []) mine.set(d.ideaId, d.dots);
    } else if (res.status === 409) counts.refused += 1;
    else counts.failed += 1;
  }
}

async function runCase(opts: {
  n: number;
  apiUrl: string;
  labId: string;
  organiserToken: string;
  tokens: string[];
  ideaIds: string[];
  db: pg.Client;
}): Promise<CaseResult> {
  const { n, apiUrl, labId, organiserToken, tokens, ideaIds, db } = opts;
  const session = (await json(`${apiUrl}/api/labs/${labId}/voting-sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${organiserToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: `bench ${n}`,
      dotBudget: BUDGET,
      perIdeaCap: CAP,
      blind: false,
      durationSeconds: DURATION_S + 120,
    }),
  })) as { id: string };
  const url = `${apiUrl}/api/labs/${labId}/voting-sessions/${session.id}/dots`;
  const latencies: number[] = [];
  const counts = { accepted: 0, refused: 0, failed: 0 };
  const until = performance.now() + DURATION_S * 1000;
  log(`case ${n}: ${n} voters clicking for ${DURATION_S} s`);
  await Promise.all(
    tokens.slice(0, n).map((token) => voter(url, token, ideaIds, until, latencies, counts)),
  );
  await json(`${apiUrl}/api/labs/${labId}/voting-sessions/${session.id}/close`, {
    method: 'POST',
    headers: { authorization: `Bearer ${organiserToken}` },
  });
  const { rows } = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM voting_ballots b
              WHERE b.session_id = $1
                AND (b.dots_used > $2 OR b.dots_used <> (SELECT COALESCE(sum(d.dots), 0) FROM voting_dots d
                                                          WHERE d.session_id = b.session_id AND d.voter_id = b.voter_id)))
          + (SELECT count(*) FROM voting_dots WHERE session_id = $1 AND dots > $3) AS n`,
    [session.id, BUDGET, CAP],
  );
  latencies.sort((a, b) => a - b);
  return {
    n,
    ...counts,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    violations: Number(rows[0].n),
  };
}

async function main(): Promise<void> {
  (buildIfNeeded as (what: string[]) => void)(['api']);
  const work = tempDir('ideas-lab-bench-voting-');
  const database = (await (scratchDatabase as (o: object) => Promise<unknown>)({
    prefix: 'bench_voting',
    work,
  })) as { kind: string; name: string; url: string };
  log(`PostgreSQL: ${database.kind}; database ${database.name}`);
  const jwtSecret = randomBytes(32).toString('hex');
  const api = await startBuiltApi({
    databaseUrl: database.url,
    dataDir: join(work, 'data'),
    poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    env: { JWT_SECRET: jwtSecret },
  });
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    const organiser = (await login(api.url, ORGANISER)) as { accessToken: string };
    const labs = (await json(`${api.url}/api/labs`, {
      headers: { authorization: `Bearer ${organiser.accessToken}` },
    })) as { id: string; slug: string }[];
    const lab = labs.find((l) => l.slug === DEMO_WORKSHOP_SLUG);
    if (!lab)
      throw new Error(`the demo lab "${DEMO_WORKSHOP_SLUG}" is not among the organiser's labs`);
    const userIds = await addVoters(db, lab.id, MAX_N);
    const tokens = userIds.map((id) => mintAccessToken(jwtSecret, id));
    const ideaIds: string[] = [];
    for (let i = 0; i < IDEAS; i++) {
      const idea = (await json(`${api.url}/api/labs/${lab.id}/ideas`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: `Bench idea ${i + 1}`,
          summary: 'An idea to vote on.',
          challengeArea: 'Bench',
        }),
      }).catch(async () =>
        // The demo board may hold ideas to its challenge areas: take the first of them.
        json(`${api.url}/api/labs/${lab.id}/ideas`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            title: `Bench idea ${i + 1}`,
            summary: 'An idea to vote on.',
            challengeArea: (
              (await json(`${api.url}/api/labs/${lab.id}/idea-board`, {
                headers: { authorization: `Bearer ${tokens[i]}` },
              })) as { challengeAreas: string[] }
            ).challengeAreas[0],
          }),
        }),
      )) as { id: string };
      ideaIds.push(idea.id);
    }
    const results: CaseResult[] = [];
    for (const n of CASES) {
      const result = await runCase({
        n,
        apiUrl: api.url,
        labId: lab.id,
        organiserToken: organiser.accessToken,
        tokens,
        ideaIds,
        db,
      });
      log(
        `case ${n}: ${Math.round(result.accepted / DURATION_S)} votes/s, p99 ${result.p99Ms} ms, ${result.violations} violations`,
      );
      results.push(result);
    }
    printBenchResults({
      preface: `bench:voting — ${DURATION_S} s per case, ${BUDGET} dots each, at most ${CAP} per idea, ${IDEAS} ideas, one API instance`,
      header: ['case', 'votes/s', 'p99 ms', 'refused', 'errors', 'budget violations'],
      rows: results.map((r) => [
        String(r.n),
        String(Math.round(r.accepted / DURATION_S)),
        String(r.p99Ms),
        String(r.refused),
        String(r.failed),
        String(r.violations),
      ]),
      lines: results.map((r) => ({
        bench: 'voting',
        case: String(r.n),
        voters: r.n,
        durationS: DURATION_S,
        votesPerSecond: Math.round(r.accepted / DURATION_S),
        acceptedVotes: r.accepted,
        refusedClicks: r.refused,
        errors: r.failed,
        p99Ms: r.p99Ms,
        budgetViolations: r.violations,
      })),
    });
  } finally {
    await db.end();
    await stopChild(api.child);
  }
}

main()
  .then(() => cleanUp())
  .catch(async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exitCode = 1;
  });
