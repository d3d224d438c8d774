import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelpRequest, TimeRequest } from '@ideas-lab/live';
import { login, type Session } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('live layer: the help queue and "+2 minutes"', () => {
  let app: TestApp;
  let lab: LiveLab;
  let round: { roundId: string; roomA: string; roomB: string };
  let secondMentor: Session;
  let organiser: LiveTestClient;
  let statsMentor: LiveTestClient;
  let designMentor: LiveTestClient;
  let people: LiveTestClient[];
  const clients: LiveTestClient[] = [];
  const open = (session: Session) => {
    const client = liveClient(app.baseUrl, session, lab.labId);
    clients.push(client);
    return client;
  };
  let fromRoomA: HelpRequest;
  let fromRoomB: HelpRequest;

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'livehelp');
    await app.createUser({ email: 'mentor2-livehelp@example.test', displayName: 'Second mentor' });
    secondMentor = await login(app, 'mentor2-livehelp@example.test');
    await lab.db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'mentor')`,
      [lab.labId, secondMentor.userId],
    );
    round = await lab.createRound('Round 1');
    organiser = open(lab.organiser);
    statsMentor = open(lab.mentor);
    designMentor = open(secondMentor);
    people = lab.participants.map((p) => open(p));
    await Promise.all(clients.map((c) => c.connect()));
    const opened = await organiser.request('round:open', {
      roundId: round.roundId,
      durationSeconds: 600,
    });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    await Promise.all(people.map((p) => p.next('room:assigned')));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('mentors declare their topics; others may not', async () => {
    expect(
      await statsMentor.request('help:topics', {
        topics: ['Statistics', ' statistics ', 'Survey design'],
      }),
    ).toMatchObject({ ok: true, topics: ['statistics', 'survey design'] });
    expect(await designMentor.request('help:topics', { topics: ['Product design'] })).toMatchObject(
      { ok: true },
    );
    expect(await people[0].request('help:topics', { topics: ['anything'] })).toMatchObject({
      ok: false,
      code: 'LIVE_MENTOR_REQUIRED',
    });
    expect(await statsMentor.request('help:topics', { topics: 'statistics' })).toMatchObject({
      ok: false,
      code: 'LIVE_VALIDATION_FAILED',
    });
  });

  it("routes a room's request to the free mentor whose topics fit; only that mentor and the organisers hear of it", async () => {
    expect(await people[0].request('help:request', { topic: '' })).toMatchObject({
      ok: false,
      code: 'LIVE_VALIDATION_FAILED',
    });
    const ack = await people[0].request('help:request', { topic: 'Statistics' });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    fromRoomA = ack.request;
    expect(fromRoomA).toMatchObject({
      topic: 'Statistics',
      state: 'waiting',
      room: { id: round.roomA },
      askedBy: { userId: lab.participants[0].userId },
      routedTo: { userId: lab.mentor.userId },
    });
    expect((await statsMentor.next('help:requested')).id).toBe(fromRoomA.id);
    expect((await organiser.next('help:requested')).id).toBe(fromRoomA.id);
    // One unresolved request per room, whoever in the room asks.
    expect(await people[1].request('help:request', { topic: 'anything' })).toMatchObject({
      ok: false,
      code: 'LIVE_HELP_ALREADY_ASKED',
    });
  });

  it('one mentor claims it, a second claim is refused, only the claimer or an organiser resolves it', async () => {
    expect(await people[0].request('help:claim', { requestId: fromRoomA.id })).toMatchObject({
      ok: false,
      code: 'LIVE_MENTOR_REQUIRED',
    });
    expect(await statsMentor.request('help:claim', { requestId: 'nope' })).toMatchObject({
      ok: false,
      code: 'LIVE_VALIDATION_FAILED',
    });
    const claimed = await statsMentor.request('help:claim', { requestId: fromRoomA.id });
    expect(claimed).toMatchObject({
      ok: true,
      request: { state: 'claimed', claimedBy: { userId: lab.mentor.userId } },
    });
    expect(await designMentor.request('help:claim', { requestId: fromRoomA.id })).toMatchObject({
      ok: false,
      code: 'LIVE_HELP_ALREADY_CLAIMED',
    });
    for (const client of [organiser, designMentor])
      expect((await client.next('help:claimed')).id).toBe(fromRoomA.id);
    // The second mentor never got the request routed to the first.
    expect(designMentor.all('help:requested')).toEqual([]);
    expect(await designMentor.request('help:resolve', { requestId: fromRoomA.id })).toMatchObject({
      ok: false,
      code: 'LIVE_HELP_NOT_YOURS',
    });
  });

  it('routes to a free mentor when the fitting one is busy', async () => {
    const ack = await people[2].request('help:request', { topic: 'statistics' });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    fromRoomB = ack.request;
    expect(fromRoomB.routedTo?.userId).toBe(secondMentor.userId);
    expect((await designMentor.next('help:requested')).id).toBe(fromRoomB.id);
  });

  it("a reconnecting mentor gets its queue in the snapshot; organisers get every request, a participant their room's", async () => {
    const again = open(secondMentor);
    const snapshot = await again.connect();
    expect(snapshot.helpQueue.map((r) => r.id)).toEqual([fromRoomB.id]);
    expect(snapshot.myTopics).toEqual(['product design']);
    const organiserAgain = open(lab.organiser);
    expect((await organiserAgain.connect()).helpQueue.map((r) => r.id)).toEqual([
      fromRoomA.id,
      fromRoomB.id,
    ]);
    // Room B's participant reloads: the room's request is still shown as asked.
    const participantAgain = open(lab.participants[3]);
    const reloaded = await participantAgain.connect();
    expect(reloaded.room?.id).toBe(round.roomB);
    expect(reloaded.helpQueue.map((r) => r.id)).toEqual([fromRoomB.id]);
    // Room A's request was claimed: a reload still says who is coming.
    const roomAAgain = open(lab.participants[1]);
    expect((await roomAAgain.connect()).helpQueue).toMatchObject([
      { id: fromRoomA.id, state: 'claimed', claimedBy: { userId: lab.mentor.userId } },
    ]);
  });

  it('resolving keeps when it was asked, claimed and resolved', async () => {
    const resolved = await statsMentor.request('help:resolve', { requestId: fromRoomA.id });
    expect(resolved).toMatchObject({ ok: true, request: { state: 'resolved' } });
    expect(await statsMentor.request('help:resolve', { requestId: fromRoomA.id })).toMatchObject({
      ok: false,
      code: 'LIVE_HELP_RESOLVED',
    });
    expect((await organiser.next('help:resolved')).id).toBe(fromRoomA.id);
    const row = (
      await lab.db.query(
        `SELECT asked_at, claimed_at, resolved_at FROM help_requests WHERE id = $1`,
        [fromRoomA.id],
      )
    ).rows[0];
    expect(row.asked_at.getTime()).toBeLessThanOrEqual(row.claimed_at.getTime());
    expect(row.claimed_at.getTime()).toBeLessThanOrEqual(row.resolved_at.getTime());
    // The room may ask again now; an organiser resolves a request nobody claimed.
    const next = await people[1].request('help:request', { topic: 'ethics' });
    if (!next.ok) throw new Error(JSON.stringify(next));
    expect(await organiser.request('help:resolve', { requestId: next.request.id })).toMatchObject({
      ok: true,
      request: { state: 'resolved', claimedBy: null },
    });
  });

  it('"+2 minutes": organisers decline or approve; an approval moves everyone\'s timer; once per room unless declined', async () => {
    expect(await people[0].request('time:request', { minutes: 5 })).toMatchObject({
      ok: false,
      code: 'LIVE_VALIDATION_FAILED',
    });
    const asked = await people[0].request('time:request', {});
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    expect(asked.request).toMatchObject({
      room: { id: round.roomA },
      decision: null,
      extraSeconds: 120,
    });
    expect((await organiser.next('time:requested')).id).toBe(asked.request.id);
    expect(await people[1].request('time:request', {})).toMatchObject({
      ok: false,
      code: 'LIVE_TIME_ALREADY_ASKED',
    });
    expect(
      await people[0].request('time:decide', { requestId: asked.request.id, approve: true }),
    ).toMatchObject({ ok: false, code: 'LIVE_ORGANISER_REQUIRED' });

    const declined = await organiser.request('time:decide', {
      requestId: asked.request.id,
      approve: false,
    });
    expect(declined).toMatchObject({ ok: true, request: { decision: 'declined' } });
    for (const client of [people[0], people[1]])
      expect((await client.next('time:decided')).decision).toBe('declined');
    expect(
      await organiser.request('time:decide', { requestId: asked.request.id, approve: true }),
    ).toMatchObject({ ok: false, code: 'LIVE_TIME_ALREADY_DECIDED' });

    const before = (
      await lab.db.query(`SELECT ends_at FROM breakout_rounds WHERE id = $1`, [round.roundId])
    ).rows[0].ends_at as Date;
    const again = await people[1].request('time:request', {});
    if (!again.ok) throw new Error(JSON.stringify(again));
    const approved = await organiser.request('time:decide', {
      requestId: again.request.id,
      approve: true,
    });
    if (!approved.ok) throw new Error(JSON.stringify(approved));
    expect(Date.parse(approved.round.endsAt!) - before.getTime()).toBe(120_000);
    for (const client of [organiser, statsMentor, designMentor, ...people])
      expect((await client.next('timer:changed')).endsAt).toBe(approved.round.endsAt);
    expect(
      (await people[0].next('time:decided', (t: TimeRequest) => t.id === again.request.id))
        .decision,
    ).toBe('approved');
    // Room B never heard of room A's request; the approved room cannot ask again this round.
    expect(people[2].all('time:decided')).toEqual([]);
    expect(await people[0].request('time:request', {})).toMatchObject({
      ok: false,
      code: 'LIVE_TIME_ALREADY_ASKED',
    });
  });

  it("prefers a free mentor outside the room whose topics fit over the room's own mentor; else the room's own mentor has it", async () => {
    // The room's own mentor (Room A) knows statistics; now the second mentor does too.
    expect(
      await designMentor.request('help:topics', { topics: ['Product design', 'Statistics'] }),
    ).toMatchObject({ ok: true });
    const elsewhere = await people[0].request('help:request', { topic: 'statistics' });
    if (!elsewhere.ok) throw new Error(JSON.stringify(elsewhere));
    expect(elsewhere.request).toMatchObject({
      room: { id: round.roomA },
      routedTo: { userId: secondMentor.userId },
      routedToRoomMentor: false,
    });
    await organiser.request('help:resolve', { requestId: elsewhere.request.id });

    expect(await designMentor.request('help:topics', { topics: ['Product design'] })).toMatchObject(
      { ok: true },
    );
    const inRoom = await people[0].request('help:request', { topic: 'statistics' });
    if (!inRoom.ok) throw new Error(JSON.stringify(inRoom));
    expect(inRoom.request).toMatchObject({
      routedTo: { userId: lab.mentor.userId },
      routedToRoomMentor: true,
    });
    await organiser.request('help:resolve', { requestId: inRoom.request.id });
  });

  it('an organiser reloading the control room gets the "+2 minutes" still to decide', async () => {
    const asked = await people[2].request('time:request', {});
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    const reloaded = await open(lab.organiser).connect();
    expect(reloaded.timeRequests.map((t) => t.id)).toContain(asked.request.id);
    expect(reloaded.timeRequests.every((t) => t.decision === null)).toBe(true);
    // The room that asked sees its request after a reload too.
    const participant = await open(lab.participants[2]).connect();
    expect(participant.timeRequests.map((t) => t.id)).toEqual([asked.request.id]);
  });

  it('participants never hear of help requests, and the new events share the per-socket rate limit', async () => {
    for (const client of people) {
      expect(client.all('help:requested')).toEqual([]);
      expect(client.all('help:claimed')).toEqual([]);
      expect(client.all('time:requested')).toEqual([]);
    }
    const acks = await Promise.all(
      Array.from({ length: 30 }, () =>
        people[3].request('help:claim', { requestId: fromRoomB.id }),
      ),
    );
    expect(acks.filter((a) => !a.ok && a.code === 'LIVE_RATE_LIMITED').length).toBeGreaterThan(0);
    expect(people[3].socket.connected).toBe(true);
  });
});
