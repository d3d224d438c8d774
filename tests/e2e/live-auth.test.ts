import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The shortest access-token lifetime the configuration allows. */
const TTL_SECONDS = 10;

describe('live connections and access-token expiry', () => {
  let app: TestApp;
  let lab: LiveLab;
  const clients: LiveTestClient[] = [];

  beforeAll(async () => {
    app = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS) });
    lab = await liveLab(app, 'ttl', 2);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('drops a connection when its token expires (after telling it), keeps one that sent auth:refresh, until the new token expires', async () => {
    // Fresh tokens, so both expire about TTL_SECONDS from now.
    const first = await login(app, lab.participants[0].email);
    const issuing = Date.now();
    const second = await login(app, lab.participants[1].email);
    const staying = liveClient(app.baseUrl, first, lab.labId);
    const leaving = liveClient(app.baseUrl, second, lab.labId);
    clients.push(staying, leaving);
    const [stayingSnapshot, leavingSnapshot] = [await staying.connect(), await leaving.connect()];
    const oldExpiry = Date.parse(leavingSnapshot.tokenExpiresAt);
    // TTL_SECONDS after the token was issued (its expiry is in whole seconds, so up to one
    // second less), whatever time the logins and connections took on a loaded machine.
    expect(oldExpiry).toBeGreaterThan(issuing + (TTL_SECONDS - 1) * 1000);
    expect(oldExpiry).toBeLessThanOrEqual(Date.now() + TTL_SECONDS * 1000);
    expect(Date.parse(stayingSnapshot.tokenExpiresAt)).toBeLessThanOrEqual(
      Date.now() + TTL_SECONDS * 1000,
    );

    // A JWT's expiry has whole seconds: wait a little over one, so the next token lasts longer.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await staying.request('auth:refresh', { token: 'not a token' })).toMatchObject({
      ok: false,
      code: 'LIVE_VALIDATION_FAILED',
    });
    const someoneElse = await login(app, lab.organiser.email);
    expect(await staying.request('auth:refresh', { token: someoneElse.accessToken })).toMatchObject(
      { ok: false, code: 'LIVE_TOKEN_MISMATCH' },
    );
    const fresh = await login(app, lab.participants[0].email);
    const refreshed = await staying.request('auth:refresh', { token: fresh.accessToken });
    if (!refreshed.ok) throw new Error(refreshed.message);
    const newExpiry = Date.parse(refreshed.tokenExpiresAt);
    expect(newExpiry).toBeGreaterThan(Date.parse(stayingSnapshot.tokenExpiresAt));

    const disconnected = new Promise<string>((resolve) =>
      leaving.socket.once('disconnect', (reason) => resolve(reason)),
    );
    const expired = await leaving.next('auth:expired', undefined, (TTL_SECONDS + 10) * 1000);
    expect(expired.code).toBe('LIVE_TOKEN_EXPIRED');
    expect(Date.now()).toBeGreaterThanOrEqual(oldExpiry - 50);
    expect(await disconnected).toBe('io server disconnect');

    // Past the old expiry, the refreshed connection still works.
    expect(Date.now()).toBeGreaterThan(Date.parse(stayingSnapshot.tokenExpiresAt));
    expect(staying.socket.connected).toBe(true);
    expect(await staying.request('time:sync', {})).toMatchObject({ ok: true });
    expect(staying.all('auth:expired')).toEqual([]);

    // The expired token no longer opens a connection; a fresh one does.
    expect((await liveClient(app.baseUrl, second, lab.labId).refused()).code).toBe(
      'LIVE_UNAUTHENTICATED',
    );
    const again = liveClient(app.baseUrl, await login(app, second.email), lab.labId);
    clients.push(again);
    expect((await again.connect()).me.userId).toBe(second.userId);

    // The refresh moved the deadline; it did not remove it.
    await staying.next('auth:expired', undefined, newExpiry - Date.now() + 10_000);
    expect(Date.now()).toBeGreaterThanOrEqual(newExpiry - 50);
  }, 60_000);
});
