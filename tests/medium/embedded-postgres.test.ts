import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@ideas-lab/platform';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('embedded PostgreSQL', () => {
  // Under the project (not /tmp): as root the server runs as `postgres`, which must reach it.
  mkdirSync(join(process.cwd(), '.data'), { recursive: true });
  const root = mkdtempSync(join(process.cwd(), '.data/embedded-test-'));
  chmodSync(root, 0o755);
  const dataDir = join(root, 'pg');
  const started: EmbeddedDatabase[] = [];
  afterAll(async () => {
    for (const db of started) await db.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  it('starts a real server, and replaces one left running by a crash with a clear message', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: 54391 });
    started.push(first);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
    const stalePid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(isAlive(stalePid)).toBe(true);

    // The owner "crashes": it never stops its server. The next start must cope.
    const messages: string[] = [];
    const second = await startEmbeddedPostgres({
      dataDir,
      port: 54391,
      log: (m) => messages.push(m),
    });
    started.push(second);
    expect(messages.join('\n')).toMatch(/was left running .* stopping it first/);
    expect(isAlive(stalePid)).toBe(false);
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    await again.end();
  }, 90_000);
});
