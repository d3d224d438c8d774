import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('room video links: a room’s own link, else the lab’s template, told live', () => {
  let app: TestApp;
  let lab: LiveLab;
  let round: { roundId: string; roomA: string; roomB: string };
  let slug: string;
  let inRoomA: LiveTestClient;
  let inRoomB: LiveTestClient;
  let organiser: LiveTestClient;
  const clients: LiveTestClient[] = [];
  const settingsUrl = () => `/api/labs/${lab.labId}/workshop-settings`;
  const roundUrl = () => `/api/labs/${lab.labId}/sessions/${lab.sessionId}/rounds/${round.roundId}`;
  const putTemplate = (body: object) =>
    request(app.baseUrl).put(settingsUrl()).set(bearer(lab.organiser)).send(body);

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'roomlinks', 2);
    round = await lab.createRound('Round 1');
    slug = (await request(app.baseUrl).get(`/api/labs/${lab.labId}`).set(bearer(lab.organiser)))
      .body.slug;
    const opened = await request(app.baseUrl)
      .post(`${roundUrl()}/state`)
      .set(bearer(lab.organiser))
      .send({ state: 'open' });
    expect(opened.status).toBe(200);
    inRoomA = liveClient(app.baseUrl, lab.participants[0], lab.labId);
    inRoomB = liveClient(app.baseUrl, lab.participants[1], lab.labId);
    organiser = liveClient(app.baseUrl, lab.organiser, lab.labId);
    clients.push(inRoomA, inRoomB, organiser);
    await Promise.all(clients.map((c) => c.connect()));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('a room without a link says so until one is set', async () => {
    const snapshot = await liveClient(app.baseUrl, lab.participants[1], lab.labId).connect();
    expect(snapshot.room).toMatchObject({ id: round.roomB, meetingUrl: null });
    const settings = await request(app.baseUrl).get(settingsUrl()).set(bearer(lab.organiser));
    expect(settings.body).toEqual({
      labId: lab.labId,
      roomLinkTemplate: null,
      exampleLink: null,
      version: 0,
    });
  });

  it.each([
    ['http://meet.jit.si/{lab}-{room}', 'https://'],
    ['https://meet.jit.si/{lab}-{team}', '{team}'],
    ['https://meet.jit.si/{lab}', '{room}'],
    ['not a link {room}', 'web address'],
  ])('refuses the template %s with a field error about %s', async (template, words) => {
    const res = await putTemplate({ version: 0, roomLinkTemplate: template });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ROOM_LINK_TEMPLATE_INVALID');
    expect(res.body.details).toEqual([
      { field: 'roomLinkTemplate', message: expect.stringContaining(words) },
    ]);
  });

  it('a template fills every room without its own link, and the rooms in the open round are told', async () => {
    const res = await putTemplate({
      version: 0,
      roomLinkTemplate: 'https://meet.jit.si/{lab}-{room}',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      exampleLink: `https://meet.jit.si/${slug}-room-1`,
    });
    const toB = await inRoomB.next('room:updated');
    expect(toB.room).toMatchObject({
      id: round.roomB,
      meetingUrl: `https://meet.jit.si/${slug}-room-b`,
      linkFromTemplate: true,
    });
    expect((await inRoomA.next('room:updated')).room.meetingUrl).toBe(
      `https://meet.jit.si/${slug}-room-a`,
    );
    // A reload finds it in the snapshot too.
    const again = liveClient(app.baseUrl, lab.participants[1], lab.labId);
    clients.push(again);
    expect((await again.connect()).room?.meetingUrl).toBe(`https://meet.jit.si/${slug}-room-b`);
  });

  it('a second save over the same version is refused with the settings as they are now', async () => {
    const res = await putTemplate({ version: 0, roomLinkTemplate: 'https://bbb.example/{room}' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('WORKSHOP_SETTINGS_VERSION_CONFLICT');
    expect(res.body.details.current).toMatchObject({
      roomLinkTemplate: 'https://meet.jit.si/{lab}-{room}',
      version: 1,
    });
  });

  it("a room's own link wins over the template: its people and the organisers are told at once", async () => {
    const res = await request(app.baseUrl)
      .patch(`${roundUrl()}/rooms/${round.roomA}`)
      .set(bearer(lab.organiser))
      .send({ meetingUrl: 'https://zoom.example/j/room-a' });
    expect(res.status).toBe(200);
    const roomA = res.body.rounds[0].rooms.find((r: { id: string }) => r.id === round.roomA);
    const roomB = res.body.rounds[0].rooms.find((r: { id: string }) => r.id === round.roomB);
    expect(roomA).toMatchObject({
      meetingUrl: 'https://zoom.example/j/room-a',
      videoUrl: 'https://zoom.example/j/room-a',
    });
    expect(roomB).toMatchObject({
      meetingUrl: null,
      videoUrl: `https://meet.jit.si/${slug}-room-b`,
    });
    expect(
      (await inRoomA.next('room:updated', (n) => n.room.meetingUrl?.includes('zoom') ?? false))
        .room,
    ).toMatchObject({ meetingUrl: 'https://zoom.example/j/room-a', linkFromTemplate: false });
    await organiser.next(
      'room:updated',
      (n) => n.room.id === round.roomA && n.room.meetingUrl === 'https://zoom.example/j/room-a',
    );
    // Room B hears nothing of room A's link.
    expect(inRoomB.all('room:updated').filter((n) => n.room.id === round.roomA)).toEqual([]);
  });

  it('a room link must be an http(s) address', async () => {
    const res = await request(app.baseUrl)
      .patch(`${roundUrl()}/rooms/${round.roomA}`)
      .set(bearer(lab.organiser))
      .send({ meetingUrl: 'javascript:alert(1)' });
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'meetingUrl' });
  });

  it('refuses to rename a room to a name whose call another room of the round has', async () => {
    const res = await request(app.baseUrl)
      .patch(`${roundUrl()}/rooms/${round.roomB}`)
      .set(bearer(lab.organiser))
      .send({ name: 'room a!' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ROOM_NAME_TAKEN');
    expect(res.body.details).toEqual([
      { field: 'name', message: 'shares its video call with "Room A"' },
    ]);
    // Keeping its own name, or taking a free one, is fine.
    const same = await request(app.baseUrl)
      .patch(`${roundUrl()}/rooms/${round.roomB}`)
      .set(bearer(lab.organiser))
      .send({ name: 'Room B' });
    expect(same.status).toBe(200);
  });

  it('refuses a new round whose rooms would share a call, naming the later room', async () => {
    const res = await request(app.baseUrl)
      .post(`/api/labs/${lab.labId}/sessions/${lab.sessionId}/rounds`)
      .set(bearer(lab.organiser))
      .send({
        title: 'Twins',
        durationMinutes: 20,
        mode: 'assigned',
        rooms: [{ name: 'Tumour board' }, { name: 'Garden' }, { name: 'Tumour  Board' }],
      });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ROUND_ROOMS_INVALID');
    expect(res.body.details).toEqual([
      {
        field: 'rooms.2.name',
        message: 'shares its video call with "Tumour board"; give it another name',
      },
    ]);
  });

  it('rooms of the same name in different rounds share their call', async () => {
    const second = await lab.createRound('Round 2', 'none');
    const rooms = await request(app.baseUrl)
      .get(`/api/labs/${lab.labId}/sessions/${lab.sessionId}/rounds`)
      .set(bearer(lab.organiser));
    const roomA = (id: string) =>
      (rooms.body.rounds as { rooms: { id: string; videoUrl: string | null }[] }[])
        .flatMap((r) => r.rooms)
        .find((r) => r.id === id)!;
    expect(roomA(second.roomB).videoUrl).toBe(`https://meet.jit.si/${slug}-room-b`);
    expect(roomA(second.roomB).videoUrl).toBe(roomA(round.roomB).videoUrl);
  });

  it('new rooms made by size take a number no room of the round goes by', async () => {
    const crowd = await liveLab(app, 'roomnumbers', 4);
    try {
      const base = `/api/labs/${crowd.labId}/sessions/${crowd.sessionId}/rounds`;
      const made = await request(app.baseUrl)
        .post(base)
        .set(bearer(crowd.organiser))
        .send({
          title: 'One room',
          durationMinutes: 20,
          mode: 'assigned',
          rooms: [{ name: 'Room 2' }],
        });
      expect(made.status).toBe(201);
      const roundId = (made.body.rounds as { id: string }[])[0].id;
      // Four people in rooms of two: a second room is added, at position 1, and not "Room 2".
      const res = await request(app.baseUrl)
        .post(`${base}/${roundId}/rooms/recreate`)
        .set(bearer(crowd.organiser))
        .send({ from: 'size', roomSize: 2 });
      expect(res.status).toBe(200);
      const names = (res.body.rounds as { rooms: { name: string }[] }[])[0].rooms.map(
        (r) => r.name,
      );
      expect(names).toEqual(['Room 2', 'Room 3']);
    } finally {
      await crowd.db.end();
    }
  });

  it('participants cannot read or change the settings', async () => {
    const read = await request(app.baseUrl).get(settingsUrl()).set(bearer(lab.participants[0]));
    expect(read.status).toBe(403);
    const write = await request(app.baseUrl)
      .put(settingsUrl())
      .set(bearer(lab.participants[0]))
      .send({ version: 1, roomLinkTemplate: null });
    expect(write.status).toBe(403);
  });
});
