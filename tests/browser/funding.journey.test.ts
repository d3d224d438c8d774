import type { Browser } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../support/api-client.js';
import { reviewedFundingLab, type ReviewedFundingLab } from '../support/funding-lab.js';
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
 * The funding decision in the browser: the organiser reads the ranking with its intervals and
 * funding line, runs the portfolio optimiser with a rule and with a lottery, reads the money
 * left and what the next proposal would need, adopts a run (confirmed), records a decision with
 * its rationale, writes and releases the letters (confirmed), and asks for progress reports;
 * a funded team's member files the report on a phone (360 px wide).
 */
describeBrowser('web client: funding decision', () => {
  const tag = `fj${Date.now().toString(36)}`;
  let app: TestApp;
  let browser: Browser;
  let lab: ReviewedFundingLab;
  const round = () => `/api/labs/${lab.labId}/funding-rounds/${lab.roundId}`;

  beforeAll(async () => {
    requireWebBuild();
    app = await startTestApp();
    browser = await launchChromium();
    lab = await reviewedFundingLab(app, tag);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await lab?.db.end();
    await app?.close();
  });

  it('an organiser decides the funding on a desktop; a funded team files its report on a phone', async () => {
    await runJourney('funding-failure', journey);

    async function journey({ open }: JourneyPages) {
      const organiser = { email: lab.organiser.email, password: TEST_PASSWORD };
      const desk = await open(desktopContext(browser, app.baseUrl, 'Europe/London'));
      await logInThroughUi(desk, organiser, `/labs/${lab.labId}/proposal-review`);
      const ranking = desk.getByRole('region', { name: 'Ranking' });
      await expect.poll(() => ranking.textContent()).toContain('Team A');
      await expect.poll(() => ranking.textContent()).toMatch(/interval/);
      await expect.poll(() => ranking.textContent()).toMatch(/Funding line/);

      // A rule the server refuses is said beside its field in the server's words; text that is
      // not a number is caught before anything is sent.
      await desk.goto(`/labs/${lab.labId}/decision`);
      const perInstitution = desk.getByLabel('At most awards per institution');
      await perInstitution.fill('0');
      await desk.getByRole('button', { name: 'Run the optimiser' }).click();
      await expect
        .poll(() => desk.locator('#rule-institution-error').textContent())
        .toContain('Must be at least 1.');
      await expect.poll(() => perInstitution.getAttribute('aria-invalid')).toBe('true');
      await perInstitution.fill('');
      await desk.getByLabel('Partial awards down to (% of request)').fill('half');
      await desk.getByRole('button', { name: 'Run the optimiser' }).click();
      await expect
        .poll(() => desk.locator('#rule-partial-error').textContent())
        .toContain('Must be a whole number.');
      await expect.poll(() => desk.locator('#rule-institution-error').count()).toBe(0);
      await desk.getByLabel('Partial awards down to (% of request)').fill('');

      // The optimiser with a rule: at least one award per challenge area.
      await desk.getByLabel('At least awards per challenge area').fill('1');
      await desk.getByRole('button', { name: 'Run the optimiser' }).click();
      const result = desk.getByTestId('portfolio-run');
      await expect.poll(() => result.textContent()).toContain('Result: optimal');
      await expect
        .poll(() => desk.getByTestId('run-money-left').textContent())
        .toContain('$14,500.00');
      await expect
        .poll(() =>
          result.getByRole('heading', { name: 'What the next proposals would need' }).count(),
        )
        .toBe(1);
      await expect
        .poll(() => result.getByRole('listitem').first().textContent())
        .toContain('Team F');

      // The same rules with a seeded lottery among the proposals straddling the line.
      await desk.getByRole('checkbox', { name: /Lottery among proposals/ }).check();
      await desk.getByLabel('Lottery seed').fill('journey');
      await desk.getByRole('button', { name: 'Run the optimiser' }).click();
      const compared = desk.getByRole('table', { name: 'Runs compared' });
      await expect.poll(() => compared.textContent()).toContain('lottery (journey)');
      // Each run is dated in the lab's time, with the viewer's own beside it.
      await expect.poll(() => compared.textContent()).toMatch(/New York.*your time/);

      // Adopt the first run (without the lottery), after a confirmation.
      await compared.getByRole('row').nth(2).getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => result.textContent()).not.toContain('Lottery (seed');
      await result.getByRole('button', { name: 'Adopt this run' }).click();
      const adoptDialog = desk.getByRole('alertdialog');
      await expect.poll(() => adoptDialog.textContent()).toContain('fund 5 proposals');
      await adoptDialog.getByRole('button', { name: 'Adopt the run' }).click();
      await result.getByRole('status').filter({ hasText: 'Adopted' }).waitFor();
      await expect.poll(() => desk.getByTestId('money-left').textContent()).toContain('$14,500.00');

      // A decision recorded by hand, with its rationale.
      const teamF = desk.getByRole('form', { name: 'Decision on Team F' });
      await expect.poll(() => teamF.textContent()).toContain('not funded');
      await teamF.getByLabel('Rationale').fill('Below the funding line; encouraged to resubmit.');
      await teamF.getByRole('button', { name: 'Record the decision' }).click();
      await expect
        .poll(async () => {
          const board = await request(app.baseUrl)
            .get(`${round()}/decisions`)
            .set(bearer(lab.organiser));
          const f = board.body.proposals.find((p: { teamName: string }) => p.teamName === 'Team F');
          return [f.decision.rationale, f.decision.version];
        })
        .toEqual(['Below the funding line; encouraged to resubmit.', 2]);
      await expect
        .poll(() => desk.getByRole('form', { name: 'Decision on Team F' }).textContent())
        .toMatch(/version 2, by .*New York/);

      // Letters: written into the outbox, released after a confirmation.
      const letters = desk.getByRole('region', { name: 'Decision letters' });
      await letters.getByRole('button', { name: 'Write the letters' }).click();
      await expect
        .poll(() => letters.getByRole('status').textContent())
        .toBe('12 waiting, 0 released.');
      await letters.getByRole('button', { name: 'Release 12 letters' }).click();
      const releaseDialog = desk.getByRole('alertdialog');
      await releaseDialog.getByRole('button', { name: 'Release 12 letters' }).click();
      await expect
        .poll(() => letters.getByRole('status').textContent())
        .toBe('0 waiting, 12 released.');
      await expectAccessible(desk, 'funding decision');

      // Progress reports asked of the funded teams.
      await desk.goto(`/labs/${lab.labId}/progress`);
      await desk.getByLabel('Report', { exact: true }).fill('6-month progress report');
      await desk.getByLabel(/^Due/).fill('2031-03-01T17:00');
      await desk.getByRole('button', { name: 'Ask the funded teams' }).click();
      await desk.getByRole('article', { name: 'Team A: 6-month progress report' }).waitFor();
      await expect.poll(() => desk.getByRole('article').count()).toBe(5);
      await expectAccessible(desk, 'progress reports for organisers');

      // The organiser's decision page fits a 360 px phone.
      const organiserPhone = await open(phoneContext(browser, app.baseUrl));
      await logInThroughUi(organiserPhone, organiser, `/labs/${lab.labId}/decision`);
      await organiserPhone.getByRole('form', { name: 'Decision on Team A' }).waitFor();
      await expect.poll(() => sidewaysScroll(organiserPhone)).toBe(0);
      await expectAccessible(organiserPhone, 'funding decision on a phone');

      // A member of Team A files the report on a phone.
      const member = lab.teams[0].members[1];
      const phone = await open(phoneContext(browser, app.baseUrl));
      await logInThroughUi(
        phone,
        { email: member.email, password: TEST_PASSWORD },
        `/labs/${lab.labId}/progress`,
      );
      const report = phone.getByRole('article', { name: 'Team A: 6-month progress report' });
      await expect.poll(() => report.textContent()).toContain('Due');
      await expect.poll(() => phone.getByRole('article').count()).toBe(1);
      await report.getByLabel('What the team did').fill('Calibrated the model on ten patients.');
      await report.getByLabel('Links').fill('Preprint https://example.org/preprint');
      await report.getByRole('button', { name: 'File the report' }).click();
      await expect
        .poll(async () => {
          const res = await request(app.baseUrl)
            .get(`${round()}/progress-reports`)
            .set(bearer(member));
          return res.body.reports[0].status;
        })
        .toBe('filed');
      await expect
        .poll(() =>
          phone.getByRole('article', { name: 'Team A: 6-month progress report' }).textContent(),
        )
        .toMatch(/Filed · filed by .* on /);
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await expectAccessible(phone, 'progress report on a phone');

      // A report whose date has passed: the late teams are reminded after a confirmation.
      await desk.getByLabel('Report', { exact: true }).fill('Data access confirmed');
      await desk.getByLabel(/^Due/).fill('2021-01-15T17:00');
      await desk.getByRole('button', { name: 'Ask the funded teams' }).click();
      await expect.poll(() => desk.getByText('5 teams are late.').count()).toBe(1);
      await desk.getByRole('button', { name: 'Remind the late teams' }).click();
      const remindDialog = desk.getByRole('alertdialog');
      await expect.poll(() => remindDialog.textContent()).toContain('Remind 5 late teams?');
      await remindDialog.getByRole('button', { name: 'Send the reminders' }).click();
      await desk
        .getByRole('status')
        .filter({ hasText: '10 reminders sent through the outbox.' })
        .waitFor();
      await expect
        .poll(() =>
          desk.getByRole('article', { name: 'Team B: Data access confirmed' }).textContent(),
        )
        .toContain('reminded 1×');
    }
  }, 240_000);
});
