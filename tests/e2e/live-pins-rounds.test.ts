import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveAck } from '@ideas-lab/live';
import { bearer } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function ok<R>(ack: LiveAck<R>): R {
  if (!ack.ok) throw new Error(`refused: ${ack.code} ${ack.message}`);
  return ack;
}

describe('pinned instructions belong to their round unless pinned for the whole session', () => {
  let app: TestApp;
  let lab: LiveLab;
  let rounds: { roundId: string; roomA: string; roomB: string }[];
  let organiser: LiveTestClient;
  let inRoomA: LiveTestClient;
  const clients: LiveTestClient[] = [];
  const pinsOf = (pins: { message: string }[]) => pins.map((p) => p.message);
  const open = (roundId: string) =>
    organiser.request('round:open', { roundId, durationSeconds: 900 });
  const close = (roundId: string) => organiser.request('round:close', { roundId });
  /** What a participant of room A sees after a reload. */
  const reloadedPins = async () => {
    const client = liveClient(app.baseUrl, lab.participants[0], lab.labId);
    clients.push(client);
    return pinsOf((await client.connect()).pinned);
  };

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'pinrounds', 2);
    rounds = [
      await lab.createRound('Round 1'),
      await lab.createRound('Round 2'),
      await lab.createRound('Round 3'),
    ];
    organiser = liveClient(app.baseUrl, lab.organiser, lab.labId);
    inRoomA = liveClient(app.baseUrl, lab.participants[0], lab.labId);
    clients.push(organiser, inRoomA);
    await Promise.all(clients.map((c) => c.connect()));
    ok(await open(rounds[0].roundId));
    await inRoomA.next('room:assigned');
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('pins of round 1 go when round 2 opens; a pin for the whole session stays', async () => {
    const roundPin = ok(
      await organiser.request('pin:set', { message: 'Round 1: list three risks' }),
    ).pin;
    expect(roundPin).toMatchObject({ roundId: rounds[0].roundId, forSession: false });
    const sessionPin = ok(
      await organiser.request('pin:set', { message: 'Be kind, be brief', forSession: true }),
    ).pin;
    expect(sessionPin).toMatchObject({ forSession: true });
    ok(
      await organiser.request('pin:set', {
        message: 'Room A: start with the data',
        roomId: rounds[0].roomA,
      }),
    );
    // A room's pin cannot outlive its round: its room goes with it.
    expect(
      await organiser.request('pin:set', {
        message: 'Room A forever',
        roomId: rounds[0].roomA,
        forSession: true,
      }),
    ).toMatchObject({
      ok: false,
      code: 'LIVE_VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'forSession' })],
    });
    expect(await reloadedPins()).toEqual([
      'Round 1: list three risks',
      'Be kind, be brief',
      'Room A: start with the data',
    ]);

    // Closing round 1 leaves the lab's pins up until the next round opens.
    ok(await close(rounds[0].roundId));
    expect(await reloadedPins()).toEqual(['Round 1: list three risks', 'Be kind, be brief']);
    // Pinned between rounds: it is for the round about to open.
    ok(await organiser.request('pin:set', { message: 'Next: pick one risk' }));

    ok(await open(rounds[1].roundId));
    const assigned = await inRoomA.next('room:assigned', (a) => a.round.id === rounds[1].roundId);
    expect(pinsOf(assigned.pinned)).toEqual(['Be kind, be brief', 'Next: pick one risk']);
    // Everyone hears that round 1's lab-wide pin went; organisers hear of the room's too.
    await inRoomA.next('pin:removed', (p) => p.id === roundPin.id);
    const removed = [
      await organiser.next('pin:removed', (p) => p.message === 'Round 1: list three risks'),
      await organiser.next('pin:removed', (p) => p.message === 'Room A: start with the data'),
    ];
    for (const pin of removed) expect(pin.unpinnedAt).not.toBeNull();
    expect(await reloadedPins()).toEqual(['Be kind, be brief', 'Next: pick one risk']);
    const organiserAgain = liveClient(app.baseUrl, lab.organiser, lab.labId);
    clients.push(organiserAgain);
    expect(pinsOf((await organiserAgain.connect()).pinned)).toEqual([
      'Be kind, be brief',
      'Next: pick one risk',
    ]);

    // The rows are kept, ended by the round (no one unpinned them), and the log says so.
    const ended = await lab.db.query(
      `SELECT message, unpinned_by FROM pinned_instructions WHERE lab_id = $1 AND unpinned_at IS NOT NULL ORDER BY message`,
      [lab.labId],
    );
    expect(ended.rows).toEqual([
      { message: 'Room A: start with the data', unpinned_by: null },
      { message: 'Round 1: list three risks', unpinned_by: null },
    ]);
    const audit = await lab.db.query(
      `SELECT entity_id FROM audit_events WHERE lab_id = $1 AND action = 'live.instructions_ended'`,
      [lab.labId],
    );
    expect(audit.rows).toEqual([{ entity_id: rounds[1].roundId }]);
  });

  it('round 3 ends the pin made for round 2, and the session’s pin stays until another session runs', async () => {
    ok(await close(rounds[1].roundId));
    ok(await open(rounds[2].roundId));
    await inRoomA.next('pin:removed', (p) => p.message === 'Next: pick one risk');
    expect(await reloadedPins()).toEqual(['Be kind, be brief']);
    ok(await close(rounds[2].roundId));

    // A round of another breakout session ends the session's pin.
    const year = new Date().getUTCFullYear() + 1;
    const other = await request(app.baseUrl)
      .post(`/api/labs/${lab.labId}/sessions`)
      .set(bearer(lab.organiser))
      .send({
        kind: 'breakout',
        title: 'Afternoon breakouts',
        startsAt: `${year}-07-14T17:00:00Z`,
        endsAt: `${year}-07-14T18:00:00Z`,
      });
    expect(other.status).toBe(201);
    const created = await request(app.baseUrl)
      .post(`/api/labs/${lab.labId}/sessions/${other.body.id}/rounds`)
      .set(bearer(lab.organiser))
      .send({
        title: 'Afternoon 1',
        durationMinutes: 20,
        mode: 'assigned',
        rooms: [{ name: 'X' }],
      });
    expect(created.status).toBe(201);
    // That session is a year ahead: opening its round today needs the organiser's word.
    expect(await open(created.body.rounds[0].id)).toMatchObject({
      ok: false,
      code: 'ROUND_OUTSIDE_SESSION_DAY',
    });
    ok(
      await organiser.request('round:open', {
        roundId: created.body.rounds[0].id,
        confirmOtherDay: true,
      }),
    );
    await inRoomA.next('pin:removed', (p) => p.message === 'Be kind, be brief');
    expect(await reloadedPins()).toEqual([]);
  });
});
