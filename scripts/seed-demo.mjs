// `npm run seed:demo`: create the demo lab (idempotent). In production it prints random passwords once.
import { spawnSync } from 'node:child_process';
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded(['api']);
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', 'dist/apps/api/src/main.js', 'seed'],
  {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
