// `npm run dev`: rebuild the API on change (tsc --watch) and restart the server; Vite serves the web client with hot reload on :5173.
import { spawn } from 'node:child_process';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = new URL('..', import.meta.url).pathname;
// The server starts from dist/: make sure a first build exists before watching it.
buildIfNeeded(['api']);
const children = [
  spawn('npx', ['tsc', '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn('npx', ['tsc-alias', '-p', 'tsconfig.build.json', '--watch'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(
    process.execPath,
    [
      '--watch-path=dist/apps',
      '--watch-path=dist/libs',
      '--enable-source-maps',
      'dist/apps/api/src/main.js',
    ],
    { cwd: root, stdio: 'inherit' },
  ),
  spawn('npx', ['vite', '--config', 'apps/web/vite.config.ts'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.exitCode === null && c.kill('SIGINT'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
