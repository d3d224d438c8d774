// `npm test`: the whole suite (unit, medium, e2e, browser) against real PostgreSQL:
// TEST_DATABASE_URL, else a server on 127.0.0.1:5432, else an embedded one under .data/.
// The web client is built first so the browser journeys drive what users get.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = new URL('..', import.meta.url).pathname;
buildIfNeeded(['web']);
if (!existsSync('/usr/bin/chromium')) {
  const message =
    process.env.CI === 'true'
      ? 'CI=true and Chromium is missing at /usr/bin/chromium: the browser journeys will fail (apt-get install -y chromium).'
      : 'Browser journeys skipped: Chromium not found at /usr/bin/chromium (on Debian/Ubuntu: apt-get install chromium). Everything else runs.';
  process.stdout.write(`\n*** ${message} ***\n\n`);
}
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
if (!existsSync('/usr/bin/chromium') && process.env.CI !== 'true') {
  process.stdout.write(
    '\n*** Browser journeys were skipped: Chromium not found at /usr/bin/chromium. ***\n',
  );
}
process.exit(result.status ?? 1);
