import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, LiveSnapshot } from '@ideas-lab/live';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { REDIS_URL, redisReachable } from '../support/redis.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A participant's client as the web client behaves behind a load balancer: when its
 * connection closes it reconnects, now to the instance left, with the id of the last chat
 * message it saw. `gate` holds the reconnect back, so the test can post chat in the gap.
 */
function failOver(client: LiveTestClient, to: string, gate: Promise<void>) {
  let lastSeen: string | null = null;
  client.socket.on('chat:message', (m: ChatMessage) => (lastSeen = m.id));
  client.socket.on('live:snapshot', (s: LiveSnapshot) => {
    if (s.chat.length > 0) lastSeen = s.chat.at(-1)!.id;
  });
  const back = new Promise<LiveSnapshot>((resolve) => {
    client.socket.once('disconnect', () => {
      void gate.then(() => {
        client.socket.once('live:snapshot', resolve);
        (client.socket.io as unknown as { uri: string }).uri = to;
        client.socket.auth = { ...(client.socket.auth as object), lastSeenMessageId: lastSeen };
        client.socket.connect();
      });
    });
  });
  return back;
}

describe('an instance stopping gracefully during a round, with another on the same Redis', async () => {
  const reachable = await redisReachable(REDIS_URL);
  if (!reachable && process.env.CI === 'true')
    throw new Error(`CI=true and Redis is not reachable at ${REDIS_URL}`);
  if (!reachable)
    process.stderr.write(`\n*** live hand-over tests skipped: no Redis at ${REDIS_URL} ***\n`);

  describe.skipIf(!reachable)('hand-over', () => {
    let staying: TestApp;
    let leaving: TestApp | null = null;
    let lab: LiveLab;
    const clients: LiveTestClient[] = [];
    const connect = async (app: TestApp, session: LiveLab['organiser']) => {
      const client = liveClient(app.baseUrl, session, lab.labId);
      clients.push(client);
      await client.connect();
      return client;
    };

    beforeAll(async () => {
      // A stream and channels of this file's own: other test files may use the same Redis at once.
      const redis = { REDIS_URL, REDIS_PREFIX: `test-${randomUUID()}` };
      staying = await startTestApp(redis);
      leaving = await startTestApp(redis, { database: staying.database });
      lab = await liveLab(staying, 'handover', 6);
    });
    afterAll(async () => {
      for (const client of clients) client.close();
      await lab?.db.end();
      await leaving?.close();
      await staying?.close();
    });

    it('moves every client to the other instance, in its room, with the chat it missed, and presence right', async () => {
      const { roundId, roomA, roomB } = await lab.createRound('Hand-over round');
      const organiser = await connect(staying, lab.organiser);
      const people = [];
      for (const p of lab.participants) people.push(await connect(leaving!, p));
      const opened = await organiser.request('round:open', { roundId, durationSeconds: 600 });
      expect(opened).toMatchObject({ ok: true });
      const rooms = await Promise.all(
        people.map(async (c) => (await c.next('room:assigned')).room.id),
      );
      expect(rooms).toEqual([roomA, roomA, roomA, roomB, roomB, roomB]);

      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => (openGate = resolve));
      const backs = people.map((c) => failOver(c, staying.baseUrl, gate));
      await leaving!.close();
      leaving = null;
      for (const client of people) {
        expect(client.all('live:reconnect')).toHaveLength(1);
        expect(client.socket.connected).toBe(false);
      }

      // While they are away: the organiser writes to everyone, someone in room A to room A.
      const missed = await organiser.request('chat:send', {
        channel: 'lab',
        clientMessageId: 'handover-lab',
        body: 'Back in five minutes, please',
      });
      expect(missed).toMatchObject({ ok: true });
      openGate();
      const snapshots = await Promise.all(backs);

      for (const [i, snapshot] of snapshots.entries()) {
        expect(snapshot.round).toMatchObject({ id: roundId, state: 'open' });
        expect(snapshot.room?.id).toBe(rooms[i]);
        expect(snapshot.chat.map((m) => m.clientMessageId)).toContain('handover-lab');
      }
      // Room chat reaches the moved clients through the instance left.
      const sent = await people[1]!.request('chat:send', {
        channel: `room:${roomA}`,
        clientMessageId: 'handover-room',
        body: 'Here again',
      });
      expect(sent).toMatchObject({ ok: true });
      for (const i of [0, 2])
        expect(
          (await people[i]!.next('chat:message', (m) => m.clientMessageId === 'handover-room'))
            .channel,
        ).toBe(`room:${roomA}`);

      // Presence: everyone once, with one connection, in their room; nobody missing.
      const presence = await organiser.request('presence:list', {});
      if (!presence.ok) throw new Error(presence.message);
      const participants = presence.online.filter((e) => e.roles.includes('participant'));
      expect(participants.map((e) => e.userId).sort()).toEqual(
        lab.participants.map((p) => p.userId).sort(),
      );
      for (const entry of participants) {
        expect(entry.connections).toBe(1);
        const i = lab.participants.findIndex((p) => p.userId === entry.userId);
        expect(entry.roomIds).toEqual([rooms[i]]);
      }
      // The organiser's pushes agree: the last word on each participant is "online, once".
      for (const p of lab.participants) {
        const last = await organiser.next(
          'presence:changed',
          (c) => c.userId === p.userId && c.connections === 1 && c.online,
        );
        expect(last.online).toBe(true);
      }
    }, 60_000);
  });
});
