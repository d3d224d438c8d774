/**
 * Web client benchmark: `npm run bench:web`. Nothing to set up by hand.
 *
 * Lighthouse 12.2.3 (the last release that runs on Node 20), its default mobile preset (a
 * mid-range phone on slow 4G, simulated), performance and accessibility, against the built
 * API serving the built web client (a child process, `node dist/apps/api/src/main.js`) on a
 * fresh database seeded with the demo lab, in Debian's Chromium (`CHROME_PATH`, default
 * /usr/bin/chromium, `--headless=new --no-sandbox`).
 *
 * Cases: `home` (/), `login` (/login), `call` (the demo lab's public call page) and
 * `applications` (the organiser's applications table of the demo lab, 130 rows: signed in
 * through the API in the browser before the run, the HTTP cache cleared by hand since the
 * storage reset is off for it).
 *
 * Each case runs BENCH_RUNS times (3); the run with the median performance score is reported.
 * Keys: performance and accessibility (0–100), lcpMs and tbtMs (simulated), fcpMs, and
 * initialJsKb: the compressed bytes (transfer size) of the JavaScript requested before the
 * first contentful paint, as observed in the unthrottled load; jsKb is all the JavaScript of
 * the load. Goal: performance ≥ 95 and accessibility 100 everywhere, initialJsKb ≤ 100 on
 * /login. BENCH_CASES=login,call runs some cases only; BENCH_REPORTS=<folder> keeps each
 * run's Lighthouse report there (<case>-<run>.json, to open in the Lighthouse viewer). The
 * whole run is bounded by BENCH_TIMEOUT_S (900).
 *
 * Prints a table (with the load average: other work on the machine slows the page's CPU
 * tasks, and Lighthouse's simulation multiplies them), then one JSON line per case.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { buildIfNeeded } from '../../scripts/build-if-needed.mjs';
import { scratchDatabase } from './support/database.mjs';
import { json, login } from './support/http.mjs';
import { root, startBuiltApi, stopChild, tail } from './support/processes.mjs';
import { cleanUp, log, onCleanUp, sleep, startBenchRun, tempDir } from './support/run.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900);
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const REPORTS = process.env.BENCH_REPORTS;
const ORGANISER = { email: 'organiser@ideas-lab.test', password: 'ideas-lab-demo' };
const DEMO_SLUG = 'cancer-digital-twin';
/** The client's mark that this browser has a session (apps/web/src/api/client.ts). */
const SESSION_KEY = 'ideas-lab.session';
const ALL_CASES = ['home', 'login', 'call', 'applications'];
const CASES = (process.env.BENCH_CASES ?? ALL_CASES.join(','))
  .split(',')
  .map((c) => c.trim())
  .filter((c) => c);
for (const c of CASES)
  if (!ALL_CASES.includes(c)) throw new Error(`unknown case "${c}" (cases: ${ALL_CASES})`);

startBenchRun('bench:web', { timeoutS: TIMEOUT_S });

/** Chromium with a DevTools port Lighthouse connects to; Playwright attaches to the same browser. */
async function startChromium(profileDir) {
  const { freePort } = await import(join(root, 'dist/libs/platform/src/index.js'));
  const port = await freePort(0);
  const lines = [];
  const child = spawn(
    CHROME_PATH,
    [
      '--headless=new',
      '--no-sandbox',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profileDir}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  onCleanUp(() => stopChild(child, { signal: 'SIGTERM', ms: 5_000 }));
  tail(child.stderr, lines);
  for (let i = 0; ; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (i === 100) throw new Error(`Chromium did not open its DevTools port:\n${lines.join('\n')}`);
    await sleep(100);
  }
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  onCleanUp(() => browser.close());
  return { port, context: browser.contexts()[0] };
}

/** The figures of one Lighthouse report. */
function figuresOf(lhr) {
  const score = (category) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
  const metrics = lhr.audits.metrics?.details?.items?.[0] ?? {};
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const scripts = requests.filter((r) => r.resourceType === 'Script');
  const firstPaint = metrics.observedFirstContentfulPaint ?? Infinity;
  const kb = (items) =>
    Math.round(items.reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 102.4) / 10;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    lcpMs: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
    tbtMs: Math.round(lhr.audits['total-blocking-time'].numericValue),
    fcpMs: Math.round(lhr.audits['first-contentful-paint'].numericValue),
    initialJsKb: kb(scripts.filter((r) => r.networkRequestTime < firstPaint)),
    jsKb: kb(scripts),
    failedAudits: Object.values(lhr.categories.accessibility?.auditRefs ?? [])
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => audit.id),
  };
}

async function main() {
  const startedAt = Date.now();
  buildIfNeeded(['api', 'web'], log);
  const work = tempDir('ideas-lab-bench-web-');
  const database = await scratchDatabase({ prefix: 'bench_web', work });
  log(`database ${database.name} (${database.kind}); starting the API with the demo lab`);
  const api = await startBuiltApi({
    databaseUrl: database.url,
    dataDir: join(work, 'data'),
    poolSize: 10,
  });
  const base = api.url;
  const organiser = () => login(base, ORGANISER);
  const labs = await json(`${base}/api/labs`, {
    headers: { authorization: `Bearer ${(await organiser()).accessToken}` },
  });
  const demo = (Array.isArray(labs) ? labs : labs.items).find((lab) => lab.slug === DEMO_SLUG);
  if (!demo) throw new Error(`the demo lab (${DEMO_SLUG}) is missing from GET /api/labs`);

  const pages = {
    home: { path: '/' },
    login: { path: '/login' },
    call: { path: `/call/${DEMO_SLUG}` },
    applications: { path: `/labs/${demo.id}/applications`, signedIn: true },
  };

  const { port, context } = await startChromium(join(work, 'chromium'));
  const tab = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(tab);

  const results = [];
  for (const name of CASES) {
    const page = pages[name];
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      // On a loaded machine Chromium now and then loses the trace (NO_NAVSTART): try again.
      let result;
      for (let attempt = 1; ; attempt++) {
        if (page.signedIn) {
          // Sign in as the login form does: the server sets the refresh cookie, the client keeps
          // its "signed in" mark; after the reload the client resumes the session from both. The
          // small JSON of /health gives the origin without loading (and caching) the client.
          await tab.goto(`${base}/health`);
          await tab.evaluate(
            async ([credentials, key]) => {
              const response = await fetch('/api/auth/login', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(credentials),
                credentials: 'same-origin',
              });
              if (!response.ok) throw new Error(`login answered ${response.status}`);
              localStorage.setItem(key, 'signed-in');
            },
            [ORGANISER, SESSION_KEY],
          );
          await cdp.send('Network.clearBrowserCache');
        }
        result = await lighthouse(
          `${base}${page.path}`,
          {
            port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility'],
            disableStorageReset: page.signedIn === true,
          },
          undefined,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
        const failure = result.lhr.runtimeError;
        if (!failure) break;
        if (attempt === 3) throw new Error(`Lighthouse on ${page.path}: ${failure.message}`);
        log(`${name} run ${run}: Lighthouse failed (${failure.code}); trying again`);
      }
      const shown = new URL(result.lhr.finalDisplayedUrl).pathname;
      if (shown !== page.path)
        throw new Error(
          `${page.path} ended on ${shown} (signed out?): the figures would be another page's`,
        );
      if (REPORTS) {
        mkdirSync(REPORTS, { recursive: true });
        writeFileSync(join(REPORTS, `${name}-${run}.json`), JSON.stringify(result.lhr));
      }
      const figures = figuresOf(result.lhr);
      log(
        `${name} run ${run}/${RUNS}: performance ${figures.performance}, accessibility ${figures.accessibility}, LCP ${figures.lcpMs} ms`,
      );
      runs.push(figures);
    }
    runs.sort((a, b) => a.performance - b.performance);
    const median = runs[Math.floor((runs.length - 1) / 2)];
    results.push({ name, path: page.path, median, scores: runs.map((r) => r.performance) });
  }
  await cleanUp();

  const [one, five, fifteen] = loadavg().map((l) => l.toFixed(2));
  const row = (cells) =>
    cells.map((c, i) => String(c).padEnd([14, 6, 6, 8, 8, 8, 10, 8][i] ?? 0)).join(' ');
  const lines = [
    '',
    `Web client (Lighthouse 12.2.3, mobile preset, median of ${RUNS} runs by performance; load average ${one} ${five} ${fifteen})`,
    row([
      'case',
      'perf',
      'a11y',
      'LCP ms',
      'TBT ms',
      'FCP ms',
      'initJS KB',
      'JS KB',
      'runs (perf)',
    ]),
  ];
  for (const { name, median, scores } of results)
    lines.push(
      row([
        name,
        median.performance,
        median.accessibility,
        median.lcpMs,
        median.tbtMs,
        median.fcpMs,
        median.initialJsKb,
        median.jsKb,
        scores.join(', '),
      ]),
    );
  for (const { name, median } of results)
    if (median.failedAudits.length > 0)
      lines.push(`${name}: accessibility audits not passed: ${median.failedAudits.join(', ')}`);
  lines.push(
    'goal: performance ≥ 95 and accessibility 100 on every page, initialJsKb ≤ 100 on login',
    `(${Math.round((Date.now() - startedAt) / 1000)} s in all)`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const { name, path, median } of results) {
    const figures = Object.fromEntries(
      Object.entries(median).filter(([key]) => key !== 'failedAudits'),
    );
    process.stdout.write(
      `${JSON.stringify({ bench: 'web', case: name, path: path.replace(demo.id, ':labId'), ...figures, loadAverage: Number(one) })}\n`,
    );
  }
}

main().catch(async (error) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await cleanUp();
  process.exit(1);
});
