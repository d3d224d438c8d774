import { connect } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labBody, labWithStaff, type Session } from '../support/api-client.js';
import { liveClient } from '../support/live-client.js';
import { liveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client that sends a 2 MB body in three parts and reads the answer only at the end, as a
 * busy client does: the status line it reads, or the error its socket ended with.
 */
function slowTooLargePost(baseUrl: string, path: string): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    socket.pause();
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(`${error.code}`));
    socket.on('end', () => resolve(answer.split('\r\n')[0]));
    socket.on('connect', () => {
      void (async () => {
        const part = 700 * 1024;
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${3 * part}\r\nConnection: close\r\n\r\n`,
        );
        for (let i = 0; i < 3; i++) {
          if (socket.destroyed) return;
          socket.write(Buffer.alloc(part, 'a'));
          await sleep(150);
        }
        socket.resume();
      })();
    });
  });
}

const nested = (depth: number) => `{"title":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('hostile input: bodies of any size, shape and type get a 4xx with a code', () => {
  let app: TestApp;
  let admin: Session;
  let labId: string;
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp();
    ({ admin, labId } = await labWithStaff(app, 'hostile'));
  });
  afterAll(() => app?.close());

  it('refuses a 650 KB sign-in body of 60,000 keys as too large for the route', async () => {
    const keys = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
    const res = await api()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.org', password: 'whatever', ...keys }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await api().get('/health')).status).toBe(200);
  });

  it('refuses 60,000 unknown fields on a signed-in route with one short problem, not one per key', async () => {
    const keys = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
    const res = await api()
      .post('/api/labs')
      .set(bearer(admin))
      .set('content-type', 'application/json')
      .send(JSON.stringify(keys));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const unknown = res.body.details.filter((d: { field: string }) => d.field === '');
    expect(unknown).toEqual([
      {
        field: '',
        message:
          'the request body has 60000 fields this request does not accept: "k0", "k1", "k2", "k3", "k4" and 59995 more',
      },
    ]);
    expect(JSON.stringify(res.body).length).toBeLessThan(2_000);
  });

  it('says what a body of the wrong type should have been', async () => {
    const res = await api()
      .post('/api/labs')
      .set(bearer(admin))
      .send([{ title: 'A lab' }]);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: '', message: 'the request body must be an object' },
    ]);
  });

  it('answers an over-limit body with a 413 the client reads, not a reset connection', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await slowTooLargePost(app.baseUrl, '/api/labs')).toBe(
        'HTTP/1.1 413 Payload Too Large',
      );
    }
  });

  it('refuses JSON nested 10,000 levels deep with a 400, on public and signed-in routes', async () => {
    const login = await api()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(`{"email":"a@example.org","password":${'['.repeat(1000)}${']'.repeat(1000)}}`);
    expect(login.status).toBe(400);
    expect(login.body.code).toBe('JSON_TOO_DEEP');
    const lab = await api()
      .post('/api/labs')
      .set(bearer(admin))
      .set('content-type', 'application/json')
      .send(nested(10_000));
    expect(lab.status).toBe(400);
    expect(lab.body.code).toBe('JSON_TOO_DEEP');
  });

  it('accepts only JSON bodies (415 otherwise)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await api()
        .post('/api/auth/login')
        .set('content-type', type)
        .send('email=a@example.org&password=whatever');
      expect({ type, status: res.status, code: res.body.code }).toEqual({
        type,
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
  });

  it('refuses U+0000 in any text as a validation error naming the field', async () => {
    const register = await api().post('/api/auth/register').send({
      email: 'nul@example.org',
      password: 'long-enough-password',
      displayName: 'A\u0000B',
    });
    expect(register.status).toBe(400);
    expect(register.body.code).toBe('VALIDATION_FAILED');
    expect(register.body.details).toEqual([
      { field: 'displayName', message: expect.stringContaining('U+0000') },
    ]);

    const lab = await api()
      .post('/api/labs')
      .set(bearer(admin))
      .send(
        labBody({
          taxonomy: {
            disciplines: ['AI', 'bio\u0000'],
            careerStages: ['x'],
            organisationTypes: ['y'],
          },
        }),
      );
    expect(lab.status).toBe(400);
    expect(lab.body.details).toEqual([
      { field: 'taxonomy.disciplines.1', message: expect.stringContaining('U+0000') },
    ]);

    const query = await api()
      .get(`/api/labs/${labId}/applications?discipline=a%00b`)
      .set(bearer(admin));
    expect(query.status).toBe(400);
    expect(query.body.code).toBe('VALIDATION_FAILED');

    // An escaped backslash followed by "u0000" is ordinary text.
    const text = await api().post('/api/auth/register').send({
      email: 'slash@example.org',
      password: 'long-enough-password',
      displayName: 'A\\u0000B',
    });
    expect(text.status).toBe(201);
    expect(text.body.user.displayName).toBe('A\\u0000B');
  });

  it('refuses U+0000 and deep nesting in live events too', async () => {
    const lab = await liveLab(app, 'hostile-live', 1);
    const client = liveClient(app.baseUrl, lab.participants[0], lab.labId);
    try {
      await client.connect();
      const nul = await client.request('chat:send', {
        channel: 'lab',
        clientMessageId: 'nul-1',
        body: 'before\u0000after',
      });
      expect(nul).toMatchObject({
        ok: false,
        code: 'LIVE_VALIDATION_FAILED',
        details: [{ field: 'body', message: expect.stringContaining('U+0000') }],
      });
      let deep: unknown = 'bottom';
      for (let i = 0; i < 2_000; i++) deep = [deep];
      const tooDeep = await client.request('chat:send', {
        channel: 'lab',
        clientMessageId: 'deep-1',
        body: deep,
      } as never);
      expect(tooDeep).toMatchObject({ ok: false, code: 'LIVE_VALIDATION_FAILED' });
      const fine = await client.request('chat:send', {
        channel: 'lab',
        clientMessageId: 'fine-1',
        body: 'still here',
      });
      expect(fine).toMatchObject({ ok: true });
    } finally {
      client.close();
      await lab.db.end();
    }
  });

  it('answers an error on a calendar or CSV route as JSON (an unknown lab is a 404, not a 500)', async () => {
    for (const path of ['agenda.ics', 'applications.csv']) {
      const res = await api()
        .get(`/api/labs/00000000-0000-4000-8000-000000000000/${path}`)
        .set(bearer(admin));
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 404,
        code: 'LAB_NOT_FOUND',
      });
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['content-disposition']).toBeUndefined();
    }
  });
});
