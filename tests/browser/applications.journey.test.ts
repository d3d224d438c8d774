import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { journeyApi, openCallLab } from './support/api.js';
import { describeBrowser, screenshotter } from './support/browser.js';
import {
  describedBy,
  factValue,
  desktopContext,
  journeyStage,
  logInThroughUi,
  phoneContext,
  runJourney,
  layoutShift,
  sidewaysScroll,
  watchLayoutShifts,
  type JourneyPages,
} from './support/journey.js';

/**
 * The call, end to end in the browser: the organiser publishes an application form (an essay
 * with a word limit and a consent) and opens applications; an applicant signs up from the call
 * page, fills part of the form (autosaved, kept over a reload), submits too early and sees every
 * problem beside its field, fixes them and submits; the organiser finds the application in the
 * table, filters, exports the CSV and reads the funnel; once the deadline has passed the
 * applicant's edits are refused with the deadline; an extension is granted; the applicant withdraws.
 */
describeBrowser('web client: a call takes applications', () => {
  const stage = journeyStage();
  const shot = screenshotter('apps-');
  const run = Date.now().toString(36);
  const year = new Date().getUTCFullYear() + 1;
  const organiser = {
    name: 'Orla Organiser',
    email: `orla.${run}@example.test`,
    password: 'organiser-password-1',
  };
  const applicant = {
    name: 'Ada Lovelace',
    email: `ada.${run}@example.test`,
    password: 'applicant-password-1',
  };
  const labSlug = `digital-twin-call-${run}`;
  const labTitle = `Cancer Patient Digital Twin ${run}`;
  const essay = 'Why do you want to join this lab?';
  const consent = 'I accept the code of conduct';
  let labId = '';

  /** The API as a script would call it, for the set-up the lab-setup journey already covers. */
  const { call, tokenOf } = journeyApi(() => stage.server.baseUrl);

  beforeAll(async () => {
    // An admin creates the lab in New York time and appoints the organiser.
    await call('POST', '/auth/register', undefined, {
      email: organiser.email,
      password: organiser.password,
      displayName: organiser.name,
    });
    const admin = await tokenOf(stage.server.admin.email, stage.server.admin.password);
    const lab = await call<{ id: string }>(
      'POST',
      '/labs',
      admin,
      openCallLab({
        title: labTitle,
        slug: labSlug,
        taxonomy: {
          disciplines: ['AI', 'Bioinformatics', 'Cancer research', 'Clinical practice'],
          careerStages: ['Early career', 'Mid career', 'Senior'],
          organisationTypes: ['University', 'National laboratory', 'Industry'],
        },
      }),
    );
    labId = lab.id;
    await call('POST', `/labs/${labId}/members`, admin, {
      email: organiser.email,
      role: 'organiser',
    });
  });

  const desktop = (timezoneId: string) =>
    desktopContext(stage.browser, stage.server.baseUrl, timezoneId, { acceptDownloads: true });
  const phone = (storageState: Awaited<ReturnType<BrowserContext['storageState']>>) =>
    phoneContext(stage.browser, stage.server.baseUrl, { storageState, timezoneId: 'Asia/Tokyo' });

  const tab = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Lab sections' }).getByRole('link', { name }).click();
  const saveStatus = (page: Page) => page.getByTestId('save-status');
  const waitSaved = (page: Page) =>
    page
      .getByTestId('save-status')
      .filter({ hasText: /^Saved at / })
      .waitFor();
  /** The error shown beside a field, found from the field's own label or legend. */
  const questions = (page: Page) =>
    page.getByRole('list', { name: 'Questions' }).locator(':scope > li');
  const errorBeside = (page: Page, id: string) => page.locator(`#${id}-error`);

  it('takes an application from the call page to withdrawal', async () => {
    await runJourney('apps-failure', journey);

    async function journey({ open, watch }: JourneyPages) {
      // --- The organiser writes the form and opens the call. ---
      const org = await open(desktop('Europe/Berlin'));
      await logInThroughUi(org, organiser, `/labs/${labId}/form`);
      await org.getByText('No form is published yet.').waitFor();
      // An address inside the lab that names no screen says so in the lab's frame, with the way back.
      await org.goto(`/labs/${labId}/no-such-page`);
      await org.getByRole('heading', { name: 'Page not found' }).waitFor();
      await org.getByRole('link', { name: "Go to the lab's overview" }).click();
      await org.waitForURL(`**/labs/${labId}`);
      await org.getByRole('link', { name: 'Application form' }).click();
      await org.getByText('No form is published yet.').waitFor();

      await org.getByLabel('New question type').selectOption('long_text');
      await org.getByRole('button', { name: 'Add question' }).click();
      // Focus goes to the new question's label.
      await expect.poll(() => org.evaluate(() => document.activeElement?.id)).toMatch(/-label$/);
      const first = questions(org).nth(0);
      await first.getByLabel('Question', { exact: true }).fill(essay);
      await first.getByLabel('Help text (optional)').fill('What would you bring to a team?');
      await first.getByLabel('Word limit').fill('20');

      await org.getByLabel('New question type').selectOption('single_choice');
      await org.getByRole('button', { name: 'Add question' }).click();
      const second = questions(org).nth(1);
      await second.getByLabel('Question', { exact: true }).fill('Preferred role');
      await second.getByLabel('Options').fill('Modeller');
      await second.getByLabel('Required').uncheck();

      await org.getByLabel('New question type').selectOption('yes_no');
      await org.getByRole('button', { name: 'Add question' }).click();
      const third = questions(org).nth(2);
      await third.getByLabel('Question', { exact: true }).fill(consent);
      await expect
        .poll(() => third.getByLabel('Consent: must be answered yes').isChecked())
        .toBe(true);

      // A choice with one option is refused beside its options.
      await org.getByRole('button', { name: 'Publish version 1' }).click();
      await expect.poll(() => describedBy(second.getByLabel('Options'))).toContain('⚠');
      await expect
        .poll(() => second.getByLabel('Options').getAttribute('aria-invalid'))
        .toBe('true');
      await shot(org, 'form-editor-error');
      await second.getByLabel('Options').fill('Modeller\nClinician\nData scientist');
      // Reorder: the consent moves above the choice.
      await third.getByRole('button', { name: 'Move question 3 up' }).click();
      await org
        .getByRole('status')
        .filter({ hasText: /to position 2 of 3/ })
        .waitFor();
      await expect
        .poll(() => questions(org).nth(1).locator('h3').textContent())
        .toContain('Yes / no');
      await org.getByRole('button', { name: 'Publish version 1' }).click();
      await org
        .getByRole('status')
        .filter({ hasText: 'Version 1 of the form is published.' })
        .waitFor();
      await shot(org, 'form-editor-published');

      await tab(org, 'Settings');
      await org.getByRole('button', { name: 'Move to Applications open' }).click();
      await org
        .getByRole('alertdialog', { name: 'Move the lab to Applications open?' })
        .getByRole('button', { name: 'Move to Applications open' })
        .click();
      await org.getByRole('status').filter({ hasText: 'now in phase Applications open' }).waitFor();

      // --- An applicant in Tokyo finds the call from the home page (nobody sent her a link)
      // and signs up from it. ---
      const ada = await open(desktop('Asia/Tokyo'));
      await ada.goto('/');
      await ada.getByRole('link', { name: 'See the labs taking applications now' }).click();
      await ada.getByRole('heading', { level: 1, name: 'Open calls' }).waitFor();
      const listed = ada.getByRole('list', { name: 'Open calls' }).getByRole('listitem').filter({
        hasText: labTitle,
      });
      // The deadline in the lab's time with its zone named, then in hers (the one time rule).
      await expect
        .poll(() => listed.textContent())
        .toContain(
          `Apply by 1 Apr ${year}, 17:00 GMT-4 (New York time) · 2 Apr ${year}, 06:00 GMT+9 your time`,
        );
      await shot(ada, 'open-calls');
      await listed.getByRole('link', { name: labTitle }).click();
      await ada.getByRole('heading', { level: 1, name: labTitle }).waitFor();
      await shot(ada, 'call-page');
      await ada.getByRole('link', { name: 'Apply: create an account' }).click();
      await ada.getByLabel('Your name').fill(applicant.name);
      await ada.getByLabel('Email').fill(applicant.email);
      await ada.getByLabel('Password').fill(applicant.password);
      await ada.getByRole('button', { name: 'Sign up' }).click();
      await ada.waitForURL(`**/call/${labSlug}/apply`);
      await ada.getByRole('heading', { level: 1, name: 'Apply to this Ideas Lab' }).waitFor();
      await shot(ada, 'apply-start');
      await ada.getByRole('button', { name: 'Start my application' }).click();
      await ada.waitForURL(/\/applications\/[^/]+\/edit$/);
      const applicationId = /\/applications\/([^/]+)\/edit$/.exec(ada.url())![1];

      // The deadline in the lab's time (New York), then in her own (Tokyo): 17:00 EDT is 06:00
      // the next day in Tokyo. Never an ISO string.
      const deadline = () => ada.getByTestId('deadline-line').textContent();
      await expect
        .poll(deadline)
        .toBe(
          `Deadline: 1 Apr ${year}, 17:00 GMT-4 (New York time) · 2 Apr ${year}, 06:00 GMT+9 your time`,
        );
      await expect.poll(() => ada.getByLabel('Your name').inputValue()).toBe(applicant.name);

      // She fills part of it; autosave says so.
      await ada.getByLabel('Institution (affiliation)').fill('University of London');
      await ada.getByRole('checkbox', { name: 'AI', exact: true }).check();
      const tooLong = Array.from({ length: 25 }, (_, i) => `word${i}`).join(' ');
      await ada.getByLabel(essay).fill(tooLong);
      await ada.getByText('25 words: 5 over the limit of 20', { exact: true }).first().waitFor();
      await waitSaved(ada);
      await expect
        .poll(() =>
          ada
            .getByRole('status')
            .filter({ hasText: /^Saved at / })
            .count(),
        )
        .toBe(1);
      // When it was saved, by the one time rule: the lab's clock with its zone, then hers.
      await expect
        .poll(() => saveStatus(ada).textContent())
        .toMatch(/^Saved at \d\d:\d\d GMT-[45] · \d\d:\d\d GMT\+9 your time\.$/);
      await shot(ada, 'form-autosaved');

      // A reload keeps every answer.
      await ada.reload();
      await ada.getByLabel('Institution (affiliation)').waitFor();
      await expect
        .poll(() => ada.getByLabel('Institution (affiliation)').inputValue())
        .toBe('University of London');
      await expect
        .poll(() => ada.getByRole('checkbox', { name: 'AI', exact: true }).isChecked())
        .toBe(true);
      await expect.poll(() => ada.getByLabel(essay).inputValue()).toBe(tooLong);

      // Submitting too early lists every problem at once, each beside its field.
      await ada.getByRole('button', { name: 'Submit application' }).click();
      const summary = ada.getByRole('group', { name: /to fix before you can submit/ });
      await summary.waitFor();
      await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
      const expected = [
        'apply-profile-organisationType',
        'apply-profile-careerStage',
        'apply-profile-expertiseKeywords',
        'apply-profile-country',
        ...[13, 14, 15, 16, 17].map((d) => `apply-profile-availability-${year}-07-${d}`),
        'apply-answers-why-do-you-want-to-join-this-lab',
        'apply-answers-i-accept-the-code-of-conduct',
      ];
      for (const id of expected) await errorBeside(ada, id).waitFor();
      await expect.poll(() => summary.getByRole('link').count()).toBe(expected.length);
      await expect
        .poll(() =>
          errorBeside(ada, 'apply-answers-why-do-you-want-to-join-this-lab').textContent(),
        )
        .toContain('The answer has 25 words; the limit is 20.');
      await expect
        .poll(() => ada.getByLabel('Organisation type').getAttribute('aria-invalid'))
        .toBe('true');
      await shot(ada, 'submit-every-error');
      // The summary's links take her to the field.
      await summary.getByRole('link', { name: /^Country:/ }).click();
      await expect
        .poll(() => ada.evaluate(() => document.activeElement?.id))
        .toBe('apply-profile-country');

      // She fixes everything.
      await ada.getByLabel('Organisation type').selectOption('University');
      await ada.getByLabel('Career stage').selectOption('Senior');
      await expect
        .poll(() => ada.getByRole('checkbox', { name: 'AI', exact: true }).isChecked())
        .toBe(true);
      // This lab named no examples of expertise: the hint gives none of another lab's.
      await expect
        .poll(() => ada.locator('#apply-profile-expertiseKeywords-hint').textContent())
        .toBe('Separated by commas, up to 10: the methods and subjects you know best.');
      await ada.getByLabel('Expertise keywords').fill('mechanistic models, tumour growth');
      await ada.getByLabel('Country', { exact: true }).selectOption('GB');
      await ada.getByLabel('ORCID iD (optional)').fill('0000-0002-1825-0097');
      const days = ada.getByRole('group', { name: 'Can you attend each day of the workshop?' });
      for (const yes of await days.getByLabel('Yes').all()) await yes.check();
      await ada
        .getByLabel(essay)
        .fill('I build patient-specific tumour models and want to meet clinicians.');
      await ada.getByText('10 of 20 words', { exact: true }).first().waitFor();
      await ada.getByRole('group', { name: consent }).getByLabel('Yes').check();
      await expect.poll(() => errorBeside(ada, 'apply-profile-country').count()).toBe(0);
      await waitSaved(ada);
      await ada.getByRole('button', { name: 'Submit application' }).click();
      await ada.waitForURL(`**/applications/${applicationId}`);
      await ada.getByRole('status').filter({ hasText: 'Your application is submitted.' }).waitFor();
      await factValue(ada, 'Status').getByText('Submitted', { exact: true }).waitFor();
      await expect
        .poll(() => factValue(ada, 'You can still edit until').textContent())
        .toContain(`2 Apr ${year}, 06:00 GMT+9 your time`);
      await shot(ada, 'status-submitted');
      await ada
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'My applications' })
        .click();
      await ada.getByRole('link', { name: labTitle }).waitFor();
      await shot(ada, 'my-applications');

      // --- The organiser follows the call. ---
      watch(org);
      await tab(org, 'Applications');
      const row = org.getByRole('row').filter({ hasText: applicant.email });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('Submitted');
      await org.getByLabel('Discipline').selectOption('AI');
      await org.waitForURL(/discipline=AI/);
      await row.waitFor();
      await org.getByLabel('Status').selectOption('draft');
      await org.getByText('No applications match.').waitFor();
      await org.getByLabel('Status').selectOption('submitted');
      await row.waitFor();
      await shot(org, 'table-filtered');
      const [download] = await Promise.all([
        org.waitForEvent('download'),
        org.getByRole('button', { name: 'Export these as CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`applications-${labSlug}.csv`);
      const csv = await readFile(await download.path(), 'utf8');
      expect(csv).toContain(applicant.email);
      expect(csv).toContain(`${essay} [why-do-you-want-to-join-this-lab]`);
      await org
        .getByRole('status')
        .filter({ hasText: `Downloaded applications-${labSlug}.csv` })
        .waitFor();

      await tab(org, 'Funnel');
      const submittedRow = org.getByRole('row', { name: /^Submitted/ }).first();
      await submittedRow.waitFor();
      await expect.poll(() => submittedRow.getByRole('cell').first().textContent()).toBe('1');
      const aiRow = org
        .getByRole('region', { name: 'By primary discipline' })
        .getByRole('row', { name: /^AI/ });
      await expect.poll(() => aiRow.getByRole('cell').nth(1).textContent()).toBe('1');
      await shot(org, 'funnel');

      // --- The deadline passes while the applicant has her form open. ---
      watch(ada);
      await ada.goto(`/applications/${applicationId}/edit`);
      await ada.getByLabel('Institution (affiliation)').waitFor();
      const orgToken = await tokenOf(organiser.email, organiser.password);
      const lab = await call<{ version: number }>('GET', `/labs/${labId}`, orgToken);
      await call('PATCH', `/labs/${labId}`, orgToken, {
        version: lab.version,
        dates: {
          applicationsOpenAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
          applicationsCloseAt: new Date(Date.now() - 3_600_000).toISOString(),
        },
      });
      await ada.getByLabel('Institution (affiliation)').fill('University College London');
      await saveStatus(ada)
        .filter({ hasText: /^Not saved\.$/ })
        .waitFor();
      const refusal = ada
        .getByRole('alert')
        .filter({ hasText: 'Applications to this lab closed on' });
      await refusal.waitFor();
      await expect
        .poll(() => refusal.textContent())
        .toContain('(America/New_York). Ask the organisers');
      // The server names the time in the lab's zone; the client adds hers (Tokyo), never ISO.
      await expect.poll(() => refusal.textContent()).toMatch(/That is .+ GMT\+9 your time\./);
      await expect.poll(() => refusal.textContent()).not.toMatch(/\d{4}-\d\d-\d\dT/);
      // The header now says the application is closed.
      await ada.getByTestId('deadline-line').filter({ hasText: 'Closed:' }).waitFor();
      await expect.poll(() => ada.getByLabel('Institution (affiliation)').isDisabled()).toBe(true);
      await shot(ada, 'edit-refused-deadline');

      // The organiser grants her a personal extension.
      watch(org);
      await tab(org, 'Applications');
      await org.getByRole('button', { name: `Extend the deadline for ${applicant.name}` }).click();
      const until = new Date(Date.now() + 3 * 86_400_000);
      const local = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'America/New_York',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .format(until)
        .replace(' ', 'T');
      await org.getByLabel(`New deadline for ${applicant.name}`).fill(local);
      await shot(org, 'extension-form');
      await org.getByRole('button', { name: 'Grant extension' }).click();
      await org
        .getByRole('status')
        .filter({ hasText: `${applicant.name} can now change` })
        .waitFor();
      await org.getByRole('row').filter({ hasText: 'Extended to' }).waitFor();

      // With her extension she can edit again, then withdraws.
      watch(ada);
      await ada.goto(`/applications/${applicationId}`);
      await ada.getByText('your personal extension').waitFor();
      await ada.getByRole('button', { name: 'Withdraw application…' }).click();
      const confirm = ada.getByRole('alertdialog', { name: 'Withdraw your application?' });
      await confirm.waitFor();
      // The answer that changes nothing has the focus: a stray Enter keeps the application.
      await expect
        .poll(() => ada.evaluate(() => document.activeElement?.textContent))
        .toBe('Keep my application');
      await shot(ada, 'withdraw-confirm');
      await confirm.getByRole('button', { name: 'Yes, withdraw it' }).click();
      await ada.getByRole('status').filter({ hasText: 'Your application is withdrawn.' }).waitFor();
      await factValue(ada, 'Status').getByText('Withdrawn', { exact: true }).waitFor();
      await expect
        .poll(() => ada.getByRole('link', { name: 'Edit your application' }).count())
        .toBe(0);
      await shot(ada, 'status-withdrawn');
      const session = await ada.context().storageState();
      const orgSession = await org.context().storageState();

      // --- The same screens on a phone. ---
      const mobile = await open(phone(session));
      await mobile.goto(`/applications/${applicationId}/edit`);
      await mobile.getByLabel('Institution (affiliation)').waitFor();
      await expect
        .poll(() => sidewaysScroll(mobile), {
          message: 'the application form scrolls sideways on a phone',
        })
        .toBe(0);
      await shot(mobile, 'phone-form');
      await mobile.goto(`/applications/${applicationId}`);
      await factValue(mobile, 'Status').getByText('Withdrawn', { exact: true }).waitFor();
      await expect
        .poll(() => sidewaysScroll(mobile), {
          message: 'the status page scrolls sideways on a phone',
        })
        .toBe(0);
      await shot(mobile, 'phone-status');

      const orgMobile = await open(phone(orgSession));
      await watchLayoutShifts(orgMobile);
      await orgMobile.goto(`/labs/${labId}/applications`);
      await orgMobile.getByRole('row').filter({ hasText: applicant.email }).waitFor();
      await expect
        .poll(() => sidewaysScroll(orgMobile), {
          message: 'the applications table scrolls the page sideways',
        })
        .toBe(0);
      await shot(orgMobile, 'phone-table');
      // Opened from its address, the table arrives after the session, the lab and its rows:
      // nothing shown moves meanwhile (the header's links, up to three rows on a phone, come
      // before anything is shown under them).
      expect(await layoutShift(orgMobile), 'what moved while the page loaded').toEqual([]);
      await tab(orgMobile, 'Funnel');
      await orgMobile.getByRole('region', { name: 'By career stage' }).waitFor();
      await expect
        .poll(() => sidewaysScroll(orgMobile), { message: 'the funnel scrolls the page sideways' })
        .toBe(0);
      await shot(orgMobile, 'phone-funnel');
      await tab(orgMobile, 'Application form');
      await orgMobile.getByRole('button', { name: 'Publish version 2' }).waitFor();
      await expect
        .poll(() => sidewaysScroll(orgMobile), {
          message: 'the form editor scrolls the page sideways',
        })
        .toBe(0);
      await shot(orgMobile, 'phone-form-editor');
    }
  }, 240_000);
});
