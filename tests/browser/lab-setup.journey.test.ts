import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
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
  sidewaysScroll,
  type JourneyPages,
} from './support/journey.js';

/**
 * One journey through the web client against the real server and database: a newcomer signs
 * up and logs in; the admin creates a lab and invites the newcomer as its organiser; the
 * organiser accepts, edits the lab (meeting server validation beside the field), opens
 * applications; the public call page shows the lab, on a desktop and on a phone.
 */
describeBrowser('web client: a lab is set up and its call opens', () => {
  const stage = journeyStage();
  const shot = screenshotter();
  const run = Date.now().toString(36);
  const newcomer = {
    name: 'Olu Adeyemi',
    email: `olu.${run}@example.test`,
    password: 'a-long-enough-password',
  };
  const lab = {
    title: `Patient Digital Twin ${run}`,
    slug: `patient-digital-twin-${run}`,
    timezone: 'America/New_York',
  };
  const year = new Date().getFullYear() + 1;

  /** A desktop browser in Berlin: the lab's New York times must not follow the browser's zone. */
  const desktop = () => desktopContext(stage.browser, stage.server.baseUrl, 'Europe/Berlin');

  const logOut = async (page: Page) => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Log out' })
      .click();
    await page.waitForURL('**/login');
    await page.getByRole('status').filter({ hasText: 'You are logged out.' }).waitFor();
  };

  it('walks from sign-up to an open call', async () => {
    await runJourney('failure', journey);

    async function journey({ open }: JourneyPages) {
      let page = await open(desktop());
      // A newcomer signs up; a short password is refused beside the password field.
      await page.goto('/signup');
      await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
      await shot(page, 'sign-up');
      await page.getByLabel('Your name').fill(newcomer.name);
      await page.getByLabel('Email').fill(newcomer.email);
      await page.getByLabel('Password').fill('short');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect.poll(() => describedBy(page.getByLabel('Password'))).toContain('⚠');
      await expect
        .poll(() => page.getByLabel('Password').getAttribute('aria-invalid'))
        .toBe('true');
      await shot(page, 'sign-up-field-error');
      await page.getByLabel('Password').fill(newcomer.password);
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForURL('**/labs');
      await page.getByText('You are not part of any lab yet.').waitFor();
      await shot(page, 'my-labs-empty');

      // Logs out, fails to log in with a wrong password, then logs in.
      await logOut(page);
      await page.getByLabel('Email').fill(newcomer.email);
      await page.getByLabel('Password').fill('not-my-password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
      await shot(page, 'log-in-refused');
      await logInThroughUi(page, newcomer);
      await logOut(page);

      // The admin creates a lab in New York time.
      await logInThroughUi(page, stage.server.admin);
      await page.getByRole('link', { name: 'Create a lab' }).click();
      await page.getByLabel('Title', { exact: true }).fill(lab.title);
      await expect
        .poll(() => page.getByLabel('Web address (slug)').inputValue())
        .toBe(lab.slug.toLowerCase());
      await page.getByLabel('Theme').fill('Toward building a cancer patient digital twin');
      // The timezone is found by part of a place's name and picked from the zones that match.
      await page.getByLabel('Timezone').fill('york');
      const zones = page.getByRole('list', { name: 'Matching zones' });
      await shot(page, 'admin-timezone-search');
      await zones.getByRole('button', { name: /^America\/New_York GMT-[45]$/ }).click();
      await expect.poll(() => page.getByLabel('Timezone').inputValue()).toBe(lab.timezone);
      await expect.poll(() => zones.count()).toBe(0);
      await shot(page, 'admin-create-lab');
      await page.getByRole('button', { name: 'Create lab' }).click();
      await page.waitForURL('**/people');
      await page.getByRole('heading', { level: 1, name: lab.title }).waitFor();

      // …and invites the newcomer as its organiser; the accept link is shown once.
      await page.getByLabel('Email').fill(newcomer.email);
      await page.getByLabel('Role', { exact: true }).selectOption('organiser');
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
      const acceptLink = page.getByTestId('accept-link');
      // The link is absolute, on the server's PUBLIC_URL; the journey follows its path here.
      const pathOf = async () =>
        new URL((await acceptLink.getAttribute('href')) ?? '', stage.server.baseUrl).pathname;
      await expect.poll(pathOf).toMatch(/^\/invitations\/[^/]+$/);
      const acceptPath = await pathOf();
      await page.getByRole('cell', { name: newcomer.email, exact: true }).waitFor();
      await shot(page, 'admin-invites-organiser');
      await logOut(page);

      // The newcomer opens the link, logs in from it and accepts.
      await page.goto(acceptPath);
      await page.getByRole('heading', { level: 1, name: `Join ${lab.title}` }).waitFor();
      await shot(page, 'invitation-signed-out');
      await page.getByRole('main').getByRole('link', { name: 'log in' }).click();
      await page.getByLabel('Email').fill(newcomer.email);
      await page.getByLabel('Password').fill(newcomer.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('button', { name: 'Accept and join the lab' }).click();
      await page.getByRole('heading', { level: 1, name: lab.title }).waitFor();
      await page.getByRole('list', { name: 'Your roles' }).getByText('Organiser').waitFor();

      // A reload keeps the session: the refresh token survives, the access token is renewed.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: lab.title }).waitFor();
      await shot(page, 'organiser-lab-overview');

      // The organiser tries to open applications too early: the server lists what is missing.
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Settings' })
        .click();
      await page.getByRole('button', { name: 'Move to Applications open' }).click();
      const phasePanel = () => page.getByRole('region', { name: 'Phase', exact: true });
      const phaseAlert = phasePanel().getByRole('alert');
      await phaseAlert.filter({ hasText: /\S/ }).waitFor();
      await expect.poll(() => phaseAlert.textContent()).toMatch(/Disciplines/);
      // A call needs a published form: the missing list says so and links to the form editor.
      await expect
        .poll(() => phaseAlert.getByRole('link', { name: 'A published application form' }).count())
        .toBe(1);
      await shot(page, 'phase-refused-missing-settings');

      // Edits the lab; capacity 0 is refused beside the capacity field, with focus on it.
      await page
        .getByLabel('Theme')
        .fill('Toward building a cancer patient digital twin, in teams across disciplines');
      await page.getByLabel('Places (capacity)').fill('0');
      await page.getByLabel('Applications close').fill(`${year}-03-01T17:00`);
      await page.getByLabel('Workshop starts').fill(`${year}-07-13T09:00`);
      await page.getByLabel('Workshop ends').fill(`${year}-07-17T17:00`);
      await page
        .getByLabel('Disciplines')
        .fill('Artificial intelligence\nBioinformatics\nCancer research\nClinical practice');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => describedBy(page.getByLabel('Places (capacity)'))).toContain('⚠');
      await expect
        .poll(() => page.getByLabel('Places (capacity)').getAttribute('aria-invalid'))
        .toBe('true');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe('settings-capacity');
      await shot(page, 'settings-field-error');

      // Fixes it and saves.
      await page.getByLabel('Places (capacity)').fill('30');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBe(0);

      // Publishes a one-question form from the link in the missing list.
      await page.getByRole('button', { name: 'Move to Applications open' }).click();
      await phasePanel().getByRole('link', { name: 'A published application form' }).click();
      await page.getByText('No form is published yet.').waitFor();
      await page.getByLabel('New question type').selectOption('short_text');
      await page.getByRole('button', { name: 'Add question' }).click();
      await page.getByLabel('Question', { exact: true }).fill('Your idea in one line');
      await page.getByRole('button', { name: 'Publish version 1' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /[Vv]ersion 1/ })
        .first()
        .waitFor();
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Settings' })
        .click();

      // Opens applications, once the dialog has said what that does and that it can be undone.
      await page.getByRole('button', { name: 'Move to Applications open' }).click();
      const opening = page.getByRole('alertdialog', { name: 'Move the lab to Applications open?' });
      await expect.poll(() => opening.textContent()).toContain('You can step back to Draft');
      await shot(page, 'phase-move-dialog');
      await opening.getByRole('button', { name: 'Move to Applications open' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'The lab is now in phase Applications open.' })
        .waitFor();
      await page.locator('[aria-current="step"]').getByText('Applications open').waitFor();
      await shot(page, 'settings-applications-open');

      // The overview shows the dates in the lab's timezone, not the browser's (Berlin).
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Overview' })
        .click();
      const workshopStart = factValue(page, 'Workshop starts');
      await expect.poll(() => workshopStart.textContent()).toContain(`13 Jul ${year}, 09:00`);
      await shot(page, 'lab-overview-applications-open');

      // The People tab lists the new organiser; the audit log holds the changes, its chain intact.
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'People' })
        .click();
      await page.getByRole('cell', { name: newcomer.name, exact: true }).waitFor();
      await shot(page, 'lab-people');
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Audit' })
        .click();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      // Who did what, in words: no raw codes.
      await page
        .getByRole('row')
        .filter({ hasText: newcomer.name })
        .filter({ hasText: 'moved the lab from Draft to Applications open' })
        .waitFor();
      await expect.poll(() => page.locator('table').textContent()).not.toContain('lab.');
      await page.getByRole('button', { name: 'Verify the chain' }).click();
      await page.getByRole('status').filter({ hasText: 'The chain is intact' }).waitFor();
      await shot(page, 'lab-audit');
      const session = await page.context().storageState();
      await page.context().close();

      // Anyone can read the call page.
      page = await open(desktop());
      await page.goto(`/call/${lab.slug}`);
      await page.getByRole('heading', { level: 1, name: lab.title }).waitFor();
      await expect
        .poll(() => page.getByTestId('call-deadline').textContent())
        .toContain(`1 Mar ${year}, 17:00`);
      await shot(page, 'public-call');
      await page.context().close();

      // The same screens on a phone, still signed in through the stored refresh token.
      page = await open(
        phoneContext(stage.browser, stage.server.baseUrl, { storageState: session }),
      );
      await page.goto(`/call/${lab.slug}`);
      await page.getByRole('heading', { level: 1, name: lab.title }).waitFor();
      await shot(page, 'phone-public-call');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'My labs' })
        .click();
      await page.getByRole('link', { name: lab.title }).click();
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Settings' })
        .click();
      await page.getByRole('button', { name: 'Save settings' }).waitFor();
      await expect
        .poll(() => sidewaysScroll(page), {
          message: 'the settings page scrolls sideways on a phone',
        })
        .toBe(0);
      await shot(page, 'phone-lab-settings');
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'People' })
        .click();
      await page.getByRole('cell', { name: newcomer.name, exact: true }).waitFor();
      await expect
        .poll(() => sidewaysScroll(page), {
          message: 'the people page scrolls sideways on a phone',
        })
        .toBe(0);
      await shot(page, 'phone-lab-people');

      // The list is filtered by role and found by name.
      const matches = page.locator('#members-heading ~ [role="status"]');
      await page.getByLabel('Show').selectOption('mentor');
      await expect.poll(() => matches.textContent()).toBe('0 people match.');
      await page.getByLabel('Show').selectOption('organiser');
      await page
        .getByLabel('Find by name or address')
        .fill(newcomer.name.slice(0, 5).toUpperCase());
      await expect.poll(() => matches.textContent()).toBe('1 person matches.');
      await page.getByRole('cell', { name: newcomer.name, exact: true }).waitFor();
      await shot(page, 'phone-lab-people-filtered');

      // Removing someone asks first, in a dialog a phone can use, its safe answer focused;
      // keeping them changes nothing, going ahead reaches the server (a lab keeps its last organiser).
      const removeButton = page.getByRole('button', {
        name: `Remove ${newcomer.name} as organiser`,
      });
      const removal = page.getByRole('alertdialog', {
        name: `Remove ${newcomer.name} as organiser of this lab?`,
      });
      const keep = removal.getByRole('button', { name: `Keep ${newcomer.name}` });
      await removeButton.click();
      await removal.waitFor();
      await expect
        .poll(() => keep.evaluate((button) => button === document.activeElement))
        .toBe(true);
      await shot(page, 'phone-remove-member-dialog');
      await keep.click();
      await removal.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: newcomer.name, exact: true }).waitFor();
      await removeButton.click();
      await removal.getByRole('button', { name: 'Remove', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'at least one organiser' }).waitFor();
      await page.getByRole('cell', { name: newcomer.name, exact: true }).waitFor();

      // Closing selection below capacity needs the organiser's explicit consent.
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Settings' })
        .click();
      await page.getByRole('button', { name: 'Move to Selection' }).click();
      await page
        .getByRole('alertdialog', { name: 'Move the lab to Selection?' })
        .getByRole('button', { name: 'Move to Selection' })
        .click();
      await page.getByRole('status').filter({ hasText: 'now in phase Selection' }).waitFor();
      // The step back the server would take is offered (Selection → Applications open).
      await page.getByRole('button', { name: 'Step back to Applications open' }).waitFor();
      await page.getByRole('button', { name: 'Move to Workshop' }).click();
      const consent = page.getByLabel(/Accept under capacity/);
      await consent.waitFor();
      await expect.poll(() => phasePanel().getByRole('alert').textContent()).toMatch(/30/);
      await expect
        .poll(() => page.getByRole('button', { name: 'Move to Workshop' }).isDisabled())
        .toBe(true);
      await shot(page, 'phone-phase-under-capacity');
      await consent.check();
      await page.getByRole('button', { name: 'Move to Workshop' }).click();
      // Leaving selection cannot be undone, and the dialog says so.
      const toWorkshop = page.getByRole('alertdialog', { name: 'Move the lab to Workshop?' });
      await expect.poll(() => toWorkshop.textContent()).toContain('This cannot be undone');
      await shot(page, 'phone-phase-move-dialog');
      await toWorkshop.getByRole('button', { name: 'Move to Workshop' }).click();
      await page.getByRole('status').filter({ hasText: 'now in phase Workshop' }).waitFor();
      // No step back from the workshop is offered: the server would refuse it.
      await page.getByRole('button', { name: 'Move to Proposals' }).waitFor();
      await expect.poll(() => page.getByRole('button', { name: /^Step back/ }).count()).toBe(0);
    }
  }, 180_000);

  it('lets an invited mentor sign up from the link, the invited address filled in and locked', async () => {
    const api = journeyApi(() => stage.server.baseUrl);
    const adminToken = await api.tokenOf(stage.server.admin.email, stage.server.admin.password);
    const mentorLab = await api.call<{ id: string; title: string }>(
      'POST',
      '/labs',
      adminToken,
      openCallLab({ title: `Mentored Twin ${run}`, slug: `mentored-twin-${run}` }),
    );
    const mentor = { email: `mira.${run}@example.test`, password: 'mentoring-matters-10' };
    const invitation = await api.call<{ token: string }>(
      'POST',
      `/labs/${mentorLab.id}/invitations`,
      adminToken,
      { email: mentor.email, role: 'mentor' },
    );
    await runJourney('invitation-sign-up-failure', journey);

    async function journey({ open }: JourneyPages) {
      // On a phone in Tokyo, signed out, she opens the link from her e-mail.
      const page = await open(
        phoneContext(stage.browser, stage.server.baseUrl, { timezoneId: 'Asia/Tokyo' }),
      );
      await page.goto(`/invitations/${invitation.token}`);
      await page.getByRole('heading', { level: 1, name: `Join ${mentorLab.title}` }).waitFor();
      // The link is valid until a time in the lab's zone (New York), then in her own.
      const validUntil = factValue(page, 'Valid until');
      await expect.poll(() => validUntil.textContent()).toContain('(New York time)');
      await expect.poll(() => validUntil.textContent()).toMatch(/GMT\+9 your time$/);
      // The preview masks the address; the sign-up form, opened with the token, fills it in.
      await expect
        .poll(() => factValue(page, 'Sent to').textContent())
        .toContain('m•••@example.test');
      const email = page.getByLabel('Email');
      await expect.poll(() => email.inputValue()).toBe(mentor.email);
      await expect.poll(() => email.getAttribute('readonly')).not.toBeNull();
      await shot(page, 'phone-invitation-sign-up');
      await page.getByLabel('Your name').fill('Mira Mentor');
      await page.getByLabel('Password').fill(mentor.password);
      await page.getByRole('button', { name: 'Sign up and join the lab' }).click();
      // Her account is made and the invitation accepted in one step: she is in the lab.
      await page.getByRole('heading', { level: 1, name: mentorLab.title }).waitFor();
      await page.getByRole('list', { name: 'Your roles' }).getByText('Mentor').waitFor();
      await expect.poll(() => sidewaysScroll(page)).toBe(0);
      await shot(page, 'phone-invited-mentor-in-lab');
    }
  }, 120_000);
});
