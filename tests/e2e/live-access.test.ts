import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_CONNECTIONS_PER_PERSON, LIVE_RATE_LIMIT } from '@ideas-lab/live';
import { bearer, login } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { REDIS_URL, redisReachable } from '../support/redis.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Access that changes while someone is connected: a removed mentor, a person signed out
 * everywhere, roles found changed at `auth:refresh`; and one person's many connections.
 */
describe('live access follows memberships and sessions, on every instance', async () => {
  const reachable = await redisReachable();
  if (!reachable && process.env.CI === 'true')
    throw new Error(`CI=true and Redis is not reachable at ${REDIS_URL}`);
  if (!reachable)
    process.stderr.write(`\n*** live access tests skipped: no Redis at ${REDIS_URL} ***\n`);

  describe.skipIf(!reachable)('two API instances on one Redis', () => {
    let first: TestApp;
    let second: TestApp;
    let lab: LiveLab;
    const clients: LiveTestClient[] = [];
    const open = (app: TestApp, session: LiveLab['organiser']) => {
      const client = liveClient(app.baseUrl, session, lab.labId);
      clients.push(client);
      return client;
    };
    const disconnection = (client: LiveTestClient) =>
      new Promise<string>((resolve) => client.socket.once('disconnect', resolve));

    beforeAll(async () => {
      const redis = { REDIS_URL, REDIS_PREFIX: `test-${randomUUID()}` };
      first = await startTestApp(redis);
      second = await startTestApp(redis, { database: first.database });
      lab = await liveLab(first, 'access', 3);
    });
    afterAll(async () => {
      for (const client of clients) client.close();
      await lab?.db.end();
      await second?.close();
      await first?.close();
    });

    it('drops a removed mentor from the live workshop at once, on the other instance too, and refuses them after', async () => {
      const mentor = open(second, lab.mentor);
      await mentor.connect();
      expect(
        await mentor.request('chat:send', {
          channel: 'lab',
          clientMessageId: randomUUID(),
          body: 'still here',
        }),
      ).toMatchObject({ ok: true });
      const gone = disconnection(mentor);

      const removed = await request(first.baseUrl)
        .delete(`/api/labs/${lab.labId}/members/${lab.mentor.userId}/mentor`)
        .set(bearer(lab.organiser));
      expect(removed.status).toBe(204);

      expect(await mentor.next('live:access-changed')).toMatchObject({
        code: 'LIVE_ACCESS_CHANGED',
      });
      expect(await gone).toBe('io server disconnect');
      expect((await open(first, lab.mentor).refused()).code).toBe('LIVE_LAB_NOT_FOUND');
      expect((await open(second, lab.mentor).refused()).code).toBe('LIVE_LAB_NOT_FOUND');
    });

    it('drops every connection of a person who signs out everywhere, and the old token connects no more', async () => {
      const person = await login(first, lab.participants[0].email);
      const here = open(first, person);
      const there = open(second, person);
      await here.connect();
      await there.connect();
      const bystander = open(second, lab.participants[1]);
      await bystander.connect();
      const [hereGone, thereGone] = [disconnection(here), disconnection(there)];

      const ended = await request(first.baseUrl).delete('/api/me/sessions').set(bearer(person));
      expect(ended.status).toBe(204);

      for (const client of [here, there])
        expect(await client.next('live:access-changed')).toMatchObject({
          code: 'LIVE_SESSIONS_ENDED',
        });
      expect(await hereGone).toBe('io server disconnect');
      expect(await thereGone).toBe('io server disconnect');
      expect(bystander.socket.connected).toBe(true);
      expect(bystander.all('live:access-changed')).toEqual([]);
      // The instance that ended them refuses the old token at once; the other within seconds
      // (it trusts the token epoch it read for up to 3 s).
      expect((await open(first, person).refused()).code).toBe('LIVE_UNAUTHENTICATED');
      await expect
        .poll(async () => {
          const client = open(second, person);
          try {
            await client.connect();
            client.close();
            return 'connected';
          } catch (error) {
            return (error as { data?: { code?: string } }).data?.code;
          }
        })
        .toBe('LIVE_UNAUTHENTICATED');
    });

    it('re-checks roles at auth:refresh: a person no longer in the lab is refused and disconnected', async () => {
      const session = lab.participants[2];
      const client = open(first, session);
      await client.connect();
      const gone = disconnection(client);
      // Removed behind the service's back: nothing was announced, so only the refresh can tell.
      await lab.db.query(`DELETE FROM lab_memberships WHERE lab_id = $1 AND user_id = $2`, [
        lab.labId,
        session.userId,
      ]);
      const fresh = await login(first, session.email);
      expect(await client.request('auth:refresh', { token: fresh.accessToken })).toMatchObject({
        ok: false,
        code: 'LIVE_LAB_NOT_FOUND',
      });
      expect(await gone).toBe('io server disconnect');
    });

    it(`lets one person hold ${LIVE_CONNECTIONS_PER_PERSON} connections to an instance, and share one event budget across them`, async () => {
      const person = await login(first, lab.organiser.email);
      const mine: LiveTestClient[] = [];
      for (let i = 0; i < LIVE_CONNECTIONS_PER_PERSON; i++) {
        const client = open(first, person);
        await client.connect();
        mine.push(client);
      }
      const oneTooMany = await open(first, person).refused();
      expect(oneTooMany.code).toBe('LIVE_TOO_MANY_CONNECTIONS');
      // Another instance counts its own.
      await open(second, person).connect();

      // The burst is the person's, not each connection's: 60 events at once over 12
      // connections were 5 each within every connection's own burst; now the person's burst
      // (and what refills while they arrive) is all that passes.
      const started = Date.now();
      const acks = await Promise.all(
        Array.from({ length: 60 }, (_, i) => mine[i % mine.length].request('time:sync', {})),
      );
      const seconds = (Date.now() - started) / 1000;
      const accepted = acks.filter((a) => a.ok).length;
      expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.code === 'LIVE_RATE_LIMITED')).toBe(
        true,
      );
      expect(accepted).toBeGreaterThanOrEqual(LIVE_RATE_LIMIT.burst);
      expect(accepted).toBeLessThanOrEqual(
        LIVE_RATE_LIMIT.burst + Math.ceil(seconds * LIVE_RATE_LIMIT.perSecond),
      );
      expect(accepted).toBeLessThan(60);

      // A closed connection makes room for a new one.
      const closing = disconnection(mine[0]);
      mine[0].close();
      await closing;
      await expect
        .poll(async () => {
          const client = open(first, person);
          try {
            await client.connect();
            return 'connected';
          } catch {
            client.close();
            return 'refused';
          }
        })
        .toBe('connected');
    });
  });
});
