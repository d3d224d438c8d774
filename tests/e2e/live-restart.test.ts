import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakoutRoundsService } from '@ideas-lab/workshop';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const root = join(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The built API (`dist`) as its own operating-system process, as `npm start` runs it. */
class ApiProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(env: Record<string, string>, port: number): Promise<ApiProcess> {
    const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API process exited: ${stderr}`);
      const up = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return new ApiProcess(child, url);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the API process did not start: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stop it the hard way (a crash, a killed container): nothing gets to clean up. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

describe('a round survives a restart of the server process', () => {
  let app: TestApp;
  let lab: LiveLab;
  let env: Record<string, string>;
  let port: number;
  const processes: ApiProcess[] = [];
  const clients: LiveTestClient[] = [];
  const start = async () => {
    const started = await ApiProcess.start(env, port);
    processes.push(started);
    return started;
  };
  const connect = async (api: ApiProcess, who: 'organiser' | 0 | 1) => {
    const session = who === 'organiser' ? lab.organiser : lab.participants[who];
    const client = liveClient(api.url, session, lab.labId);
    clients.push(client);
    return { client, snapshot: await client.connect() };
  };
  const closures = async (roundId: string) =>
    (
      await lab.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'breakout.round_closed' AND entity_id = $1`,
        [roundId],
      )
    ).rows[0].n as number;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build-if-needed.mjs', 'api'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
    // The in-process app only sets the lab up: its own round timer is stopped, so only the
    // server processes below can close a round.
    app = await startTestApp();
    await app.app.get(BreakoutRoundsService).onModuleDestroy();
    lab = await liveLab(app, 'restart', 2);
    port = await freePort();
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: app.database.url,
      JWT_SECRET: app.config.jwtSecret,
      SEED_DEMO: 'false',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ideas-lab-restart-')),
      WEB_DIR: join(root, 'dist/web'),
    };
  }, 300_000);
  afterAll(async () => {
    for (const client of clients) client.close();
    for (const api of processes) await api.kill();
    await lab?.db.end();
    await app?.close();
  });

  it('closes on time, exactly once, after the process that opened it was killed and a new one started', async () => {
    const { roundId } = await lab.createRound('Across a restart');
    const booting = Date.now();
    const first = await start();
    // The round must outlast a second start of the server: 25 s, or three times what this start
    // took when the machine is so loaded that a start takes longer than eight seconds.
    const durationSeconds = Math.max(25, Math.ceil((3 * (Date.now() - booting)) / 1000));
    const { client: organiser } = await connect(first, 'organiser');
    const opened = await organiser.request('round:open', { roundId, durationSeconds });
    if (!opened.ok) throw new Error(opened.message);
    const endsAt = Date.parse(opened.round.endsAt!);

    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');
    const second = await start();
    expect(Date.now(), 'the new process must be up before the deadline').toBeLessThan(endsAt);
    const { client: participant, snapshot } = await connect(second, 0);
    expect(snapshot.round).toMatchObject({ id: roundId, state: 'open' });
    expect(Date.parse(snapshot.round!.endsAt!)).toBe(endsAt);

    const closed = await participant.next(
      'round:closed',
      (n) => n.roundId === roundId,
      endsAt - Date.now() + 5_000,
    );
    const closedAt = Date.parse(closed.closedAt);
    expect(closedAt).toBeGreaterThanOrEqual(endsAt - 50);
    expect(closedAt).toBeLessThan(endsAt + 2_000);
    const row = await lab.db.query(`SELECT state, ends_at FROM breakout_rounds WHERE id = $1`, [
      roundId,
    ]);
    expect(row.rows[0].state).toBe('closed');
    expect(await closures(roundId)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(participant.all('round:closed').filter((n) => n.roundId === roundId)).toEqual([]);
    expect(await closures(roundId)).toBe(1);
  }, 120_000);

  it('closes a round whose deadline passed while no server ran as soon as one starts, once', async () => {
    const { roundId } = await lab.createRound('Due while down');
    const running = processes.at(-1)!;
    const { client: organiser } = await connect(running, 'organiser');
    const opened = await organiser.request('round:open', { roundId, durationSeconds: 2 });
    if (!opened.ok) throw new Error(opened.message);
    const endsAt = Date.parse(opened.round.endsAt!);
    await running.kill();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt - Date.now() + 500)));
    const stillOpen = await lab.db.query(`SELECT state FROM breakout_rounds WHERE id = $1`, [
      roundId,
    ]);
    expect(stillOpen.rows[0].state).toBe('open');

    const startedAt = Date.now();
    const next = await start();
    // The first poll after the start closes it; the wait only has room for a loaded machine.
    const deadline = Date.now() + 20_000;
    while ((await closures(roundId)) === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await closures(roundId)).toBe(1);
    expect(Date.now() - startedAt).toBeLessThan(60_000);
    // A client arriving now finds no round running.
    const { snapshot } = await connect(next, 1);
    expect(snapshot.round).toBeNull();
    const row = await lab.db.query(`SELECT state FROM breakout_rounds WHERE id = $1`, [roundId]);
    expect(row.rows[0].state).toBe('closed');
  }, 120_000);
});
