import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labWithStaff } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  summary?: string;
  responses: Record<
    string,
    {
      content?: Record<
        string,
        { schema?: { $ref?: string; type?: string; items?: { $ref?: string } } }
      >;
    }
  >;
}

const WEB_DIR = join(process.cwd(), 'dist/web');

/** A GET as the bytes came over the wire: no decompression, so content-encoding can be checked. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** The Content-Security-Policy header as directive name → sources. */
function cspOf(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources] as [string, string[]]),
  );
}

describe('platform: health, docs, errors, the web client', () => {
  let app: TestApp;
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('answers liveness and readiness', async () => {
    expect((await api().get('/health')).body).toEqual({ status: 'ok' });
    expect((await api().get('/health/ready')).body).toEqual({ status: 'ok', database: 'up' });
  });

  it('describes every route in OpenAPI with its error codes', async () => {
    const doc = (await api().get('/docs-json')).body;
    expect(doc.info.title).toBe('Ideas Lab API');
    const undocumented: string[] = [];
    for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const statuses = Object.keys(op.responses);
        if (
          !op.summary ||
          !statuses.some((s) => s.startsWith('2')) ||
          (path.startsWith('/api/') && !statuses.some((s) => /^[45]/.test(s)))
        ) {
          undocumented.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
    expect((await api().get('/docs')).status).toBe(200);
  });

  it('documents every success response with a schema of the contract (or 204)', async () => {
    const doc = (await api().get('/docs-json')).body;
    const schemas: Record<string, { type?: string; properties?: object }> = doc.components.schemas;
    const named = (ref: string | undefined) => {
      const schema = ref ? schemas[ref.replace('#/components/schemas/', '')] : undefined;
      return schema !== undefined && (schema.type !== 'object' || schema.properties !== undefined);
    };
    const withoutSchema: string[] = [];
    for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        const described = successes.every(([status, response]) => {
          if (status === '204') return response.content === undefined;
          return Object.entries(response.content ?? {}).some(([mediaType, { schema }]) =>
            mediaType === 'application/json'
              ? named(schema?.$ref) || (schema?.type === 'array' && named(schema.items?.$ref))
              : schema?.type === 'string',
          );
        });
        if (!described) withoutSchema.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(withoutSchema).toEqual([]);
  });

  it('echoes a request id and puts it in error bodies', async () => {
    const res = await api().get('/api/me').set('x-request-id', 'trace-me-123');
    expect(res.headers['x-request-id']).toBe('trace-me-123');
    expect(res.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: expect.any(String),
      requestId: 'trace-me-123',
    });
  });

  it('explains malformed JSON and unknown routes with a code', async () => {
    const bad = await api()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_JSON');
    const missing = await api().get('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
    const wrongType = await api()
      .post('/api/auth/login')
      .set('content-type', 'application/xml')
      .send('<login/>');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('turns an unexpected failure into a 500 that reveals nothing inside', async () => {
    const { admin } = await labWithStaff(app, 'boom');
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    await client.query('ALTER TABLE labs RENAME TO labs_gone');
    try {
      const res = await api().get('/api/labs').set(bearer(admin));
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('INTERNAL_ERROR');
      expect(JSON.stringify(res.body)).not.toMatch(/labs|relation|SELECT|stack/i);
      expect(res.body.requestId).toEqual(expect.any(String));
    } finally {
      await client.query('ALTER TABLE labs_gone RENAME TO labs');
      await client.end();
    }
  });

  it.runIf(existsSync(join(process.cwd(), 'dist/web/index.html')))(
    'serves the web client at / and on its own routes',
    async () => {
      const home = await api().get('/');
      expect(home.status).toBe(200);
      expect(home.text).toContain('<div id="root">');
      const deep = await api().get('/labs/some-lab');
      expect(deep.status).toBe(200);
      expect(deep.headers['content-type']).toContain('text/html');
    },
  );

  it('sends security headers on every response: a strict CSP, no framing, nosniff, a referrer policy', async () => {
    for (const path of ['/', '/labs/some-lab', '/api/me', '/health', '/api/no-such-thing']) {
      const res = await rawGet(`${app.baseUrl}${path}`);
      const csp = cspOf(res.headers['content-security-policy']);
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('style-src'), path).toEqual(["'self'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
      // Outside production there is no HSTS: a developer's http://localhost must stay usable.
      expect(res.headers['strict-transport-security'], path).toBeUndefined();
    }
  });

  it('serves the API docs page with its scripts as files and a CSP that lets only its styles inline', async () => {
    const res = await rawGet(`${app.baseUrl}/docs`);
    expect(res.status).toBe(200);
    const csp = cspOf(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    const scripts = [...res.body.toString('utf8').matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/\ssrc=/);
  });

  it('compresses API answers over 1 KB for clients that accept it, and only those', async () => {
    const { admin, labId } = await labWithStaff(app, 'squeeze');
    const url = `${app.baseUrl}/api/labs/${labId}`;
    const theme = 'Patient-specific models that learn from every visit.'.repeat(9);
    await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(admin))
      .send({ theme, version: 1 })
      .expect(200);
    const auth = { authorization: `Bearer ${admin.accessToken}` };
    const plain = await rawGet(url, auth);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const lab = JSON.parse(plain.body.toString('utf8'));
    expect(lab.theme).toBe(theme);

    const br = await rawGet(url, { ...auth, 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(lab);

    const gzip = await rawGet(url, { ...auth, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(lab);

    // A small answer is not worth compressing.
    const health = await rawGet(`${app.baseUrl}/health`, { 'accept-encoding': 'br, gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it.runIf(existsSync(join(WEB_DIR, 'index.html')))(
    'serves the built scripts precompressed and cached for a year, index.html revalidated every time',
    async () => {
      for (const path of ['/', '/login', '/labs/some-lab/applications']) {
        const page = await rawGet(`${app.baseUrl}${path}`, { 'accept-encoding': 'br, gzip' });
        expect(page.status, path).toBe(200);
        expect(page.headers['cache-control'], path).toBe('no-cache');
        expect(page.headers['content-type'], path).toContain('text/html');
      }
      const index = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
      const entry = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
      const styles = /<link rel="stylesheet"[^>]* href="(\/assets\/[^"]+\.css)"/.exec(index)?.[1];
      expect(entry).toBeDefined();
      expect(styles).toBeDefined();
      for (const asset of [entry!, styles!]) {
        const original = readFileSync(join(WEB_DIR, asset));
        const br = await rawGet(`${app.baseUrl}${asset}`, {
          'accept-encoding': 'gzip, deflate, br',
        });
        expect(br.status, asset).toBe(200);
        expect(br.headers['content-encoding'], asset).toBe('br');
        expect(br.headers['cache-control'], asset).toBe('public, max-age=31536000, immutable');
        expect(br.headers['vary'], asset).toMatch(/accept-encoding/i);
        expect(brotliDecompressSync(br.body).equals(original), asset).toBe(true);
        expect(br.body.length, asset).toBeLessThan(original.length / 3);

        const gzip = await rawGet(`${app.baseUrl}${asset}`, { 'accept-encoding': 'gzip' });
        expect(gzip.headers['content-encoding'], asset).toBe('gzip');
        expect(gunzipSync(gzip.body).equals(original), asset).toBe(true);

        const plain = await rawGet(`${app.baseUrl}${asset}`);
        expect(plain.headers['content-encoding'], asset).toBeUndefined();
        expect(plain.headers['cache-control'], asset).toBe('public, max-age=31536000, immutable');
        expect(plain.body.equals(original), asset).toBe(true);
      }
      // A script of an older build is gone: a 404, not index.html in its place.
      const stale = await rawGet(`${app.baseUrl}/assets/index-0ld0ld0ld.js`);
      expect(stale.status).toBe(404);
    },
  );
});

// Its own app, after the other's is closed: two apps in one process share passport's strategies.
describe('platform in production', () => {
  it('sends HSTS in production', async () => {
    const production = await startTestApp({ NODE_ENV: 'production' });
    try {
      const res = await rawGet(`${production.baseUrl}/health`);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await production.close();
    }
  });
});
