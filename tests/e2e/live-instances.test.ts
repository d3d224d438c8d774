import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakoutRoundsService } from '@ideas-lab/workshop';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { REDIS_URL, redisReachable } from '../support/redis.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('live layer with two API instances on one database', () => {
  let first: TestApp;
  let second: TestApp;
  let lab: LiveLab;
  const clients: LiveTestClient[] = [];
  const connect = async (app: TestApp, who: 'organiser' | number) => {
    const session = who === 'organiser' ? lab.organiser : lab.participants[who];
    const client = liveClient(app.baseUrl, session, lab.labId);
    clients.push(client);
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({}, { database: first.database });
    lab = await liveLab(first, 'inst', 2);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await lab?.db.end();
    await second?.close();
    await first?.close();
  });

  it('closes a due round exactly once when both instances race for it', async () => {
    const rounds = [];
    for (let i = 0; i < 6; i++) rounds.push((await lab.createRound(`Race ${i}`, 'none')).roundId);
    // Open them all and put their deadlines in the past, then let both instances poll at once, repeatedly.
    await lab.db.query(
      `UPDATE breakout_rounds SET state = 'open', ends_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`,
      [rounds],
    );
    const timers = [first.app.get(BreakoutRoundsService), second.app.get(BreakoutRoundsService)];
    await Promise.all([...timers, ...timers, ...timers].map((t) => t.tick()));
    const closed = await lab.db.query(
      `SELECT count(*)::int AS n FROM breakout_rounds WHERE id = ANY($1::uuid[]) AND state = 'closed'`,
      [rounds],
    );
    expect(closed.rows[0].n).toBe(rounds.length);
    const audits = await lab.db.query(
      `SELECT entity_id, count(*)::int AS n FROM audit_events WHERE action = 'breakout.round_closed' AND entity_id = ANY($1::text[]) GROUP BY entity_id`,
      [rounds],
    );
    expect(audits.rows.map((r: { n: number }) => r.n)).toEqual(rounds.map(() => 1));
  });

  it('closes a 2-second round on time, announced once, even when the instance that opened it stops', async () => {
    const { roundId } = await lab.createRound('Short round');
    const organiserOnFirst = await connect(first, 'organiser');
    const onFirst = await connect(first, 0);
    const onSecond = await connect(second, 1);
    const ack = await organiserOnFirst.request('round:open', { roundId, durationSeconds: 2 });
    expect(ack).toMatchObject({ ok: true });
    expect((await onFirst.next('room:assigned')).round.id).toBe(roundId);
    // Without Redis each instance reaches only its own clients; the snapshot on the second comes from the database.
    const late = liveClient(second.baseUrl, lab.participants[1], lab.labId);
    clients.push(late);
    const snapshot = await late.connect();
    expect(snapshot.round).toMatchObject({ id: roundId, state: 'open' });
    // The instance that opened the round goes away; the other one closes it at its deadline.
    onFirst.close();
    organiserOnFirst.close();
    await first.app.get(BreakoutRoundsService).onModuleDestroy();
    // Due in 2 s and polled every half second: the wait is long only so that a loaded machine
    // (a poll held up behind other work) does not fail it; a missing close still fails.
    const closedNotice = await onSecond.next('round:closed', (n) => n.roundId === roundId, 20_000);
    expect(Date.parse(closedNotice.closedAt)).toBeGreaterThanOrEqual(
      Date.parse(snapshot.round!.endsAt!) - 50,
    );
    const audits = await lab.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'breakout.round_closed' AND entity_id = $1`,
      [roundId],
    );
    expect(audits.rows[0].n).toBe(1);
    await second.app.get(BreakoutRoundsService).tick();
    expect(onSecond.all('round:closed').filter((n) => n.roundId === roundId)).toEqual([]);
    first.app.get(BreakoutRoundsService).onApplicationBootstrap();
  });

  it('warns at T-1 minute once, from whichever instance gets there first', async () => {
    const { roundId } = await lab.createRound('Warned round', 'none');
    const watcher = await connect(second, 0);
    const other = await connect(first, 1);
    await lab.db.query(
      `UPDATE breakout_rounds SET state = 'open', ends_at = now() + interval '59 seconds', warned_5_at = now(), warned_1_at = NULL WHERE id = $1`,
      [roundId],
    );
    // Both instances poll now, as their timers would (and may as well, meanwhile): once these
    // polls are done the warning has been given by exactly one of them, so the windows below
    // only wait for a notice on its way, not for a timer that a loaded machine may run late.
    const timers = [first.app.get(BreakoutRoundsService), second.app.get(BreakoutRoundsService)];
    await Promise.all(timers.map((timer) => timer.tick()));
    const [a, b] = await Promise.allSettled([
      watcher.next('timer:warning', (w) => w.roundId === roundId, 3_000),
      other.next('timer:warning', (w) => w.roundId === roundId, 3_000),
    ]);
    const received = [a, b].filter((r) => r.status === 'fulfilled');
    expect(received).toHaveLength(1);
    expect((received[0] as PromiseFulfilledResult<{ minutesLeft: number }>).value.minutesLeft).toBe(
      1,
    );
    await lab.db.query(`UPDATE breakout_rounds SET state = 'closed' WHERE id = $1`, [roundId]);
  });
});

describe('live layer with two API instances on one Redis', async () => {
  const reachable = await redisReachable(REDIS_URL);
  if (!reachable && process.env.CI === 'true')
    throw new Error(`CI=true and Redis is not reachable at ${REDIS_URL}`);
  if (!reachable)
    process.stderr.write(`\n*** live Redis tests skipped: no Redis at ${REDIS_URL} ***\n`);

  describe.skipIf(!reachable)('fan-out through the Redis Streams adapter', () => {
    let first: TestApp;
    let second: TestApp;
    let lab: LiveLab;
    const clients: LiveTestClient[] = [];
    const connect = async (
      app: TestApp,
      session: LiveLab['organiser'],
      extra: { lastSeenMessageId?: string } = {},
    ) => {
      const client = liveClient(app.baseUrl, session, lab.labId, extra);
      clients.push(client);
      await client.connect();
      return client;
    };

    beforeAll(async () => {
      // A stream and channels of this file's own: other test files may use the same Redis at once.
      const redis = { REDIS_URL, REDIS_PREFIX: `test-${randomUUID()}` };
      first = await startTestApp(redis);
      second = await startTestApp(redis, { database: first.database });
      lab = await liveLab(first, 'redis', 4);
    });
    afterAll(async () => {
      for (const client of clients) client.close();
      await lab?.db.end();
      await second?.close();
      await first?.close();
    });

    it('delivers a broadcast, room moves and room chat to clients on both instances', async () => {
      const { roundId, roomA, roomB } = await lab.createRound('Round R');
      const organiser = await connect(first, lab.organiser);
      const people = [
        await connect(first, lab.participants[0]),
        await connect(second, lab.participants[1]),
        await connect(second, lab.participants[2]),
        await connect(first, lab.participants[3]),
      ];

      expect(
        await organiser.request('broadcast', { message: 'Hello, both instances' }),
      ).toMatchObject({ ok: true });
      for (const client of people)
        expect((await client.next('broadcast:message')).message).toBe('Hello, both instances');

      expect(
        await organiser.request('round:open', { roundId, durationSeconds: 600 }),
      ).toMatchObject({ ok: true });
      // people 0, 1 are in room A (on different instances); 2, 3 in room B.
      expect((await people[1].next('room:assigned')).room.id).toBe(roomA);
      expect((await people[2].next('room:assigned')).room.id).toBe(roomB);
      const sent = await people[0].request('chat:send', {
        channel: `room:${roomA}`,
        clientMessageId: 'r-1',
        body: 'across instances',
      });
      expect(sent.ok).toBe(true);
      expect((await people[1].next('chat:message')).clientMessageId).toBe('r-1');
      expect(
        await organiser.request('broadcast', { message: 'Room B only', roomId: roomB }),
      ).toMatchObject({ ok: true });
      expect((await people[2].next('broadcast:message')).message).toBe('Room B only');
      expect((await people[3].next('broadcast:message')).message).toBe('Room B only');

      // The control-room tiles count people connected on either instance as present.
      const tiles = await organiser.request('rooms:activity', {});
      if (!tiles.ok) throw new Error(tiles.message);
      expect(
        tiles.rooms
          .find((r) => r.room.id === roomA)
          ?.present.map((p) => p.userId)
          .sort(),
      ).toEqual([lab.participants[0].userId, lab.participants[1].userId].sort());

      const presence = await organiser.request('presence:list', {});
      if (!presence.ok) throw new Error(presence.message);
      expect(presence.online.find((e) => e.userId === lab.participants[1].userId)?.roomIds).toEqual(
        [roomA],
      );

      // Reconnecting to the other instance lands in the same room.
      people[1].close();
      const moved = await connect(
        first,
        lab.participants[1],
        sent.ok ? { lastSeenMessageId: sent.message.id } : {},
      );
      expect(moved.socket.connected).toBe(true);
      expect(
        await organiser.request('broadcast', { message: 'Room A again', roomId: roomA }),
      ).toMatchObject({ ok: true });
      expect((await moved.next('broadcast:message')).message).toBe('Room A again');
    });
  });
});
