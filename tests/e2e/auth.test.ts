import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCookieOf, withRefreshCookie } from '../support/api-client.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

describe('identity: register, log in, refresh, reuse detection, log out', () => {
  let app: TestApp;
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_FREE_FAILURES: '3' });
  });
  afterAll(() => app?.close());

  it('registers an account and signs it in', async () => {
    const res = await api().post('/api/auth/register').send({
      email: 'Ada@Example.org ',
      password: 'analytical-engine',
      displayName: 'Ada Lovelace',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email: 'ada@example.org',
      displayName: 'Ada Lovelace',
      isAdmin: false,
    });
    const me = await api().get('/api/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'ada@example.org', memberships: [] });
  });

  it('refuses a second account for the same address, whatever its case', async () => {
    const res = await api()
      .post('/api/auth/register')
      .send({ email: 'ADA@example.org', password: 'another-password', displayName: 'Imposter' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
  });

  it('lists every problem of a bad registration at once', async () => {
    const res = await api()
      .post('/api/auth/register')
      .send({ email: 'not-an-address', password: 'short', isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      '',
      'displayName',
      'email',
      'password',
    ]);
    // A field the route does not take (no one makes themselves an admin) is named.
    expect(res.body.details).toContainEqual({
      field: '',
      message: 'the request body has a field this request does not accept: "isAdmin"',
    });
    expect(res.body.requestId).toEqual(expect.any(String));
  });

  it('refuses a blank display name', async () => {
    const res = await api()
      .post('/api/auth/register')
      .send({ email: 'blank@example.org', password: 'long-enough-password', displayName: '   ' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ field: 'displayName', message: expect.any(String) }]);
  });

  it('takes a password in either Unicode form (NFC and NFD are the same password)', async () => {
    const composed = 'caf\u00e9-cr\u00e8me-br\u00fbl\u00e9e';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const registered = await api()
      .post('/api/auth/register')
      .send({ email: 'unicode@example.org', password: decomposed, displayName: 'Zo\u00eb' });
    expect(registered.status).toBe(201);
    const res = await api()
      .post('/api/auth/login')
      .send({ email: 'unicode@example.org', password: composed });
    expect(res.status).toBe(200);
  });

  it('gives the same answer for an unknown address and a wrong password', async () => {
    const unknown = await api()
      .post('/api/auth/login')
      .send({ email: 'nobody@example.org', password: 'whatever-it-is' });
    const wrong = await api()
      .post('/api/auth/login')
      .send({ email: 'ada@example.org', password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  const signIn = (email: string, password: string) =>
    api().post('/api/auth/login').send({ email, password });
  const refresh = (token: string) =>
    api().post('/api/auth/refresh').set(withRefreshCookie(token)).send();

  it('keeps the refresh token in an HttpOnly, Secure, SameSite=Strict cookie for the auth routes only', async () => {
    const res = await signIn('ada@example.org', 'analytical-engine');
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(refreshCookieOf(res)!);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');
    expect(cookie).toMatch(/^ideas_lab_refresh=[A-Za-z0-9_-]{20,};/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/api/auth'])
      expect(cookie).toContain(attribute);
  });

  it('rotates refresh tokens and ends the whole family when a spent one comes back', async () => {
    const first = refreshCookieOf(await signIn('ada@example.org', 'analytical-engine'))!;
    const second = await refresh(first);
    expect(second.status).toBe(200);
    expect(second.body.user.email).toBe('ada@example.org');
    const next = refreshCookieOf(second)!;
    expect(next).not.toBe(first);

    const replay = await refresh(first);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    expect(String(replay.headers['set-cookie'])).toContain('Max-Age=0');

    // The legitimate holder's newer token died with the family.
    const after = await refresh(next);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('lets two concurrent refreshes with one token win at most once', async () => {
    const token = refreshCookieOf(await signIn('ada@example.org', 'analytical-engine'))!;
    const results = await Promise.all([1, 2].map(() => refresh(token)));
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    expect(results.some((r) => r.body.code === 'REFRESH_TOKEN_REUSED')).toBe(true);
  });

  it('refuses a refresh or logout without the anti-forgery header, cookie or not', async () => {
    const token = refreshCookieOf(await signIn('ada@example.org', 'analytical-engine'))!;
    for (const path of ['/api/auth/refresh', '/api/auth/logout']) {
      const forged = await api().post(path).set('cookie', `ideas_lab_refresh=${token}`).send();
      expect(forged.status).toBe(403);
      expect(forged.body.code).toBe('REFRESH_HEADER_REQUIRED');
    }
    expect((await refresh(token)).status).toBe(200);
    const none = await api().post('/api/auth/refresh').set('x-ideas-lab-refresh', '1').send();
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('ends the session on logout and clears the cookie', async () => {
    const token = refreshCookieOf(await signIn('ada@example.org', 'analytical-engine'))!;
    const out = await api().post('/api/auth/logout').set(withRefreshCookie(token)).send();
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^ideas_lab_refresh=;.*Max-Age=0/);
    const res = await refresh(token);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('refuses unknown and garbage tokens with 401', async () => {
    const res = await refresh('not-a-token');
    expect(res.body.code).toBe('REFRESH_TOKEN_INVALID');
    const me = await api()
      .get('/api/me')
      .set('authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.bad');
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('UNAUTHENTICATED');
    expect((await api().get('/api/me')).status).toBe(401);
  });

  it('changes the password: every other session ends at once, access tokens too, and this one goes on', async () => {
    await app.createUser({ email: 'grace@example.org' });
    const session = await signIn('grace@example.org', TEST_PASSWORD);
    const other = await signIn('grace@example.org', TEST_PASSWORD);
    const auth = { authorization: `Bearer ${session.body.accessToken}` };
    const wrong = await api()
      .post('/api/me/password')
      .set(auth)
      .send({ currentPassword: 'nope-nope-nope', newPassword: 'a-brand-new-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('WRONG_CURRENT_PASSWORD');
    const ok = await api()
      .post('/api/me/password')
      .set(auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' });
    expect(ok.status).toBe(200);
    for (const old of [session, other]) {
      const me = await api().get('/api/me').set('authorization', `Bearer ${old.body.accessToken}`);
      expect(me.status).toBe(401);
      expect((await refresh(refreshCookieOf(old)!)).status).toBe(401);
    }
    const continued = await api()
      .get('/api/me')
      .set('authorization', `Bearer ${ok.body.accessToken}`);
    expect(continued.status).toBe(200);
    expect((await refresh(refreshCookieOf(ok)!)).status).toBe(200);
    expect((await signIn('grace@example.org', TEST_PASSWORD)).status).toBe(401);
    expect((await signIn('grace@example.org', 'a-brand-new-password')).status).toBe(200);
  });

  it('signs out everywhere: every access token and refresh token of the account ends at once', async () => {
    await app.createUser({ email: 'everywhere@example.org' });
    const laptop = await signIn('everywhere@example.org', TEST_PASSWORD);
    const phone = await signIn('everywhere@example.org', TEST_PASSWORD);
    const me = (token: string) => api().get('/api/me').set('authorization', `Bearer ${token}`);
    expect((await me(phone.body.accessToken)).status).toBe(200);
    const out = await api()
      .delete('/api/me/sessions')
      .set('authorization', `Bearer ${laptop.body.accessToken}`);
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    for (const session of [laptop, phone]) {
      expect((await me(session.body.accessToken)).status).toBe(401);
      expect((await refresh(refreshCookieOf(session)!)).status).toBe(401);
    }
    const again = await signIn('everywhere@example.org', TEST_PASSWORD);
    expect((await me(again.body.accessToken)).status).toBe(200);
  });

  it('throttles an account from one address after repeated failures, even with the right password', async () => {
    await app.createUser({ email: 'target@example.org' });
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await api()
            .post('/api/auth/login')
            .send({ email: 'target@example.org', password: `guess-${i}-guess` })
        ).status,
      ).toBe(401);
    }
    const blocked = await api()
      .post('/api/auth/login')
      .send({ email: 'target@example.org', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('identity: ending sessions across instances', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({}, { database: first.database });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('refuses the access tokens of a signed-out account on another instance within seconds', async () => {
    await first.createUser({ email: 'roaming@example.org' });
    const signIn = () =>
      request(first.baseUrl)
        .post('/api/auth/login')
        .send({ email: 'roaming@example.org', password: TEST_PASSWORD });
    const laptop = await signIn();
    const phone = await signIn();
    const meOnSecond = (token: string) =>
      request(second.baseUrl).get('/api/me').set('authorization', `Bearer ${token}`);
    // The second instance has read (and now caches) the account's token epoch.
    expect((await meOnSecond(phone.body.accessToken)).status).toBe(200);
    const out = await request(first.baseUrl)
      .delete('/api/me/sessions')
      .set('authorization', `Bearer ${laptop.body.accessToken}`);
    expect(out.status).toBe(204);
    await expect.poll(async () => (await meOnSecond(phone.body.accessToken)).status).toBe(401);
    expect((await meOnSecond((await signIn()).body.accessToken)).status).toBe(200);
  });
});

describe('identity: throttling', () => {
  let app: TestApp;
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const attempt = (email: string, password: string, address: string) =>
    request(app.baseUrl).post('/api/auth/login').set(from(address)).send({ email, password });

  beforeAll(async () => {
    app = await startTestApp({
      TRUST_PROXY: 'true',
      LOGIN_FREE_FAILURES: '5',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '12',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '30',
    });
  });
  afterAll(() => app?.close());

  it('checks no more passwords than allowed when 100 wrong ones arrive at once', async () => {
    await app.createUser({ email: 'race@example.org' });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        attempt('race@example.org', `wrong-guess-${i}`, '198.51.100.7'),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(95);
  });

  it('makes a guesser wait longer and longer, while the owner signs in from elsewhere', async () => {
    await app.createUser({ email: 'owner@example.org' });
    for (let i = 0; i < 5; i++)
      expect((await attempt('owner@example.org', `guess-${i}-guess`, '203.0.113.9')).status).toBe(
        401,
      );
    const blocked = await attempt('owner@example.org', TEST_PASSWORD, '203.0.113.9');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    const wait = Number(blocked.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);

    const owner = await attempt('owner@example.org', TEST_PASSWORD, '192.0.2.44');
    expect(owner.status).toBe(200);
    expect(owner.body.user.email).toBe('owner@example.org');
  });

  it('signing in rightly forgets the failures of that account from that address', async () => {
    await app.createUser({ email: 'forgetful@example.org' });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3; i++)
        expect(
          (await attempt('forgetful@example.org', `typo-${round}-${i}`, '192.0.2.80')).status,
        ).toBe(401);
      expect((await attempt('forgetful@example.org', TEST_PASSWORD, '192.0.2.80')).status).toBe(
        200,
      );
    }
  });

  it('throttles an account guessed at from many addresses, past a looser limit', async () => {
    await app.createUser({ email: 'popular@example.org' });
    for (let i = 0; i < 12; i++)
      expect((await attempt('popular@example.org', 'not-the-one', `198.18.0.${i}`)).status).toBe(
        401,
      );
    const res = await attempt('popular@example.org', TEST_PASSWORD, '198.18.1.1');
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(60);
  });
});

describe('identity: throttling per address', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '4' });
  });
  afterAll(() => app?.close());

  it('blocks an address that tries many accounts', async () => {
    for (let i = 0; i < 4; i++) {
      await request(app.baseUrl)
        .post('/api/auth/login')
        .send({ email: `victim${i}@example.org`, password: 'password-spray' });
    }
    const res = await request(app.baseUrl)
      .post('/api/auth/login')
      .send({ email: 'victim9@example.org', password: 'password-spray' });
    expect(res.status).toBe(429);
  });
});
