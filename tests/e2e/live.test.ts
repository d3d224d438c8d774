import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_RATE_LIMIT } from '@ideas-lab/live';
import { bearer, login, type Session } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('live layer (/live): handshake, control room, rooms, timers, chat', () => {
  let app: TestApp;
  let lab: LiveLab;
  let round: { roundId: string; roomA: string; roomB: string };
  const clients: LiveTestClient[] = [];
  let organiser: LiveTestClient;
  let mentor: LiveTestClient;
  let people: LiveTestClient[];
  const open = (session: Session, extra: { lastSeenMessageId?: string | null } = {}) => {
    const client = liveClient(app.baseUrl, session, lab.labId, extra);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'live');
    round = await lab.createRound('Round 1');
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('refuses a handshake without a valid token or a workshop role in the lab, with a code', async () => {
    expect(
      (
        await liveClient(
          app.baseUrl,
          { ...lab.organiser, accessToken: 'not-a-token' },
          lab.labId,
        ).refused()
      ).code,
    ).toBe('LIVE_UNAUTHENTICATED');
    expect((await liveClient(app.baseUrl, lab.organiser, 'not-a-lab').refused()).code).toBe(
      'LIVE_LAB_REQUIRED',
    );
    await app.createUser({ email: 'live-stranger@example.test' });
    await app.createUser({ email: 'live-applicant@example.test' });
    const stranger = await login(app, 'live-stranger@example.test');
    const applicant = await login(app, 'live-applicant@example.test');
    await lab.db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'applicant')`,
      [lab.labId, applicant.userId],
    );
    expect((await liveClient(app.baseUrl, stranger, lab.labId).refused()).code).toBe(
      'LIVE_LAB_NOT_FOUND',
    );
    expect((await liveClient(app.baseUrl, applicant, lab.labId).refused()).code).toBe(
      'LIVE_ROLE_REQUIRED',
    );
  });

  it('sends a snapshot on connect: no round running yet', async () => {
    organiser = open(lab.organiser);
    mentor = open(lab.mentor);
    people = lab.participants.map((p) => open(p));
    const snapshots = await Promise.all([organiser, mentor, ...people].map((c) => c.connect()));
    for (const snapshot of snapshots) {
      expect(snapshot).toMatchObject({
        labId: lab.labId,
        round: null,
        room: null,
        recovered: false,
      });
      expect(Math.abs(Date.parse(snapshot.serverNow) - Date.now())).toBeLessThan(5_000);
    }
    expect(snapshots[0].me).toMatchObject({ userId: lab.organiser.userId, isOrganiser: true });
    expect(snapshots[2].me).toMatchObject({ roles: ['participant'], isOrganiser: false });
  });

  it('refuses a control-room event from a participant with an error ack; nobody else is affected', async () => {
    const ack = await people[0].request('round:open', { roundId: round.roundId });
    expect(ack).toMatchObject({ ok: false, code: 'LIVE_ORGANISER_REQUIRED' });
    const state = await lab.db.query(`SELECT state FROM breakout_rounds WHERE id = $1`, [
      round.roundId,
    ]);
    expect(state.rows[0].state).toBe('planned');
    expect(people[0].socket.connected).toBe(true);
    expect((await people[1].request('time:sync', {})).ok).toBe(true);
  });

  it('answers a malformed event with a validation error ack naming the fields', async () => {
    const ack = await organiser.request('round:open', {
      roundId: 'round one',
      durationSeconds: -5,
      colour: 'red',
    });
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.code).toBe('LIVE_VALIDATION_FAILED');
    // Worded as HTTP requests are: the field, then what is wrong with it; unknown fields are
    // one problem of the payload naming them.
    expect(ack.details).toEqual([
      { field: 'roundId', message: 'roundId must be a UUID' },
      { field: 'durationSeconds', message: 'durationSeconds must be at least 1' },
      { field: '', message: 'payload has a field this request does not accept: "colour"' },
    ]);
    expect(await organiser.request('time:sync', { now: 1 })).toMatchObject({
      ok: false,
      code: 'LIVE_VALIDATION_FAILED',
      details: [{ field: '', message: expect.stringContaining('"now"') }],
    });
    expect(await organiser.request('chat:send', 'just a string')).toMatchObject({
      ok: false,
      code: 'LIVE_VALIDATION_FAILED',
    });
    expect(organiser.socket.connected).toBe(true);
  });

  it('opens a round: everyone is told its room, room-mates and the deadline', async () => {
    const before = Date.now();
    const ack = await organiser.request('round:open', {
      roundId: round.roundId,
      durationSeconds: 600,
    });
    expect(ack).toMatchObject({
      ok: true,
      rooms: 2,
      seated: 4,
      round: { id: round.roundId, state: 'open' },
    });
    for (const [i, client] of people.entries()) {
      const assigned = await client.next('room:assigned');
      const roomId = i < 2 ? round.roomA : round.roomB;
      expect(assigned.room.id).toBe(roomId);
      expect(assigned.roomMates.map((m) => m.userId).sort()).toEqual(
        lab.participants
          .filter((_, j) => j < 2 === i < 2)
          .map((p) => p.userId)
          .sort(),
      );
      const endsAt = Date.parse(assigned.round.endsAt!);
      expect(endsAt).toBeGreaterThanOrEqual(before + 599_000);
      expect(endsAt).toBeLessThanOrEqual(Date.now() + 601_000);
    }
    expect((await mentor.next('room:assigned')).room).toMatchObject({
      id: round.roomA,
      mentor: { userId: lab.mentor.userId },
    });
    for (const client of [organiser, mentor, ...people])
      expect((await client.next('round:opened')).round.id).toBe(round.roundId);
    expect(organiser.all('room:assigned')).toEqual([]);
  });

  it('keeps room chat in the room, stores a retried message once and acknowledges it with the same message', async () => {
    const first = await people[0].request('chat:send', {
      channel: `room:${round.roomA}`,
      clientMessageId: 'm-1',
      body: 'Hello room A',
    });
    const retry = await people[0].request('chat:send', {
      channel: `room:${round.roomA}`,
      clientMessageId: 'm-1',
      body: 'Hello room A',
    });
    expect(first).toMatchObject({
      ok: true,
      duplicate: false,
      message: { channel: `room:${round.roomA}`, body: 'Hello room A' },
    });
    expect(retry).toMatchObject({ ok: true, duplicate: true });
    if (!first.ok || !retry.ok) return;
    expect(retry.message).toEqual(first.message);
    expect(
      (
        await lab.db.query(
          `SELECT count(*)::int AS n FROM chat_messages WHERE client_message_id = 'm-1'`,
        )
      ).rows[0].n,
    ).toBe(1);
    expect((await people[1].next('chat:message')).id).toBe(first.message.id);
    expect((await mentor.next('chat:message')).id).toBe(first.message.id);
    // Writing in someone else's room is refused.
    expect(
      await people[2].request('chat:send', {
        channel: `room:${round.roomA}`,
        clientMessageId: 'x',
        body: 'sneaking in',
      }),
    ).toMatchObject({ ok: false, code: 'LIVE_CHANNEL_FORBIDDEN' });
    // A lab message reaches everyone; room B never saw room A's message, room A got it once.
    const lab1 = await organiser.request('chat:send', {
      channel: 'lab',
      clientMessageId: 'lab-1',
      body: 'Welcome all',
    });
    expect(lab1.ok).toBe(true);
    for (const client of [organiser, mentor, ...people])
      expect((await client.next('chat:message', (m) => m.clientMessageId === 'lab-1')).body).toBe(
        'Welcome all',
      );
    expect(people[2].all('chat:message')).toEqual([]);
    expect(people[3].all('chat:message')).toEqual([]);
    expect(people[1].all('chat:message')).toEqual([]);
  });

  it('gives a reconnecting participant the same room, the moved timer and exactly the chat it missed', async () => {
    const leaving = people[2];
    const lastSeen = await leaving.request('chat:send', {
      channel: `room:${round.roomB}`,
      clientMessageId: 'b-1',
      body: 'brb',
    });
    if (!lastSeen.ok) throw new Error('send failed');
    await people[3].next('chat:message', (m) => m.clientMessageId === 'b-1');
    leaving.close();
    await people[3].request('chat:send', {
      channel: `room:${round.roomB}`,
      clientMessageId: 'b-2',
      body: 'while you were away',
    });
    await people[0].request('chat:send', {
      channel: `room:${round.roomA}`,
      clientMessageId: 'a-2',
      body: 'room A only',
    });
    await organiser.request('chat:send', {
      channel: 'lab',
      clientMessageId: 'lab-2',
      body: 'five more minutes',
    });
    const moved = await organiser.request('timer:adjust', {
      roundId: round.roundId,
      deltaSeconds: 300,
    });
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    for (const client of [organiser, mentor, people[0], people[1], people[3]])
      expect((await client.next('timer:changed')).endsAt).toBe(moved.round.endsAt);

    const back = open(lab.participants[2], { lastSeenMessageId: lastSeen.message.id });
    const snapshot = await back.connect();
    expect(snapshot.room?.id).toBe(round.roomB);
    expect(snapshot.round).toMatchObject({
      id: round.roundId,
      state: 'open',
      endsAt: moved.round.endsAt,
    });
    expect(snapshot.roomMates.map((m) => m.userId).sort()).toEqual(
      [lab.participants[2].userId, lab.participants[3].userId].sort(),
    );
    expect(snapshot.chat.map((m) => m.clientMessageId)).toEqual(['b-2', 'lab-2']);
    expect(snapshot.session).toMatchObject({ id: lab.sessionId, kind: 'breakout' });
    // Back in the room channel: a room B message reaches the new connection.
    await people[3].request('chat:send', {
      channel: `room:${round.roomB}`,
      clientMessageId: 'b-3',
      body: 'welcome back',
    });
    expect((await back.next('chat:message', (m) => m.clientMessageId === 'b-3')).body).toBe(
      'welcome back',
    );
    people[2] = back;
  });

  it('broadcasts to one room or to the whole lab', async () => {
    expect(
      await organiser.request('broadcast', { message: 'Room B: wrap up', roomId: round.roomB }),
    ).toMatchObject({ ok: true });
    expect((await people[2].next('broadcast:message')).message).toBe('Room B: wrap up');
    expect((await people[3].next('broadcast:message')).roomId).toBe(round.roomB);
    expect(await organiser.request('broadcast', { message: 'Back to plenary soon' })).toMatchObject(
      { ok: true },
    );
    for (const client of [mentor, people[0], people[1]])
      expect((await client.next('broadcast:message')).message).toBe('Back to plenary soon');
    for (const client of [people[2], people[3]])
      expect((await client.next('broadcast:message')).message).toBe('Back to plenary soon');
    expect(await people[0].request('broadcast', { message: 'hi' })).toMatchObject({
      ok: false,
      code: 'LIVE_ORGANISER_REQUIRED',
    });
  });

  it('shows organisers who is online and in which room; participants may not look', async () => {
    const ack = await organiser.request('presence:list', {});
    if (!ack.ok) throw new Error(ack.message);
    const byUser = new Map(ack.online.map((e) => [e.userId, e]));
    expect(byUser.get(lab.participants[0].userId)?.roomIds).toEqual([round.roomA]);
    expect(byUser.get(lab.participants[3].userId)?.roomIds).toEqual([round.roomB]);
    expect(byUser.get(lab.mentor.userId)?.roomIds).toEqual([round.roomA]);
    expect(byUser.size).toBe(6);
    expect(await people[0].request('presence:list', {})).toMatchObject({
      ok: false,
      code: 'LIVE_ORGANISER_REQUIRED',
    });
  });

  it('rate-limits a flooding connection with LIVE_RATE_LIMITED and keeps serving everyone else', async () => {
    const acks = await Promise.all(
      Array.from({ length: LIVE_RATE_LIMIT.burst * 2 }, () => people[1].request('time:sync', {})),
    );
    const limited = acks.filter((a) => !a.ok && a.code === 'LIVE_RATE_LIMITED').length;
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThan(acks.length);
    expect(people[1].socket.connected).toBe(true);
    expect((await people[0].request('time:sync', {})).ok).toBe(true);
  });

  it('pages chat history over HTTP for the people who may read it', async () => {
    const api = () => request(app.baseUrl);
    const labChat = await api().get(`/api/labs/${lab.labId}/chat`).set(bearer(lab.participants[0]));
    expect(labChat.status).toBe(200);
    expect(
      labChat.body.messages.map((m: { clientMessageId: string }) => m.clientMessageId),
    ).toEqual(['lab-1', 'lab-2']);
    const page = await api()
      .get(`/api/labs/${lab.labId}/chat?channel=room:${round.roomB}&limit=2`)
      .set(bearer(lab.participants[3]));
    expect(page.status).toBe(200);
    expect(page.body.messages.map((m: { clientMessageId: string }) => m.clientMessageId)).toEqual([
      'b-2',
      'b-3',
    ]);
    const older = await api()
      .get(
        `/api/labs/${lab.labId}/chat?channel=room:${round.roomB}&limit=2&before=${page.body.nextBefore}`,
      )
      .set(bearer(lab.participants[3]));
    expect(older.body).toMatchObject({ nextBefore: null });
    expect(older.body.messages.map((m: { clientMessageId: string }) => m.clientMessageId)).toEqual([
      'b-1',
    ]);
    const notMine = await api()
      .get(`/api/labs/${lab.labId}/chat?channel=room:${round.roomA}`)
      .set(bearer(lab.participants[3]));
    expect(notMine.status).toBe(403);
    expect(notMine.body.code).toBe('LIVE_CHANNEL_FORBIDDEN');
    expect(
      (
        await api()
          .get(`/api/labs/${lab.labId}/chat?channel=room:${round.roomA}`)
          .set(bearer(lab.organiser))
      ).status,
    ).toBe(200);
    expect(
      (await api().get(`/api/labs/${lab.labId}/chat?channel=everyone`).set(bearer(lab.organiser)))
        .status,
    ).toBe(400);
  });

  it('closes with a grace countdown: everyone sees the countdown, then the round closes once', async () => {
    const ack = await organiser.request('round:close', { roundId: round.roundId, graceSeconds: 1 });
    expect(ack.ok).toBe(true);
    for (const client of [organiser, mentor, ...people])
      expect((await client.next('round:closing')).graceSeconds).toBe(1);
    for (const client of [organiser, mentor, ...people])
      expect((await client.next('round:closed')).roundId).toBe(round.roundId);
    const row = await lab.db.query(`SELECT state FROM breakout_rounds WHERE id = $1`, [
      round.roundId,
    ]);
    expect(row.rows[0].state).toBe('closed');
    const audit = await lab.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'breakout.round_closed' AND entity_id = $1`,
      [round.roundId],
    );
    expect(audit.rows[0].n).toBe(1);
    // Out of the room: room chat is refused now, and a new connection has no room.
    expect(
      await people[0].request('chat:send', {
        channel: `room:${round.roomA}`,
        clientMessageId: 'late',
        body: 'anyone?',
      }),
    ).toMatchObject({ ok: false, code: 'LIVE_CHANNEL_FORBIDDEN' });
    const late = open(lab.participants[0]);
    expect(await late.connect()).toMatchObject({ round: null, room: null });
    expect(
      await organiser.request('timer:adjust', { roundId: round.roundId, deltaSeconds: 60 }),
    ).toMatchObject({ ok: false, code: 'LIVE_ROUND_NOT_OPEN' });
  });
});
