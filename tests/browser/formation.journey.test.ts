import type { Browser } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../support/api-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import {
  describeBrowser,
  launchChromium,
  requireWebBuild,
  screenshotter,
} from './support/browser.js';
import {
  desktopContext,
  logInThroughUi,
  PHONE_VIEWPORT,
  phoneContext,
  runJourney,
  sidewaysScroll,
  type JourneyPages,
} from './support/journey.js';

/**
 * Team formation in the browser. The organiser opens formation and sets the rules on a desktop;
 * a participant rates the shortlisted ideas and names someone to work with on a phone; the others
 * answer through the API. The organiser runs the optimiser, adopts its teams, moves someone with
 * the keyboard-usable move control and reads the rule it breaks, moves them back and confirms a
 * team with a lead and a mentor. The participant then finds their team, why they are on it and
 * the team chat link on the phone.
 */
describeBrowser('web client: team formation', () => {
  let app: TestApp;
  let browser: Browser;
  let lab: LiveLab;
  const ideaIds: string[] = [];
  const shot = screenshotter('formation-');
  const tag = Date.now().toString(36);
  const name = (i: number) => `Participant ${i} ${tag}`;

  beforeAll(async () => {
    requireWebBuild();
    app = await startTestApp();
    browser = await launchChromium();
    lab = await liveLab(app, tag, 6);
    await lab.db.query(`UPDATE labs SET phase = 'workshop' WHERE id = $1`, [lab.labId]);
    for (const title of ['Tumour twin', 'Trial emulator', 'Imaging atlas']) {
      const idea = await request(app.baseUrl)
        .post(`/api/labs/${lab.labId}/ideas`)
        .set(bearer(lab.participants[ideaIds.length]))
        .send({ title, summary: `${title}: what it would do.`, challengeArea: 'Models' });
      if (idea.status !== 201) throw new Error(JSON.stringify(idea.body));
      ideaIds.push(idea.body.id);
    }
    const shortlist = await request(app.baseUrl)
      .put(`/api/labs/${lab.labId}/shortlist`)
      .set(bearer(lab.organiser))
      .send({ ideaIds, version: 0 });
    if (shortlist.status !== 200) throw new Error(JSON.stringify(shortlist.body));
  });

  afterAll(async () => {
    await lab?.db.end();
    await browser?.close();
    await app?.close();
  });

  const emailOf = (session: { email: string }) => session.email;

  it('interests → run → adopt → move → confirm, and the participant finds their team', async () => {
    await runJourney('formation-failure', journey);

    async function journey({ open }: JourneyPages) {
      // --- The organiser opens formation with its rules. ---
      const org = await open(desktopContext(browser, app.baseUrl, 'Europe/Berlin'));
      await logInThroughUi(
        org,
        { email: emailOf(lab.organiser), password: TEST_PASSWORD },
        `/labs/${lab.labId}/formation`,
      );
      await org.getByRole('heading', { name: 'Team formation' }).waitFor();
      await org.getByLabel(/Formation is open/).check();
      await org.getByLabel('Fewest teams').fill('2');
      await org.getByLabel('Most teams').fill('2');
      await org.getByLabel('Smallest').fill('3');
      await org.getByLabel('Largest').fill('3');
      await org.getByLabel(/At least some distinct disciplines/).uncheck();
      await org.getByLabel(/No team all of one career stage/).uncheck();
      await org.getByRole('button', { name: 'Save rules' }).click();
      await org.getByRole('status').filter({ hasText: 'Rules saved.' }).waitFor();
      await expect
        .poll(() => org.getByText(/formation is (open|closed)/).textContent())
        .toContain('formation is open');
      await shot(org, 'rules');

      // --- A participant states interests on a phone. ---
      const phone = await open(
        desktopContext(browser, app.baseUrl, 'Europe/Berlin', {
          viewport: PHONE_VIEWPORT,
          isMobile: true,
          hasTouch: true,
        }),
      );
      const me = lab.participants[0];
      await logInThroughUi(
        phone,
        { email: emailOf(me), password: TEST_PASSWORD },
        `/labs/${lab.labId}/interests`,
      );
      const twin = phone.getByRole('group', { name: 'My interest in Tumour twin' });
      await twin.getByLabel('Very keen').check();
      await phone
        .getByRole('group', { name: 'My interest in Imaging atlas' })
        .getByLabel('Keen', { exact: true })
        .check();
      const wants = phone.getByRole('group', { name: 'People I want to work with' });
      await wants.getByLabel('Find by name').fill(`Participant 1 ${tag}`);
      await phone.getByRole('button', { name: `Add ${name(1)}` }).click();
      await expect.poll(() => wants.getByRole('list').first().textContent()).toContain(name(1));
      await phone.getByLabel('Skills I bring').fill('statistics, imaging');
      await phone.getByRole('button', { name: 'Save my interests' }).click();
      await phone
        .getByRole('status')
        .filter({ hasText: /Saved\. Only you/ })
        .waitFor();
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await shot(phone, 'interests-phone');

      // The others answer through the API: everyone keen on the first two ideas.
      for (const [i, person] of lab.participants.entries()) {
        if (i === 0) continue;
        const res = await request(app.baseUrl)
          .put(`/api/labs/${lab.labId}/formation/interests/me`)
          .set(bearer(person))
          .send({
            ratings: { [ideaIds[i % 2]]: 3 },
            wants: [],
            avoids: [],
            skills: [],
            version: 0,
          });
        expect(res.status).toBe(200);
      }

      // --- The organiser runs the optimiser and adopts its teams. ---
      await org.getByLabel('Seed (optional)').fill('journey');
      await org.getByRole('button', { name: 'Run the optimiser' }).click();
      await org.getByRole('heading', { name: /Run journey: Best possible teams/ }).waitFor();
      const proposed = org.getByRole('list', { name: 'Proposed teams' });
      await expect.poll(() => proposed.getByRole('listitem').count()).toBe(2);
      await expect.poll(() => proposed.getByRole('figure').count()).toBe(6);
      await shot(org, 'run');
      await org.getByRole('button', { name: 'Adopt these teams' }).click();
      await org
        .getByRole('status')
        .filter({ hasText: /^Adopted/ })
        .waitFor();
      const teams = org.getByRole('heading', { name: 'Teams now' }).locator('..');
      await expect.poll(() => teams.getByRole('listitem', { name: /^Team / }).count()).toBe(2);
      const twinTeam = org.getByRole('listitem', { name: 'Team Tumour twin' });
      await expect.poll(() => twinTeam.textContent()).toContain(name(0));

      // --- A move with the keyboard-usable control: a warning, not a block; then back. ---
      await org.getByLabel(`Move ${name(0)} to`).selectOption({ label: 'Trial emulator' });
      await twinTeam.getByRole('button', { name: 'Move' }).first().click();
      await org
        .getByRole('status')
        .filter({ hasText: `${name(0)} moved. Warnings:` })
        .waitFor();
      await expect
        .poll(() => org.getByRole('listitem', { name: 'Team Trial emulator' }).textContent())
        .toContain(name(0));
      await shot(org, 'moved-with-warning');
      await org.getByLabel(`Move ${name(0)} to`).selectOption({ label: 'Tumour twin' });
      await org
        .getByRole('listitem', { name: 'Team Trial emulator' })
        .getByRole('button', { name: 'Move' })
        .first()
        .click();
      await expect.poll(() => twinTeam.textContent()).toContain(name(0));

      // --- Confirm the team with a lead and a mentor. ---
      await twinTeam.getByRole('button', { name: 'Confirm team…' }).click();
      const dialog = org.getByRole('dialog', { name: 'Confirm Tumour twin' });
      await dialog.getByLabel('Team name').fill('Twin builders');
      await dialog.getByLabel('Lead').selectOption({ label: name(0) });
      await dialog.getByRole('button', { name: 'Confirm team' }).click();
      const confirmed = org.getByRole('listitem', { name: 'Team Twin builders' });
      await expect.poll(() => confirmed.textContent()).toContain('Confirmed');
      await expect.poll(() => confirmed.textContent()).toContain(`Lead: ${name(0)}`);
      await shot(org, 'confirmed');

      // The organiser's page works on a phone too: nothing scrolls sideways.
      const orgPhone = await open(
        phoneContext(browser, app.baseUrl, { storageState: await org.context().storageState() }),
      );
      await orgPhone.goto(`/labs/${lab.labId}/formation`);
      await orgPhone.getByRole('heading', { name: 'Teams now' }).waitFor();
      await orgPhone.getByRole('button', { name: 'Lock as formed' }).waitFor();
      await expect.poll(() => sidewaysScroll(orgPhone)).toBe(0);
      await shot(orgPhone, 'organiser-phone');

      // --- The participant finds their team and why they are on it. ---
      await phone.goto(`/labs/${lab.labId}/teams`);
      await phone.getByRole('heading', { name: 'My team: Twin builders' }).waitFor();
      await phone.getByRole('heading', { name: 'Why I am here' }).waitFor();
      await expect
        .poll(() => phone.locator('article').textContent())
        .toContain('Your interest in "Tumour twin": very keen');
      await phone.getByRole('link', { name: 'Open the team chat' }).waitFor();
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await shot(phone, 'my-team-phone');
    }
  }, 180_000);
});
