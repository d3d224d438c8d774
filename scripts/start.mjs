// `npm start`: build what is stale, then run the server (embedded PostgreSQL when no DATABASE_URL).
import { spawn } from 'node:child_process';
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded();
const server = spawn(
  process.execPath,
  ['--enable-source-maps', 'dist/apps/api/src/main.js', ...process.argv.slice(2)],
  {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: 'inherit',
  },
);
// Ctrl-C reaches the server too (same process group): let it shut down, then leave with its code.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
