import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

describe('identity: register, log in, refresh, reuse detection, log out', () => {
  let app: TestApp;
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
  });
  afterAll(() => app?.close());

  it('registers an account and signs it in', async () => {
    const res = await api()
      .post('/api/auth/register')
      .send({
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
      'displayName',
      'email',
      'isAdmin',
      'password',
    ]);
    expect(res.body.requestId).toEqual(expect.any(String));
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

  it('rotates refresh tokens and ends the whole family when a spent one comes back', async () => {
    const first = await api()
      .post('/api/auth/login')
      .send({ email: 'ada@example.org', password: 'analytical-engine' });
    expect(first.status).toBe(200);
    const second = await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect(second.body.user.email).toBe('ada@example.org');

    const replay = await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: first.body.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');

    // The legitimate holder's newer token died with the family.
    const after = await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: second.body.refreshToken });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('lets two concurrent refreshes with one token win at most once', async () => {
    const session = await api()
      .post('/api/auth/login')
      .send({ email: 'ada@example.org', password: 'analytical-engine' });
    const results = await Promise.all(
      [1, 2].map(() =>
        api().post('/api/auth/refresh').send({ refreshToken: session.body.refreshToken }),
      ),
    );
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    expect(results.some((r) => r.body.code === 'REFRESH_TOKEN_REUSED')).toBe(true);
  });

  it('ends the session on logout', async () => {
    const session = await api()
      .post('/api/auth/login')
      .send({ email: 'ada@example.org', password: 'analytical-engine' });
    expect(
      (await api().post('/api/auth/logout').send({ refreshToken: session.body.refreshToken }))
        .status,
    ).toBe(204);
    const res = await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.body.refreshToken });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('refuses unknown and garbage tokens with 401', async () => {
    const res = await api().post('/api/auth/refresh').send({ refreshToken: 'not-a-token' });
    expect(res.body.code).toBe('REFRESH_TOKEN_INVALID');
    const me = await api()
      .get('/api/me')
      .set('authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.bad');
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('UNAUTHENTICATED');
    expect((await api().get('/api/me')).status).toBe(401);
  });

  it('changes the password and ends the other sessions', async () => {
    await app.createUser({ email: 'grace@example.org' });
    const session = await api()
      .post('/api/auth/login')
      .send({ email: 'grace@example.org', password: TEST_PASSWORD });
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
    expect(ok.status).toBe(204);
    expect(
      (await api().post('/api/auth/refresh').send({ refreshToken: session.body.refreshToken }))
        .status,
    ).toBe(401);
    expect(
      (
        await api()
          .post('/api/auth/login')
          .send({ email: 'grace@example.org', password: TEST_PASSWORD })
      ).status,
    ).toBe(401);
    expect(
      (
        await api()
          .post('/api/auth/login')
          .send({ email: 'grace@example.org', password: 'a-brand-new-password' })
      ).status,
    ).toBe(200);
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
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
