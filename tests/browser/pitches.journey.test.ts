import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, labWithStaff, login, type Session } from '../support/api-client.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { expectAccessible } from './support/accessibility.js';
import { describeBrowser, launchChromium, requireWebBuild } from './support/browser.js';
import {
  desktopContext,
  logInThroughUi,
  phoneContext,
  runJourney,
  sidewaysScroll,
  type JourneyPages,
} from './support/journey.js';

const year = new Date().getUTCFullYear() + 1;

/** Seconds on the first countdown of the page (`m:ss`). */
async function secondsOnClock(page: Page): Promise<number> {
  const [minutes, seconds] = ((await page.getByRole('timer').first().textContent()) ?? '')
    .split(':')
    .map(Number);
  return minutes * 60 + seconds;
}

/**
 * Pitches live: the organiser runs the session on a desktop (start, a minute more from the
 * control room, questions, end of the pitch) while a mentor scores the team on stage from a
 * phone, whose countdown jumps with the minute; the score arrives in the organiser's table, the
 * mentor's sheet locks when the pitch closes, and the organiser releases the comment the team
 * then reads.
 */
describeBrowser('web client: pitches scored from a phone while the organiser runs them', () => {
  const tag = Date.now().toString(36);
  let app: TestApp;
  let browser: Browser;
  let db: pg.Client;
  let labId = '';
  let organiser: Session;
  let mentor: Session;
  const people: Session[] = [];

  beforeAll(async () => {
    requireWebBuild();
    app = await startTestApp();
    browser = await launchChromium();
    const staff = await labWithStaff(app, tag);
    ({ labId, organiser, mentor } = staff);
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    for (const name of ['Ada Lovelace', 'Ben Franklin', 'Cy Young', 'Di Prince']) {
      const email = `${name.split(' ')[0].toLowerCase()}-${tag}@example.test`;
      await app.createUser({ email, displayName: name });
      const session = await login(app, email);
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
        [labId, session.userId],
      );
      people.push(session);
    }
    const teamIds: string[] = [];
    for (const [name, members] of [
      ['Tumour twins', people.slice(0, 2)],
      ['Virtual trials', people.slice(2)],
    ] as const) {
      const created = await request(app.baseUrl)
        .post(`/api/labs/${labId}/teams`)
        .set(bearer(organiser))
        .send({ name, memberIds: members.map((m) => m.userId) });
      teamIds.push(created.body.id);
    }
    const session = await request(app.baseUrl)
      .post(`/api/labs/${labId}/sessions`)
      .set(bearer(organiser))
      .send({
        kind: 'pitch',
        title: 'Final pitches',
        startsAt: `${year}-07-15T09:00:00Z`,
        endsAt: `${year}-07-15T12:00:00Z`,
        materials: [],
        meetingUrl: null,
      });
    const order = await request(app.baseUrl)
      .put(`/api/labs/${labId}/pitch-sessions/${session.body.id}`)
      .set(bearer(organiser))
      .send({
        version: 0,
        slots: teamIds.map((teamId) => ({ teamId, pitchSeconds: 600, questionSeconds: 300 })),
      });
    if (order.status !== 200) throw new Error(`order: ${JSON.stringify(order.body)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.close();
  });

  it('runs the stage on a desktop while a mentor scores on a phone; the score locks and its comment reaches the team', async () => {
    await runJourney('pitches-failure', journey);

    async function journey({ open }: JourneyPages) {
      const desk = await open(desktopContext(browser, app.baseUrl, 'Europe/London'));
      await logInThroughUi(
        desk,
        { email: organiser.email, password: TEST_PASSWORD },
        `/labs/${labId}`,
      );
      await desk
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Pitches' })
        .click();
      await desk.getByRole('heading', { name: 'Running order' }).waitFor();
      await expect
        .poll(() => desk.getByRole('list', { name: 'Teams in pitching order' }).textContent())
        .toMatch(/Tumour twins.*Virtual trials/);
      await desk.getByRole('button', { name: 'Start the pitches' }).click();
      await desk.getByRole('status').filter({ hasText: 'Tumour twins is on' }).waitFor();
      await expect.poll(() => desk.getByRole('timer').first().textContent()).toMatch(/^\d+:\d\d$/);
      await expectAccessible(desk, 'pitches, organiser');

      // The mentor, on a phone, scores the team on stage.
      const phone = await open(phoneContext(browser, app.baseUrl, { timezoneId: 'Europe/London' }));
      await logInThroughUi(
        phone,
        { email: mentor.email, password: TEST_PASSWORD },
        `/labs/${labId}/pitches`,
      );
      await phone.getByRole('heading', { name: 'Score the pitches' }).waitFor();
      await expect
        .poll(() =>
          phone.getByLabel('Team', { exact: true }).locator('option:checked').textContent(),
        )
        .toContain('Tumour twins');
      await phone.getByLabel('Idea: 4', { exact: true }).check();
      await phone.getByLabel('Team: 5', { exact: true }).check();
      await phone.getByLabel('Feasibility: 3', { exact: true }).check();
      await phone.getByLabel('Comment to the team').fill('Show one patient end to end.');
      await phone.getByLabel('Private note').fill('Fund if the clinician joins.');
      await phone.getByRole('button', { name: 'Save my score' }).click();
      await phone.getByRole('status').filter({ hasText: 'Draft saved for Tumour twins' }).waitFor();
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await expectAccessible(phone, 'pitch scoring on a phone');

      // The organiser's table shows it live: one mentor, 75 % (4, 5, 3 of 1..5).
      const row = desk.getByRole('row', { name: /Tumour twins/ });
      await expect.poll(() => row.textContent()).toContain('75 %');

      // The organiser gives the team a minute more from the control room: the mentor's phone
      // countdown jumps by it at once and says so.
      await expect.poll(() => phone.getByRole('timer').first().textContent()).toMatch(/^\d+:\d\d$/);
      const beforeMove = await secondsOnClock(phone);
      await desk
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Control room' })
        .click();
      // The Pitches tab has the same clock buttons and stays up while the control room's code
      // loads: wait for the control room before clicking, or the click lands on the old page.
      await desk.getByRole('heading', { name: 'Control room', level: 2 }).waitFor();
      const clockButtons = desk.getByRole('group', { name: "Move Tumour twins's pitch clock" });
      await clockButtons.getByRole('button', { name: '+1 min' }).click();
      await desk
        .getByRole('status')
        .filter({ hasText: "Tumour twins's pitch: 1 min added" })
        .waitFor();
      await desk.getByTestId('pitch-on-stage').getByText('1 min added').waitFor();
      await expect.poll(() => secondsOnClock(phone)).toBeGreaterThan(beforeMove + 30);
      await phone.getByText('1 min added').waitFor();
      await desk
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Pitches' })
        .click();
      await desk.getByRole('heading', { name: 'Running order' }).waitFor();

      // Questions, then the end of the pitch: the phone's sheet locks.
      await desk.getByRole('button', { name: 'Questions now' }).click();
      await desk.getByRole('status').filter({ hasText: 'Questions to Tumour twins' }).waitFor();
      await desk.getByRole('button', { name: 'End questions' }).click();
      await desk.getByRole('status').filter({ hasText: 'scores are locked' }).waitFor();
      await phone.getByText("Tumour twins's pitch has closed: your score is locked.").waitFor();
      await expect.poll(() => phone.getByRole('button', { name: 'Save my score' }).count()).toBe(0);

      // The organiser releases the comment; the team reads it (and not the private note).
      await desk.getByText(/Tumour twins: 1 mentor/).click();
      await desk.getByRole('button', { name: /Release .*comment to Tumour twins/ }).click();
      await desk
        .getByRole('status')
        .filter({ hasText: 'Comment released to Tumour twins' })
        .waitFor();
      const ada = await open(desktopContext(browser, app.baseUrl, 'Europe/London'));
      await logInThroughUi(
        ada,
        { email: people[0].email, password: TEST_PASSWORD },
        `/labs/${labId}/pitches`,
      );
      const comments = ada.getByRole('list', { name: 'Comments to Tumour twins' });
      await expect.poll(() => comments.textContent()).toContain('Show one patient end to end.');
      await expect.poll(() => ada.getByText('Fund if the clinician joins.').count()).toBe(0);
      await expectAccessible(ada, 'pitch feedback, team');

      await desk.getByRole('button', { name: 'Next team: Virtual trials' }).click();
      await desk.getByRole('status').filter({ hasText: 'Virtual trials is on' }).waitFor();
      await expect
        .poll(() =>
          phone.getByLabel('Team', { exact: true }).locator('option:checked').textContent(),
        )
        .toContain('Virtual trials');
    }
  }, 180_000);
});
