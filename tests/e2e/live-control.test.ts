import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveAck, RoomsActivity } from '@ideas-lab/live';
import { TransactionRunner } from '@ideas-lab/platform';
import { bearer, type Session } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function ok<R>(ack: LiveAck<R>): R {
  if (!ack.ok) throw new Error(`refused: ${ack.code} ${ack.message}`);
  return ack;
}

describe('live control room: pins, room tiles, mentors on the move, moves, recreated rooms, team chat', () => {
  let app: TestApp;
  let lab: LiveLab;
  let round: { roundId: string; roomA: string; roomB: string };
  const clients: LiveTestClient[] = [];
  let organiser: LiveTestClient;
  let mentor: LiveTestClient;
  /** people[0..2] sit in room A, people[3..5] in room B; room A is mentored. */
  let people: LiveTestClient[];
  const connect = async (session: Session, extra: { lastSeenMessageId?: string | null } = {}) => {
    const client = liveClient(app.baseUrl, session, lab.labId, extra);
    clients.push(client);
    const snapshot = await client.connect();
    return { client, snapshot };
  };
  const reconnect = async (i: number, extra: { lastSeenMessageId?: string | null } = {}) => {
    people[i].close();
    const again = await connect(lab.participants[i], extra);
    people[i] = again.client;
    return again.snapshot;
  };
  const roundsPath = () => `/api/labs/${lab.labId}/sessions/${lab.sessionId}/rounds`;

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'ctl', 6);
    round = await lab.createRound('Round 1');
    organiser = (await connect(lab.organiser)).client;
    mentor = (await connect(lab.mentor)).client;
    people = [];
    for (const p of lab.participants) people.push((await connect(p)).client);
    ok(await organiser.request('round:open', { roundId: round.roundId, durationSeconds: 900 }));
    for (const client of [mentor, ...people]) await client.next('room:assigned');
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('pins instructions for every room or one room: stored, pushed to whom they are for, in every snapshot until unpinned', async () => {
    expect(await people[0].request('pin:set', { message: 'Hi' })).toMatchObject({
      ok: false,
      code: 'LIVE_ORGANISER_REQUIRED',
    });
    expect(await organiser.request('pin:set', { message: '   ' })).toMatchObject({
      ok: false,
      code: 'LIVE_VALIDATION_FAILED',
    });
    expect(
      await organiser.request('pin:set', { message: 'Room?', roomId: randomUUID() }),
    ).toMatchObject({ ok: false, code: 'LIVE_ROOM_NOT_FOUND' });

    const everyone = ok(
      await organiser.request('pin:set', { message: '  Everyone: one idea each  ' }),
    ).pin;
    expect(everyone).toMatchObject({
      roomId: null,
      message: 'Everyone: one idea each',
      pinnedBy: { userId: lab.organiser.userId },
      unpinnedAt: null,
    });
    for (const client of [organiser, mentor, ...people])
      expect((await client.next('pin:added', (p) => p.id === everyone.id)).message).toBe(
        'Everyone: one idea each',
      );
    const roomA = ok(
      await organiser.request('pin:set', {
        message: 'Room A: start with the data you have',
        roomId: round.roomA,
      }),
    ).pin;
    expect((await people[0].next('pin:added', (p) => p.id === roomA.id)).roomId).toBe(round.roomA);
    expect((await organiser.next('pin:added', (p) => p.id === roomA.id)).roomId).toBe(round.roomA);
    // Room B never hears of room A's pin: a later broadcast to B arrives, the pin does not.
    ok(await organiser.request('broadcast', { message: 'sentinel B', roomId: round.roomB }));
    await people[3].next('broadcast:message', (b) => b.message === 'sentinel B');
    expect(people[3].all('pin:added')).toEqual([]);

    // Stored: a reconnect on any device gets the pins of the lab and of its own room.
    expect((await reconnect(0)).pinned.map((p) => p.id)).toEqual([everyone.id, roomA.id]);
    expect((await reconnect(3)).pinned.map((p) => p.id)).toEqual([everyone.id]);
    const organiserAgain = await connect(lab.organiser);
    expect(organiserAgain.snapshot.pinned.map((p) => p.id)).toEqual([everyone.id, roomA.id]);
    organiserAgain.client.close();

    const removed = ok(await organiser.request('pin:clear', { pinId: roomA.id })).pin;
    expect(removed.unpinnedAt).not.toBeNull();
    expect((await people[0].next('pin:removed')).id).toBe(roomA.id);
    expect(await organiser.request('pin:clear', { pinId: roomA.id })).toMatchObject({
      ok: false,
      code: 'LIVE_PIN_REMOVED',
    });
    expect(await organiser.request('pin:clear', { pinId: randomUUID() })).toMatchObject({
      ok: false,
      code: 'LIVE_PIN_NOT_FOUND',
    });
    expect((await reconnect(0)).pinned.map((p) => p.id)).toEqual([everyone.id]);
    const rows = await lab.db.query(
      `SELECT count(*)::int AS n, count(unpinned_at)::int AS unpinned FROM pinned_instructions WHERE lab_id = $1`,
      [lab.labId],
    );
    expect(rows.rows[0]).toEqual({ n: 2, unpinned: 1 });
  });

  it('reads a reconnecting participant’s whole snapshot in one statement, one round trip', async () => {
    // Every statement the app sends outside a transaction goes through this one method.
    const sent = vi.spyOn(
      app.app.get(TransactionRunner) as unknown as { rowsOf(sql: string): Promise<unknown[]> },
      'rowsOf',
    );
    let statements: string[];
    let snapshot;
    try {
      snapshot = await reconnect(0);
    } finally {
      statements = sent.mock.calls.map(([sql]) => sql);
      sent.mockRestore();
    }
    expect(snapshot.room?.id).toBe(round.roomA);
    // The one that checks the token's epoch reads everything else the snapshot holds.
    const handshake = statements.filter((sql) => sql.includes('token_epoch'));
    expect(handshake).toHaveLength(1);
    for (const table of [
      'breakout_assignments',
      'team_members',
      'chat_messages',
      'help_requests',
      'time_requests',
      'pinned_instructions',
    ])
      expect(handshake[0]).toContain(table);
  });

  it('shows organisers every room as a tile (present, mentor, chat, help) without joining, and pushes changes', async () => {
    expect(await people[1].request('rooms:activity', {})).toMatchObject({
      ok: false,
      code: 'LIVE_ORGANISER_REQUIRED',
    });
    ok(
      await people[1].request('chat:send', {
        channel: `room:${round.roomA}`,
        clientMessageId: 'tile-1',
        body: 'Our first idea',
      }),
    );
    const asked = ok(await people[4].request('help:request', { topic: 'statistics' })).request;
    // The push comes after the changes, at most one a second.
    const pushed = await organiser.next(
      'rooms:activity',
      (a) =>
        tile(a, round.roomB)?.openHelpRequests.length === 1 &&
        (tile(a, round.roomA)?.messageCount ?? 0) >= 1,
      4_000,
    );
    const asAsked = ok(await organiser.request('rooms:activity', {}));
    for (const activity of [pushed, asAsked]) {
      expect(activity.round?.id).toBe(round.roundId);
      const a = tile(activity, round.roomA)!;
      expect(a.seated.map((p) => p.userId).sort()).toEqual(ids(0, 1, 2));
      expect(a.present.map((p) => p.userId).sort()).toEqual(ids(0, 1, 2));
      expect(a.mentorPresent).toBe(true);
      expect(a.mentorsHere.map((m) => m.userId)).toEqual([lab.mentor.userId]);
      expect(a.messageCount).toBe(1);
      expect(Date.parse(a.lastMessageAt!)).toBeGreaterThan(Date.now() - 60_000);
      const b = tile(activity, round.roomB)!;
      expect(b.mentorPresent).toBe(false);
      expect(b.messageCount).toBe(0);
      expect(b.openHelpRequests.map((h) => h.id)).toEqual([asked.id]);
    }
    // Organisers are never counted as present in a room.
    expect(organiser.socket.connected).toBe(true);

    // Someone drops: the tile follows.
    people[5].close();
    const after = await organiser.next(
      'rooms:activity',
      (a) =>
        tile(a, round.roomB)
          ?.present.map((p) => p.userId)
          .sort()
          .join() === ids(3, 4).join(),
      4_000,
    );
    expect(
      tile(after, round.roomB)!
        .present.map((p) => p.userId)
        .sort(),
    ).toEqual(ids(3, 4));
    expect(tile(after, round.roomB)!.seated).toHaveLength(3);
    people[5] = (await connect(lab.participants[5])).client;
  });

  it('tells the asking room which mentor is coming; a mentor moving between rooms is seen by organisers and both rooms', async () => {
    const waiting = ok(await organiser.request('rooms:activity', {})).rooms.find(
      (r) => r.room.id === round.roomB,
    )!.openHelpRequests[0];
    ok(await mentor.request('help:claim', { requestId: waiting.id }));
    for (const i of [3, 4]) {
      const coming = await people[i].next('help:coming');
      expect(coming).toMatchObject({
        requestId: waiting.id,
        topic: 'statistics',
        roomId: round.roomB,
        mentor: { userId: lab.mentor.userId },
      });
    }
    expect(people[0].all('help:coming')).toEqual([]);

    expect(await people[0].request('mentor:visit', { roomId: round.roomB })).toMatchObject({
      ok: false,
      code: 'LIVE_MENTOR_REQUIRED',
    });
    expect(await mentor.request('mentor:visit', { roomId: randomUUID() })).toMatchObject({
      ok: false,
      code: 'LIVE_ROOM_NOT_FOUND',
    });
    expect(ok(await mentor.request('mentor:visit', { roomId: round.roomB })).roomId).toBe(
      round.roomB,
    );
    const moved = (c: LiveTestClient) =>
      c.next('mentor:moved', (m) => m.fromRoomId === round.roomA && m.toRoomId === round.roomB);
    for (const client of [organiser, people[0], people[3]])
      expect((await moved(client)).mentor.userId).toBe(lab.mentor.userId);
    // The mentor is in room B now: its chat reaches them and they can write there.
    const hello = ok(
      await mentor.request('chat:send', {
        channel: `room:${round.roomB}`,
        clientMessageId: 'mentor-b-1',
        body: 'On my way with the statistics',
      }),
    );
    expect((await people[4].next('chat:message')).id).toBe(hello.message.id);
    const tiles = ok(await organiser.request('rooms:activity', {}));
    expect(tile(tiles, round.roomB)!.mentorsHere.map((m) => m.userId)).toEqual([lab.mentor.userId]);
    expect(tile(tiles, round.roomA)!.mentorPresent).toBe(false);

    // The visit is the mentor's room of record: their last connection leaving and a new one
    // arriving are seen as leaving and entering room B.
    mentor.close();
    expect(
      await organiser.next('mentor:moved', (m) => m.fromRoomId === round.roomB && !m.toRoomId),
    ).toMatchObject({ mentor: { userId: lab.mentor.userId } });
    const back = await connect(lab.mentor);
    mentor = back.client;
    expect(back.snapshot.room?.id).toBe(round.roomB);
    expect(
      await organiser.next('mentor:moved', (m) => !m.fromRoomId && m.toRoomId === round.roomB),
    ).toMatchObject({ mentor: { userId: lab.mentor.userId } });

    // Leaving the visit puts the mentor back in the room they mentor.
    expect(ok(await mentor.request('mentor:visit', { roomId: null })).roomId).toBe(round.roomA);
    expect(
      (
        await people[0].next(
          'mentor:moved',
          (m) => m.fromRoomId === round.roomB && m.toRoomId === round.roomA,
        )
      ).mentor.userId,
    ).toBe(lab.mentor.userId);
  });

  it('moving a participant gives the room-mates of both the old and the new room their new lists', async () => {
    const moved = await request(app.baseUrl)
      .post(`${roundsPath()}/${round.roundId}/moves`)
      .set(bearer(lab.organiser))
      .send({ userId: lab.participants[2].userId, roomId: round.roomB });
    expect(moved.status).toBe(200);
    const assigned = await people[2].next('room:assigned');
    expect(assigned.room.id).toBe(round.roomB);
    // The pins of the new room come with it (room B has none of its own; room A's is gone).
    expect(assigned.pinned.map((p) => p.message)).toEqual(['Everyone: one idea each']);
    const oldRoom = await people[0].next('room:mates', (m) => m.roomId === round.roomA);
    expect(oldRoom.roomMates.map((p) => p.userId).sort()).toEqual(ids(0, 1));
    const newRoom = await people[3].next('room:mates', (m) => m.roomId === round.roomB);
    expect(newRoom.roomMates.map((p) => p.userId).sort()).toEqual(ids(2, 3, 4, 5));
    // The one who moved hears its new room's list too (it is in room B now), not room A's.
    expect((await people[2].next('room:mates')).roomId).toBe(round.roomB);
  });

  it('recreates the rooms of the open round by size: everyone is told where to go, organisers get the layout', async () => {
    expect(
      await people[0].request('rooms:recreate', { roundId: round.roundId, from: 'size' }),
    ).toMatchObject({ ok: false, code: 'LIVE_ORGANISER_REQUIRED' });
    expect(
      await organiser.request('rooms:recreate', { roundId: round.roundId, from: 'plan' }),
    ).toMatchObject({ ok: false, code: 'ROOMS_RECREATE_INVALID' });
    expect(
      await organiser.request('rooms:recreate', { roundId: round.roundId, from: 'size' }),
    ).toMatchObject({ ok: false, code: 'ROOMS_RECREATE_INVALID' });
    expect(
      await organiser.request('rooms:recreate', {
        roundId: round.roundId,
        from: 'size',
        roomSize: 1,
      }),
    ).toMatchObject({ ok: false, code: 'LIVE_VALIDATION_FAILED' });

    const done = ok(
      await organiser.request('rooms:recreate', {
        roundId: round.roundId,
        from: 'size',
        roomSize: 2,
      }),
    );
    expect(done.rooms).toHaveLength(3);
    expect(done.seated).toBe(6);
    expect(done.rooms.map((r) => r.seated.length)).toEqual([2, 2, 2]);
    expect(done.rooms.slice(0, 2).map((r) => r.room.id)).toEqual([round.roomA, round.roomB]);
    const seatedIn = new Map(
      done.rooms.flatMap((r) => r.seated.map((p) => [p.userId, r.room.id] as const)),
    );
    for (const [i, client] of people.entries()) {
      const assigned = await client.next(
        'room:assigned',
        (a) => a.room.id === seatedIn.get(lab.participants[i].userId),
      );
      expect(assigned.roomMates.map((p) => p.userId)).toContain(lab.participants[i].userId);
      expect(assigned.roomMates).toHaveLength(2);
    }
    const recreated = await organiser.next('rooms:recreated');
    expect(recreated.rooms.map((r) => r.room.id)).toEqual(done.rooms.map((r) => r.room.id));
    // The room of record follows: a reconnect lands in the new room.
    const snapshot = await reconnect(0);
    expect(snapshot.room?.id).toBe(seatedIn.get(lab.participants[0].userId));
    // Fewer, larger rooms, only for the people connected now: the surplus room of an open
    // round stays (empty, its chat kept), the one who is offline is left out.
    people[5].close();
    const smaller = ok(
      await organiser.request('rooms:recreate', {
        roundId: round.roundId,
        from: 'size',
        roomSize: 3,
        onlineOnly: true,
      }),
    );
    expect(smaller.rooms.map((r) => r.seated.length).sort()).toEqual([0, 2, 3]);
    expect(smaller.rooms[2].room.id).toBe(done.rooms[2].room.id);
    expect(smaller.seated).toBe(5);
    expect(smaller.rooms.flatMap((r) => r.seated.map((p) => p.userId))).not.toContain(
      lab.participants[5].userId,
    );
    for (const [i, client] of people.slice(0, 5).entries()) {
      const where = smaller.rooms.find((r) =>
        r.seated.some((p) => p.userId === lab.participants[i].userId),
      )!;
      expect(
        (await client.next('room:assigned', (a) => a.room.id === where.room.id)).roomMates,
      ).toHaveLength(where.seated.length);
    }
    expect((await connect(lab.participants[5])).snapshot.room).toBeNull();
    const audit = await lab.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'breakout.rooms_recreated' AND entity_id = $1`,
      [round.roundId],
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it('recreates a planned round as its adopted plan made it, undoing a manual move', async () => {
    const sessionPath = `/api/labs/${lab.labId}/sessions/${lab.sessionId}`;
    const plan = await request(app.baseUrl)
      .post(`${sessionPath}/plans`)
      .set(bearer(lab.organiser))
      .send({ rounds: 2, roomSize: 3, seed: '7' });
    expect(plan.status).toBe(201);
    const adopted = await request(app.baseUrl)
      .post(`${sessionPath}/plans/${plan.body.id}/adopt`)
      .set(bearer(lab.organiser));
    expect(adopted.status).toBe(200);
    const next = (
      adopted.body.rounds as { id: string; state: string; rooms: { id: string }[] }[]
    ).find((r) => r.state === 'planned')!;
    const seatsOf = async () =>
      (
        await lab.db.query(
          `SELECT user_id, room_id FROM breakout_assignments WHERE round_id = $1 ORDER BY user_id`,
          [next.id],
        )
      ).rows;
    const planned = await seatsOf();
    const someone = planned[0] as { user_id: string; room_id: string };
    const elsewhere = next.rooms.find((r) => r.id !== someone.room_id)!.id;
    expect(
      (
        await request(app.baseUrl)
          .post(`${roundsPath()}/${next.id}/moves`)
          .set(bearer(lab.organiser))
          .send({ userId: someone.user_id, roomId: elsewhere })
      ).status,
    ).toBe(200);
    expect(await seatsOf()).not.toEqual(planned);
    const done = ok(await organiser.request('rooms:recreate', { roundId: next.id, from: 'plan' }));
    expect(done.round.state).toBe('planned');
    expect(await seatsOf()).toEqual(planned);
    expect((await organiser.next('rooms:recreated', (r) => r.round.id === next.id)).rooms).toEqual(
      done.rooms,
    );
  });

  it('keeps team chat to the team and the organisers: stored once per client message id, paged over HTTP', async () => {
    const teams = `/api/labs/${lab.labId}/teams`;
    const created = await request(app.baseUrl)
      .post(teams)
      .set(bearer(lab.organiser))
      .send({ name: 'Twin', memberIds: [lab.participants[0].userId, lab.participants[1].userId] });
    expect(created.status).toBe(201);
    const teamId: string = created.body.id;
    expect(created.body.members).toHaveLength(2);
    // Members connected now join the team's chat at once.
    for (const i of [0, 1]) expect((await people[i].next('team:joined')).id).toBe(teamId);
    ok(
      await people[1].request('chat:send', {
        channel: `team:${teamId}`,
        clientMessageId: 'team-0',
        body: 'Hello team',
      }),
    );
    expect(
      (await people[0].next('chat:message', (m) => m.clientMessageId === 'team-0')).channel,
    ).toBe(`team:${teamId}`);
    expect(
      (
        await request(app.baseUrl)
          .post(teams)
          .set(bearer(lab.organiser))
          .send({ name: 'Twin', memberIds: [] })
      ).body.code,
    ).toBe('TEAM_NAME_TAKEN');
    expect(
      (
        await request(app.baseUrl)
          .post(teams)
          .set(bearer(lab.organiser))
          .send({ name: 'Other', memberIds: [randomUUID()] })
      ).body.code,
    ).toBe('TEAM_MEMBER_INVALID');
    expect((await request(app.baseUrl).get(teams).set(bearer(lab.participants[2]))).body).toEqual(
      [],
    );
    expect(
      (await request(app.baseUrl).get(teams).set(bearer(lab.participants[0]))).body.map(
        (t: { id: string }) => t.id,
      ),
    ).toEqual([teamId]);

    // Team members join the team's channel on (re)connect.
    const lastSeen = ok(
      await people[1].request('chat:send', {
        channel: 'lab',
        clientMessageId: 'before-team',
        body: 'lab message',
      }),
    ).message.id;
    expect((await reconnect(0)).teams.map((t) => t.id)).toEqual([teamId]);
    people[1].close();
    const channel = `team:${teamId}`;
    const first = ok(
      await people[0].request('chat:send', {
        channel,
        clientMessageId: 'team-1',
        body: 'Team: draft the aims',
      }),
    );
    const retry = ok(
      await people[0].request('chat:send', {
        channel,
        clientMessageId: 'team-1',
        body: 'Team: draft the aims',
      }),
    );
    expect(first.message.channel).toBe(channel);
    expect(retry).toMatchObject({ duplicate: true, message: first.message });
    expect(
      await people[2].request('chat:send', { channel, clientMessageId: 'x', body: 'let me in' }),
    ).toMatchObject({ ok: false, code: 'LIVE_CHANNEL_FORBIDDEN' });
    expect(
      await people[2].request('chat:send', {
        channel: `team:${randomUUID()}`,
        clientMessageId: 'y',
        body: '?',
      }),
    ).toMatchObject({ ok: false, code: 'LIVE_CHANNEL_INVALID' });
    // The member who was away gets the team message it missed in its snapshot.
    const back = await connect(lab.participants[1], { lastSeenMessageId: lastSeen });
    people[1] = back.client;
    expect(back.snapshot.chat.map((m) => m.clientMessageId)).toEqual(['team-1']);
    // A fresh connection (no last message seen) gets the latest of the lab's and its teams'
    // channels, oldest first; someone off the team gets the lab's only.
    const fresh = await connect(lab.participants[1]);
    const freshIds = fresh.snapshot.chat.map((m) => m.clientMessageId);
    expect(freshIds).toEqual(expect.arrayContaining(['before-team', 'team-1']));
    expect(freshIds.indexOf('before-team')).toBeLessThan(freshIds.indexOf('team-1'));
    fresh.client.close();
    const outsider = await connect(lab.participants[2]);
    expect(outsider.snapshot.chat.map((m) => m.clientMessageId)).toContain('before-team');
    expect(outsider.snapshot.chat.map((m) => m.clientMessageId)).not.toContain('team-1');
    outsider.client.close();
    // Non-members never hear it: a later lab message reaches them, the team's did not.
    ok(await organiser.request('chat:send', { channel, clientMessageId: 'org-t', body: 'Nice' }));
    expect((await people[1].next('chat:message', (m) => m.clientMessageId === 'org-t')).body).toBe(
      'Nice',
    );
    ok(
      await organiser.request('chat:send', {
        channel: 'lab',
        clientMessageId: 'after-team',
        body: 'x',
      }),
    );
    await people[2].next('chat:message', (m) => m.clientMessageId === 'after-team');
    expect(people[2].all('chat:message').filter((m) => m.channel === channel)).toEqual([]);
    const stored = await lab.db.query(
      `SELECT count(*)::int AS n FROM chat_messages WHERE team_id = $1`,
      [teamId],
    );
    expect(stored.rows[0].n).toBe(3);

    const history = (who: Session) =>
      request(app.baseUrl)
        .get(`/api/labs/${lab.labId}/chat`)
        .query({ channel, limit: 1 })
        .set(bearer(who));
    const page = await history(lab.participants[1]);
    expect(page.status).toBe(200);
    expect(page.body.messages.map((m: { clientMessageId: string }) => m.clientMessageId)).toEqual([
      'org-t',
    ]);
    const older = await request(app.baseUrl)
      .get(`/api/labs/${lab.labId}/chat`)
      .query({ channel, before: page.body.nextBefore })
      .set(bearer(lab.participants[1]));
    expect(older.body.messages.map((m: { clientMessageId: string }) => m.clientMessageId)).toEqual([
      'team-0',
      'team-1',
    ]);
    expect((await history(lab.organiser)).status).toBe(200);
    const refused = await history(lab.participants[2]);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('LIVE_CHANNEL_FORBIDDEN');
    const labChat = await request(app.baseUrl)
      .get(`/api/labs/${lab.labId}/chat`)
      .query({ channel: 'lab', limit: 200 })
      .set(bearer(lab.participants[2]));
    expect(labChat.body.messages.filter((m: { channel: string }) => m.channel !== 'lab')).toEqual(
      [],
    );
  });

  function ids(...indexes: number[]): string[] {
    return indexes.map((i) => lab.participants[i].userId).sort();
  }
});

function tile(activity: RoomsActivity, roomId: string) {
  return activity.rooms.find((r) => r.room.id === roomId);
}
