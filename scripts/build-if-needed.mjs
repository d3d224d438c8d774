// Build the API and the web client when their sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const entry of readdirSync(p))
        if (entry !== 'node_modules' && entry !== 'dist') walk(join(p, entry));
    } else if (s.mtimeMs > newest) newest = s.mtimeMs;
  };
  paths.forEach((p) => walk(join(root, p)));
  return newest;
}

function stampTime(name) {
  const file = join(root, 'dist', `.${name}-built`);
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

function run(script) {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const targets = {
  api: {
    sources: [
      'apps/api',
      'libs',
      'migrations',
      'tsconfig.json',
      'tsconfig.build.json',
      'package-lock.json',
    ],
    script: 'build:api',
  },
  web: {
    sources: [
      'apps/web',
      'libs/domain/src/lab-phase',
      'libs/domain/src/applications',
      'libs/live/src/live-events.ts',
      'package-lock.json',
    ],
    script: 'build:web',
  },
};

/** Build what is stale; `which` lists the targets to consider. */
export function buildIfNeeded(which = ['api', 'web'], log = (m) => process.stdout.write(`${m}\n`)) {
  for (const name of which) {
    const { sources, script } = targets[name];
    if (name === 'web' && !existsSync(join(root, 'apps/web/index.html'))) continue;
    const built = stampTime(name);
    if (built === 0 || newestMtime(sources) > built) {
      log(`Building the ${name === 'api' ? 'API' : 'web client'}…`);
      const startedAt = Date.now();
      run(script);
      writeFileSync(join(root, 'dist', `.${name}-built`), new Date(startedAt).toISOString());
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  buildIfNeeded(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
