import { createServer, connect, type Server, type Socket } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labWithStaff, type Session } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A TCP proxy between the API and PostgreSQL that the test can cut and restore: the network
 * to the database going away (or the server restarting) as the API sees it.
 */
class DatabaseLink {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : this.port;
  }

  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server = null;
  }
}

describe('platform: the database goes away and comes back', () => {
  let database: TestDatabase;
  let link: DatabaseLink;
  let app: TestApp;
  let labId: string;
  let organiser: Session;
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    link = new DatabaseLink(url.hostname, Number(url.port || 5432));
    await link.up();
    url.hostname = '127.0.0.1';
    url.port = String(link.port);
    app = await startTestApp({}, { database: { ...database, url: url.toString() } });
    ({ labId, organiser } = await labWithStaff(app, 'outage'));
  });
  afterAll(async () => {
    await link?.up().catch(() => undefined);
    await app?.close();
    await link?.down();
    await database?.drop();
  });

  it('answers 503 with a stable code and Retry-After while it is away, and recovers by itself', async () => {
    expect((await api().get(`/api/labs/${labId}`).set(bearer(organiser))).status).toBe(200);

    await link.down();
    const during = await api().get(`/api/labs/${labId}`).set(bearer(organiser));
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: expect.stringContaining('try again'),
    });
    expect(during.headers['retry-after']).toBe('5');
    // A write is refused the same way, not half done.
    const write = await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(organiser))
      .send({ version: 1, theme: 'Written while the database was away' });
    expect(write.status).toBe(503);
    expect((await api().get('/health/ready')).status).toBe(503);

    await link.up();
    const started = Date.now();
    let status = 0;
    while (Date.now() - started < 15_000) {
      status = (await api().get(`/api/labs/${labId}`).set(bearer(organiser))).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    const lab = await api().get(`/api/labs/${labId}`).set(bearer(organiser));
    expect(lab.body.theme).not.toBe('Written while the database was away');
  });
});
