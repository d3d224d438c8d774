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

/**
 * A team writes its proposal in the browser: Ada opens the round, writes, sees the budget go
 * over the cap and back, saves; her teammate Ben's save arrives live and replaces what she
 * sees; when both edit at once, her save is refused and the conflict dialog shows his version
 * beside her text, which she keeps and saves on top; on her phone she submits it.
 */
describeBrowser('web client: a team writes its proposal', () => {
  const tag = Date.now().toString(36);
  let app: TestApp;
  let browser: Browser;
  let db: pg.Client;
  let labId = '';
  let roundId = '';
  let teamId = '';
  const team: (Session & { name: string })[] = [];

  beforeAll(async () => {
    requireWebBuild();
    app = await startTestApp();
    browser = await launchChromium();
    const staff = await labWithStaff(app, tag);
    labId = staff.labId;
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    for (const name of ['Ada Lovelace', 'Ben Franklin']) {
      const email = `${name.split(' ')[0].toLowerCase()}-${tag}@example.test`;
      await app.createUser({ email, displayName: name });
      const session = await login(app, email);
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
        [labId, session.userId],
      );
      team.push({ ...session, name });
    }
    const created = await request(app.baseUrl)
      .post(`/api/labs/${labId}/teams`)
      .set(bearer(staff.organiser))
      .send({ name: 'Tumour twins', memberIds: team.map((m) => m.userId) });
    teamId = created.body.id;
    const round = await request(app.baseUrl)
      .post(`/api/labs/${labId}/funding-rounds`)
      .set(bearer(staff.organiser))
      .send({
        name: 'Seed funding',
        pool: 250_000,
        awardCap: 50_000,
        currency: 'USD',
        proposalsDueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        sections: [],
      });
    if (round.status !== 201) throw new Error(`round: ${JSON.stringify(round.body)}`);
    roundId = round.body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.close();
  });

  const bensSave = async (title: string, abstract: string) => {
    const path = `/api/labs/${labId}/funding-rounds/${roundId}/teams/${teamId}/proposal`;
    const current = await request(app.baseUrl).get(path).set(bearer(team[1]));
    const saved = await request(app.baseUrl)
      .post(`${path}/versions`)
      .set(bearer(team[1]))
      .send({
        baseVersion: current.body.latestVersion,
        content: { ...current.body.content, title, abstract },
      });
    expect(saved.status).toBe(201);
    return saved.body.version as number;
  };
  const status = (page: Page, text: string | RegExp) =>
    page.getByRole('status').filter({ hasText: text }).waitFor();

  it('saves, sees a teammate’s save live, keeps its text through a conflict, and submits on a phone', async () => {
    await runJourney('proposals-failure', journey);

    async function journey({ open }: JourneyPages) {
      const ada = await open(desktopContext(browser, app.baseUrl, 'Europe/London'));
      await logInThroughUi(
        ada,
        { email: team[0].email, password: TEST_PASSWORD },
        `/labs/${labId}`,
      );
      await ada
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Proposals' })
        .click();
      await ada.getByRole('heading', { name: 'Seed funding' }).waitFor();
      await ada.getByRole('link', { name: /Open Tumour twins/ }).click();
      await ada.getByRole('textbox', { name: 'Title' }).fill('Patient-specific tumour models');
      await ada.getByRole('textbox', { name: 'Abstract' }).fill('Ada’s first abstract.');
      await ada.getByRole('button', { name: 'Add a budget line' }).click();
      await ada.getByLabel('Description of line 1').fill('Postdoc');
      await ada.getByLabel('Amount of line 1').fill('60000');
      await expect
        .poll(() => ada.getByText(/over the cap/).textContent())
        .toContain('$10,000.00 over the cap');
      await ada.getByLabel('Amount of line 1').fill('40000');
      await expect.poll(() => ada.getByText(/over the cap/).count()).toBe(0);
      await ada.getByRole('button', { name: 'Save', exact: true }).click();
      await status(ada, 'Saved as version 1');
      await expectAccessible(ada, 'proposal editor');

      // Ben saves from elsewhere: it arrives live and replaces what Ada sees (she has no edits).
      await bensSave('Ben’s better title', 'Ada’s first abstract.');
      await status(ada, 'Ben Franklin saved version 2');
      await expect
        .poll(() => ada.getByRole('textbox', { name: 'Title' }).inputValue())
        .toBe('Ben’s better title');

      // Both edit at once: Ada's save meets Ben's version 3 and she keeps her text.
      await ada
        .getByRole('textbox', { name: 'Abstract' })
        .fill('Ada’s rewritten abstract, kept through the conflict.');
      await bensSave('Ben’s third title', 'Ben’s abstract.');
      await ada.getByRole('button', { name: 'Save', exact: true }).click();
      const dialog = ada.getByRole('dialog');
      await dialog.waitFor();
      await expect.poll(() => dialog.textContent()).toContain('Ben’s abstract.');
      await expect
        .poll(() => dialog.textContent())
        .toContain('Ada’s rewritten abstract, kept through the conflict.');
      await expectAccessible(ada, 'proposal conflict dialog');
      await dialog.getByRole('button', { name: 'Save mine as version 4' }).click();
      await status(ada, 'Saved as version 4');
      await expect
        .poll(() => ada.getByRole('textbox', { name: 'Abstract' }).inputValue())
        .toBe('Ada’s rewritten abstract, kept through the conflict.');
      // The versions compare section by section.
      await expect.poll(() => ada.getByRole('region', { name: 'Abstract' }).count()).toBe(1);

      // On her phone she submits it; nothing but tables scrolls sideways.
      const phone = await open(
        phoneContext(browser, app.baseUrl, {
          storageState: await ada.context().storageState(),
          timezoneId: 'Europe/London',
        }),
      );
      await phone.goto(`/labs/${labId}/funding/${roundId}/teams/${teamId}`);
      await phone.getByRole('button', { name: 'Submit version 4' }).click();
      await expect.poll(() => phone.getByText('Submitted', { exact: true }).count()).toBe(1);
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await expectAccessible(phone, 'proposal editor on a phone');
    }
  }, 180_000);
});
