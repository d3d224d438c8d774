import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('live layer and the workshop HTTP routes: one logic for opening, moving and closing', () => {
  let app: TestApp;
  let lab: LiveLab;
  let round: { roundId: string; roomA: string; roomB: string };
  let organiser: LiveTestClient;
  let people: LiveTestClient[];
  const clients: LiveTestClient[] = [];
  const base = () => `/api/labs/${lab.labId}/sessions/${lab.sessionId}/rounds/${round.roundId}`;

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'livehttp');
    round = await lab.createRound('Round 1');
    organiser = liveClient(app.baseUrl, lab.organiser, lab.labId);
    people = lab.participants.map((p) => liveClient(app.baseUrl, p, lab.labId));
    clients.push(organiser, ...people);
    await Promise.all(clients.map((c) => c.connect()));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('an HTTP open starts the clock and tells every connected participant its room', async () => {
    const before = Date.now();
    const res = await request(app.baseUrl)
      .post(`${base()}/state`)
      .set(bearer(lab.organiser))
      .send({ state: 'open' });
    expect(res.status).toBe(200);
    for (const [i, client] of people.entries()) {
      const assigned = await client.next('room:assigned');
      expect(assigned.room.id).toBe(i < 2 ? round.roomA : round.roomB);
      // The planned 20 minutes, from now.
      expect(Date.parse(assigned.round.endsAt!)).toBeGreaterThanOrEqual(
        before + 20 * 60_000 - 1_000,
      );
      expect(Date.parse(assigned.round.endsAt!)).toBeLessThanOrEqual(
        Date.now() + 20 * 60_000 + 1_000,
      );
    }
    expect((await organiser.next('round:opened')).round).toMatchObject({
      id: round.roundId,
      state: 'open',
    });
    const row = await lab.db.query(`SELECT ends_at FROM breakout_rounds WHERE id = $1`, [
      round.roundId,
    ]);
    expect(row.rows[0].ends_at).not.toBeNull();
    // A room broadcast reaches the room's sockets: they joined it.
    expect(
      await organiser.request('broadcast', { message: 'Room A, hello', roomId: round.roomA }),
    ).toMatchObject({ ok: true });
    expect((await people[0].next('broadcast:message')).message).toBe('Room A, hello');
    expect(people[2].all('broadcast:message')).toEqual([]);
  });

  it('an HTTP move tells the moved participant its new room and moves its sockets', async () => {
    const res = await request(app.baseUrl)
      .post(`${base()}/moves`)
      .set(bearer(lab.organiser))
      .send({ userId: lab.participants[0].userId, roomId: round.roomB });
    expect(res.status).toBe(200);
    const assigned = await people[0].next('room:assigned');
    expect(assigned.room.id).toBe(round.roomB);
    expect(assigned.roomMates.map((m) => m.userId).sort()).toEqual(
      [0, 2, 3].map((i) => lab.participants[i].userId).sort(),
    );
    expect(people[1].all('room:assigned')).toEqual([]);
    expect(
      await organiser.request('broadcast', { message: 'Room B only', roomId: round.roomB }),
    ).toMatchObject({ ok: true });
    expect((await people[0].next('broadcast:message')).message).toBe('Room B only');
    expect(
      await organiser.request('broadcast', { message: 'Room A only', roomId: round.roomA }),
    ).toMatchObject({ ok: true });
    expect(
      (await people[1].next('broadcast:message', (b) => b.message === 'Room A only')).roomId,
    ).toBe(round.roomA);
    expect(people[0].all('broadcast:message')).toEqual([]);
  });

  it('an HTTP swap moves both people', async () => {
    const res = await request(app.baseUrl)
      .post(`${base()}/swaps`)
      .set(bearer(lab.organiser))
      .send({ userIds: [lab.participants[1].userId, lab.participants[2].userId] });
    expect(res.status).toBe(200);
    expect((await people[1].next('room:assigned')).room.id).toBe(round.roomB);
    expect((await people[2].next('room:assigned')).room.id).toBe(round.roomA);
  });

  it('HTTP recreates the rooms of the open round: everyone is told where to go', async () => {
    const invalid = await request(app.baseUrl)
      .post(`${base()}/rooms/recreate`)
      .set(bearer(lab.organiser))
      .send({ from: 'size' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('ROOMS_RECREATE_INVALID');
    const res = await request(app.baseUrl)
      .post(`${base()}/rooms/recreate`)
      .set(bearer(lab.organiser))
      .send({ from: 'size', roomSize: 2 });
    expect(res.status).toBe(200);
    const rooms = (
      res.body.rounds as {
        id: string;
        rooms: { id: string; participants: { userId: string }[] }[];
      }[]
    ).find((r) => r.id === round.roundId)!.rooms;
    for (const [i, client] of people.entries()) {
      const mine = rooms.find((r) =>
        r.participants.some((p) => p.userId === lab.participants[i].userId),
      )!;
      expect(
        (await client.next('room:assigned', (a) => a.room.id === mine.id)).roomMates,
      ).toHaveLength(2);
    }
    expect((await organiser.next('rooms:recreated')).round.id).toBe(round.roundId);
  });

  it('an HTTP close announces round:closed to everyone', async () => {
    const res = await request(app.baseUrl)
      .post(`${base()}/state`)
      .set(bearer(lab.organiser))
      .send({ state: 'closed' });
    expect(res.status).toBe(200);
    for (const client of clients)
      expect((await client.next('round:closed')).roundId).toBe(round.roundId);
  });
});
