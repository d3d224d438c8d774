// What every benchmark run needs: its log, and the clean-up of everything it starts, whatever
// happens (an error, the run's deadline, Ctrl-C).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let prefix = '[bench]';

/** Writes a line to stderr, tagged with the bench's name; stdout is for the results. */
export const log = (message) => process.stderr.write(`${prefix} ${message}\n`);

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Clean-up steps, run last-in first-out. */
const cleanups = [];
let cleaning = null;

/** Runs every registered clean-up step (a failing step is logged, the others still run). */
export function cleanUp() {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop();
      try {
        await step();
      } catch (error) {
        log(`clean-up step failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })().finally(() => {
    cleaning = null;
  });
  return cleaning;
}

/** Register a clean-up; returns a function that runs it now (once) and unregisters it. */
export function onCleanUp(step) {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    await step();
  };
  cleanups.push(once);
  return async () => {
    const i = cleanups.indexOf(once);
    if (i >= 0) cleanups.splice(i, 1);
    await once();
  };
}

/**
 * Names the run in its log lines, bounds it by `timeoutS` (then cleans up and exits 1) and
 * cleans up on SIGINT and SIGTERM (then exits 130).
 */
export function startBenchRun(name, { timeoutS }) {
  prefix = `[${name}]`;
  const deadline = setTimeout(() => {
    log(`timed out after ${timeoutS} s; cleaning up`);
    void cleanUp().finally(() => process.exit(1));
  }, timeoutS * 1000);
  deadline.unref();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}

/** A fresh temporary folder, removed on clean-up. */
export function tempDir(prefixOfName) {
  const dir = mkdtempSync(join(tmpdir(), prefixOfName));
  // As root, embedded PostgreSQL runs as `postgres`, which must traverse the folder.
  chmodSync(dir, 0o755);
  onCleanUp(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
