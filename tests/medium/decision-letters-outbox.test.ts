import { createServer, type Server } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationsService } from '@ideas-lab/applications';
import type { Actor } from '@ideas-lab/domain';
import { ReviewAssignmentService, ReviewRubricService, ReviewsService } from '@ideas-lab/review';
import {
  DecisionLetterSender,
  DecisionLettersService,
  DecisionsService,
  SelectionRunsService,
  type DecisionLetterView,
} from '@ideas-lab/selection';
import { bearer, labWithStaff } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A tiny SMTP server: it refuses a recipient with 451 ("try again later") on their first
 * attempt, and always refuses recipients whose address starts with "never"; every message it
 * accepts is recorded under its recipient.
 */
function fakeSmtpServer() {
  const delivered: string[] = [];
  const tries = new Map<string, number>();
  const server: Server = createServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let recipients: string[] = [];
    socket.write('220 fake.test ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            delivered.push(...recipients);
            recipients = [];
            socket.write('250 2.0.0 queued\r\n');
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake.test\r\n');
        else if (verb === 'RCPT') {
          const to = /<([^>]*)>/.exec(line)?.[1] ?? '';
          const n = (tries.get(to) ?? 0) + 1;
          tries.set(to, n);
          if (n === 1 || to.startsWith('never')) socket.write('451 4.3.0 Try again later\r\n');
          else {
            recipients.push(to);
            socket.write('250 2.1.5 OK\r\n');
          }
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return { server, delivered };
}

describe('the decision letter outbox against PostgreSQL and an SMTP server', () => {
  const smtp = fakeSmtpServer();
  let app: TestApp;
  let second: TestApp;
  let labId: string;
  let organiser: Actor;
  let db: pg.Client;
  let letters: DecisionLettersService;
  let sender: DecisionLetterSender;
  const outbox = async () => (await letters.list(organiser, labId)).letters;
  const byRecipient = (all: DecisionLetterView[]) =>
    Object.fromEntries(all.map((l) => [l.recipient.split('-')[0], l]));
  const waitFor = async (done: (all: DecisionLetterView[]) => boolean) => {
    // The sender polls every 5 s; half a minute leaves room for a loaded machine.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const all = await outbox();
      if (done(all)) return all;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the outbox did not settle');
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
    const address = smtp.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    app = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    const lab = await labWithStaff(app, 'outbox');
    labId = lab.labId;
    organiser = { userId: lab.organiser.userId, isAdmin: false };
    const mentor: Actor = { userId: lab.mentor.userId, isAdmin: false };
    await request(app.baseUrl)
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(lab.organiser))
      .send({ questions: [{ id: 'pitch', type: 'short_text', label: 'Pitch', required: true }] })
      .expect(200);
    await request(app.baseUrl)
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(lab.organiser))
      .send({ to: 'applications_open' })
      .expect(200);
    const applications = app.app.get(ApplicationsService);
    const ids: string[] = [];
    for (const name of ['ada', 'bob', 'never']) {
      const user = await app.createUser({ email: `${name}-outbox@example.test` });
      const actor = { userId: user.id, isAdmin: false };
      const started = await applications.start(actor, labId);
      const updated = await applications.update(actor, started.id, {
        version: 1,
        profile: {
          name,
          affiliation: `Institute ${name}`,
          organisationType: 'university',
          careerStage: 'senior',
          disciplines: ['AI'],
          primaryDiscipline: 'AI',
          expertiseKeywords: ['models'],
          country: 'US',
          availability: Object.fromEntries(started.availability.workshopDays.map((d) => [d, true])),
        },
        answers: { pitch: 'An idea' },
      });
      await applications.submit(actor, started.id, updated.version);
      ids.push(started.id);
    }
    await app.app.get(ReviewRubricService).put(organiser, labId, {
      criteria: [{ id: 'overall', label: 'Overall', weight: 1, scale: { min: 1, max: 10 } }],
    });
    await app.app
      .get(ReviewAssignmentService)
      .run(organiser, labId, { reviewsPerApplication: 1, reviewerIds: [mentor.userId] });
    let score = 9;
    for (const id of ids)
      await app.app.get(ReviewsService).submit(mentor, labId, id, { scores: { overall: score-- } });
    await request(app.baseUrl)
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(lab.organiser))
      .send({ to: 'selection' })
      .expect(200);
    const run = await app.app.get(SelectionRunsService).create(organiser, labId, { capacity: 1 });
    await app.app.get(DecisionsService).adopt(organiser, labId, run.id, {});
    letters = app.app.get(DecisionLettersService);
    sender = app.app.get(DecisionLetterSender);
    await letters.compose(organiser, labId);
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await second?.close();
    await app?.close();
    await new Promise((resolve) => smtp.server.close(resolve));
  });

  it('sends in the background: a refused attempt is recorded and retried after a pause, then sent', async () => {
    const released = await letters.release(organiser, labId);
    expect(released.released).toEqual({ queued: 3 });
    // The release only queued them; the sender's first attempt is refused by the server.
    const failed = await waitFor((all) =>
      all.every((l) => l.attempts === 1 && l.status === 'queued'),
    );
    for (const l of failed) {
      expect(l.lastError).toMatch(/451|rejected/);
      expect(l.sentAt).toBeNull();
      expect(Date.parse(l.nextAttemptAt!)).toBeGreaterThan(Date.now() + 20_000);
    }
    expect(smtp.delivered).toEqual([]);

    // Not due yet: nothing is tried again.
    expect(await sender.sendAllDue()).toEqual({ sent: 0, logged: 0, retrying: 0, failed: 0 });
    // Half a minute later the retry goes through (except for the address the server never takes).
    const later = await sender.sendAllDue(() => new Date(Date.now() + 31_000));
    expect(later).toEqual({ sent: 2, logged: 0, retrying: 1, failed: 0 });
    const after = byRecipient(await outbox());
    for (const name of ['ada', 'bob'])
      expect(after[name]).toMatchObject({
        status: 'sent',
        attempts: 2,
        lastError: null,
        transport: 'smtp',
        nextAttemptAt: null,
      });
    expect(after.never).toMatchObject({ status: 'queued', attempts: 2 });
    expect(after.never.lastError).toMatch(/451|rejected/);
    expect(smtp.delivered.sort()).toEqual(['ada-outbox@example.test', 'bob-outbox@example.test']);
  });

  it('gives up after the last attempt, shows it as failed, and the next release tries again', async () => {
    let clock = Date.now() + 31_000;
    for (let i = 0; i < 6; i++) {
      clock += 3_600_000;
      await sender.sendAllDue(() => new Date(clock));
    }
    const view = await letters.list(organiser, labId);
    const never = byRecipient(view.letters).never;
    expect(never).toMatchObject({ status: 'failed', attempts: 5, nextAttemptAt: null });
    expect(view.counts).toMatchObject({ sent: 2, failed: 1, queued: 0, sending: 0 });
    const edited = await letters.edit(organiser, labId, never.id, { subject: 'Your application' });
    expect(edited.subject).toBe('Your application');

    const again = await letters.release(organiser, labId, new Date(clock));
    expect(again.released).toEqual({ queued: 1 });
    expect(byRecipient(again.letters).never).toMatchObject({
      status: 'queued',
      attempts: 0,
    });
  });

  it('never sends a letter twice when several instances send at the same time', async () => {
    second = await startTestApp({ SMTP_URL: app.config.smtpUrl! }, { database: app.database });
    const otherSender = second.app.get(DecisionLetterSender);
    // Queue every letter of the lab again, due now, and let both instances race for them.
    await db.query(
      `UPDATE decision_letters SET status = 'queued', attempts = 0, next_attempt_at = now(), sent_at = NULL
        WHERE lab_id = $1 AND recipient <> 'never-outbox@example.test'`,
      [labId],
    );
    const deliveredBefore = smtp.delivered.length;
    const rounds = await Promise.all([
      sender.sendAllDue(),
      otherSender.sendAllDue(),
      sender.sendAllDue(),
      otherSender.sendAllDue(),
    ]);
    await waitFor((all) =>
      all.filter((l) => !l.recipient.startsWith('never')).every((l) => l.status === 'sent'),
    );
    const sentByRounds = rounds.reduce((n, r) => n + r.sent, 0);
    const fresh = smtp.delivered.slice(deliveredBefore).sort();
    expect(fresh).toEqual(['ada-outbox@example.test', 'bob-outbox@example.test']);
    // Each letter was sent by exactly one of the instances (the pollers may have taken part too).
    expect(sentByRounds).toBeLessThanOrEqual(2);
  });
});
