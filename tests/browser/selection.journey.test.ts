import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { journeyApi, openCallLab } from './support/api.js';
import { describeBrowser, screenshotter } from './support/browser.js';
import {
  factValue,
  desktopContext,
  journeyStage,
  logInThroughUi,
  phoneContext,
  runJourney,
  sidewaysScroll,
  type JourneyPages,
} from './support/journey.js';

interface Person {
  key: string;
  name: string;
  discipline: string;
  stage: string;
  score: number;
  available?: boolean;
}

/**
 * The applicants of tests/e2e/selection.test.ts, with names. Scored 10..3 by one mentor. With
 * one bioinformatician and one early-career person required, Dev (7) takes Cleo's (8) place;
 * when Dev declines, the next by merit (Cleo, AI, senior) would break both quotas, so Hana
 * (3, bioinformatics, early career) is promoted. Gia cannot attend one workshop day.
 */
const PEOPLE: Person[] = [
  { key: 'a', name: 'Ada Arden', discipline: 'AI', stage: 'Senior', score: 10 },
  { key: 'b', name: 'Ben Brook', discipline: 'AI', stage: 'Senior', score: 9 },
  { key: 'c', name: 'Cleo Cole', discipline: 'AI', stage: 'Senior', score: 8 },
  { key: 'd', name: 'Dev Desai', discipline: 'Bioinformatics', stage: 'Early career', score: 7 },
  { key: 'e', name: 'Eve Ellis', discipline: 'AI', stage: 'Senior', score: 6 },
  { key: 'f', name: 'Finn Ford', discipline: 'Bioinformatics', stage: 'Senior', score: 5 },
  {
    key: 'g',
    name: 'Gia Grant',
    discipline: 'Cancer research',
    stage: 'Early career',
    score: 4,
    available: false,
  },
  { key: 'h', name: 'Hana Hill', discipline: 'Bioinformatics', stage: 'Early career', score: 3 },
];

/**
 * Selection and decisions, end to end in the browser. Eight applicants apply and are reviewed
 * through the API (the applications and review journeys cover those screens); then the
 * organiser runs the selection without quotas, sets quotas (a typing slip is shown beside its
 * box), sees what they cost as a chart, asks for a quota nobody can meet and reads why, meets it
 * by letting a partly available applicant in, compares
 * two runs side by side, adopts one with an answer-by date, edits a letter and releases the
 * outbox. An accepted applicant in Tokyo confirms by the date shown in her own time, another
 * declines, and the waitlisted applicant who keeps the quotas is offered the place — which the
 * organiser sees in the decisions, and sends her an offer letter of its own.
 */
describeBrowser('web client: cohort selection and decisions', () => {
  const stage = journeyStage();
  const shot = screenshotter('selection-');
  const run = Date.now().toString(36);
  const year = new Date().getUTCFullYear() + 1;
  const workshopDays = [13, 14, 15, 16, 17].map((d) => `${year}-07-${d}`);
  const password = 'selection-password-1';
  const organiser = { name: 'Olu Organiser', email: `olu.${run}@example.test` };
  const mentor = { name: 'Mo Mentor', email: `mo.${run}@example.test` };
  const emailOf = (p: Person) => `${p.key}.${run}@example.test`;
  const person = (key: string) => PEOPLE.find((p) => p.key === key)!;
  const labTitle = `Digital Twin Sandpit ${run}`;
  let labId = '';
  const applicationOf = new Map<string, string>();

  const { call, tokenOf } = journeyApi(() => stage.server.baseUrl);
  const register = (email: string, displayName: string) =>
    call<{ accessToken: string; user: { id: string } }>('POST', '/auth/register', undefined, {
      email,
      password,
      displayName,
    });

  beforeAll(async () => {
    const admin = await tokenOf(stage.server.admin.email, stage.server.admin.password);
    const org = (await register(organiser.email, organiser.name)).accessToken;
    const mentorSession = await register(mentor.email, mentor.name);
    const lab = await call<{ id: string }>(
      'POST',
      '/labs',
      admin,
      openCallLab({
        title: labTitle,
        slug: `sandpit-${run}`,
        capacity: 3,
        taxonomy: {
          disciplines: ['AI', 'Bioinformatics', 'Cancer research'],
          careerStages: ['Early career', 'Senior'],
          organisationTypes: ['University', 'Industry'],
        },
        teamSize: { min: 2, max: 4 },
        funding: { pool: 500_000, currency: 'USD' },
      }),
    );
    labId = lab.id;
    await call('POST', `/labs/${labId}/members`, admin, {
      email: organiser.email,
      role: 'organiser',
    });
    await call('POST', `/labs/${labId}/members`, admin, { email: mentor.email, role: 'mentor' });
    await call('PUT', `/labs/${labId}/application-form`, org, {
      questions: [{ id: 'pitch', type: 'short_text', label: 'One-line pitch', required: true }],
    });
    await call('POST', `/labs/${labId}/phase`, org, { to: 'applications_open' });

    for (const p of PEOPLE) {
      const { accessToken } = await register(emailOf(p), p.name);
      const started = await call<{ id: string }>(
        'POST',
        `/labs/${labId}/applications`,
        accessToken,
      );
      await call('PATCH', `/applications/${started.id}`, accessToken, {
        version: 1,
        profile: {
          name: p.name,
          affiliation: `Institute ${p.key.toUpperCase()}`,
          organisationType: 'University',
          careerStage: p.stage,
          disciplines: [p.discipline],
          primaryDiscipline: p.discipline,
          expertiseKeywords: ['models'],
          country: 'GB',
          links: [],
          availability: Object.fromEntries(
            workshopDays.map((d, i) => [d, p.available !== false || i !== 2]),
          ),
        },
        answers: { pitch: `${p.name}'s idea` },
      });
      await call('POST', `/applications/${started.id}/submit`, accessToken, {});
      applicationOf.set(p.key, started.id);
    }

    await call('PUT', `/labs/${labId}/rubric`, org, {
      criteria: [{ id: 'merit', label: 'Overall merit', weight: 1, scale: { min: 1, max: 10 } }],
    });
    await call('POST', `/labs/${labId}/review-assignments/run`, org, {
      reviewsPerApplication: 1,
      reviewerIds: [mentorSession.user.id],
    });
    for (const p of PEOPLE)
      await call(
        'POST',
        `/labs/${labId}/my-reviews/${applicationOf.get(p.key)}/submit`,
        mentorSession.accessToken,
        { scores: { merit: p.score }, comment: `${p.name} would bring strong models.` },
      );
    await call('POST', `/labs/${labId}/phase`, org, { to: 'selection' });
  });

  const desktop = (timezoneId: string) =>
    desktopContext(stage.browser, stage.server.baseUrl, timezoneId);
  const phone = (storageState: Awaited<ReturnType<BrowserContext['storageState']>>) =>
    phoneContext(stage.browser, stage.server.baseUrl, {
      storageState,
      timezoneId: 'Europe/Berlin',
    });
  /** Everyone in this journey has the same password. */
  const logIn = (page: Page, email: string, next: string) =>
    logInThroughUi(page, { email, password }, next);
  const tab = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Lab sections' }).getByRole('link', { name }).click();
  const status = (page: Page, text: string | RegExp) =>
    page.getByRole('status').filter({ hasText: text }).waitFor();
  /** The current section's tab lies wholly on screen, not scrolled out of a strip. */
  const currentTabShown = (page: Page) =>
    page
      .getByRole('navigation', { name: 'Lab sections' })
      .locator('a[aria-current="page"]')
      .evaluate((link) => {
        const r = link.getBoundingClientRect();
        // Hidden either by a box that clips or scrolls it, or by the window's edge.
        for (let box = link.parentElement; box; box = box.parentElement) {
          if (getComputedStyle(box).overflowX === 'visible') continue;
          const b = box.getBoundingClientRect();
          if (r.left < b.left - 1 || r.right > b.right + 1) return false;
        }
        return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;
      });

  it('takes reviewed applicants through selection, letters and answers', async () => {
    await runJourney('selection-failure', journey);

    async function journey({ open, watch }: JourneyPages) {
      const org = await open(desktop('Europe/Berlin'));
      await logIn(org, organiser.email, `/labs/${labId}`);
      await tab(org, 'Selection');
      await org.getByText('No run yet').waitFor();

      // --- Run 1: no quotas, the top three by merit. ---
      await expect.poll(() => org.getByLabel('Places to fill').inputValue()).toBe('3');
      await org.getByRole('button', { name: 'Run selection' }).click();
      await org.waitForURL(/\/selection\/runs\/[^/]+$/);
      await status(org, 'Run 1 found a cohort of 3.');
      const cohort1 = org.getByRole('region', { name: /^Cohort/ });
      for (const name of ['Ada Arden', 'Ben Brook', 'Cleo Cole'])
        await cohort1.getByRole('row').filter({ hasText: name }).waitFor();
      await expect.poll(() => factValue(org, 'Price of diversity').textContent()).toContain('0.00');
      await shot(org, 'run-without-quotas');

      // --- Run 2: a bioinformatician and an early-career person; one per institution. ---
      await org.getByRole('link', { name: '← All runs and quotas' }).click();
      await org.getByLabel('Discipline Bioinformatics at least').fill('1');
      await org.getByLabel('Career stage Early career at least').fill('one');
      await org.getByLabel('At most per institution').fill('1');
      await org.getByLabel('Run seed (optional)').fill('quotas-2027');
      await org.getByRole('button', { name: 'Run selection' }).click();
      // A typing slip is refused beside its box, which takes the focus.
      const slip = org.locator('#quota-careerStage-0-min-error');
      await slip.waitFor();
      await expect.poll(() => slip.textContent()).toContain('Enter a whole number, 0 or more.');
      await expect
        .poll(() => org.evaluate(() => document.activeElement?.id))
        .toBe('quota-careerStage-0-min');
      await shot(org, 'quota-error-beside-field');
      await org.getByLabel('Career stage Early career at least').fill('1');
      await org.getByRole('button', { name: 'Run selection' }).click();
      await status(org, 'Run 2 found a cohort of 3.');
      const cohort2 = org.getByRole('region', { name: /^Cohort/ });
      await cohort2
        .getByRole('row')
        .filter({ hasText: 'Dev Desai' })
        .filter({ hasText: 'chosen for the quotas' })
        .waitFor();
      await org.getByText('Left out for the quotas although in the top 3: Cleo Cole.').waitFor();
      // The price of diversity, as a chart and in words.
      const chart = org.getByRole('img', { name: /Merit by place/ });
      await chart.waitFor();
      await expect.poll(() => chart.locator('polyline').count()).toBe(2);
      await expect.poll(() => chart.locator('polygon').count()).toBe(1);
      const legend = () =>
        org.getByRole('figure').filter({ has: chart }).locator('figcaption').textContent();
      await expect.poll(legend).toMatch(/Price of diversity: \d+\.\d\d \(\d+\.\d %\)/);
      await expect.poll(legend).not.toContain('Price of diversity: 0.00');
      await expect.poll(() => chart.locator('desc').textContent()).toMatch(/^The quotas cost /);
      await shot(org, 'run-with-quotas-price-of-diversity');

      // --- Run 3: a quota nobody can meet, explained. ---
      await org.getByRole('link', { name: '← All runs and quotas' }).click();
      await org.getByLabel('Discipline Cancer research at least').fill('1');
      await org.getByRole('button', { name: 'Run selection' }).click();
      await status(org, 'Run 3 found no cohort: the quotas conflict.');
      const why = org.getByRole('region', { name: 'Why no cohort keeps these quotas' });
      await why.waitFor();
      await expect
        .poll(() => why.textContent())
        .toContain('Discipline Cancer research needs at least 1 but only 0 eligible applicants.');
      await expect
        .poll(() => why.textContent())
        .toContain('Discipline “Cancer research”: lower the minimum from 1 to 0 (1 place short).');
      await expect.poll(() => org.getByRole('button', { name: /^Adopt run/ }).count()).toBe(0);
      await shot(org, 'infeasible-explained');

      // --- Run 4: the same quota, with Gia let in despite one day she cannot attend. ---
      await why.getByRole('link', { name: 'Change the quotas' }).click();
      await org.getByLabel('Discipline Cancer research at least').fill('1');
      await org.getByLabel('Let Gia Grant be selected').check();
      await org.getByRole('button', { name: 'Run selection' }).click();
      await status(org, 'Run 4 found a cohort of 3.');
      await org
        .getByRole('region', { name: /^Cohort/ })
        .getByRole('row')
        .filter({ hasText: 'Gia Grant' })
        .filter({ hasText: 'availability overridden' })
        .waitFor();

      // --- The runs side by side. ---
      await org.getByRole('link', { name: '← All runs and quotas' }).click();
      const runsTable = org.getByRole('table', { name: /Selection runs/ });
      await runsTable.waitFor();
      await expect.poll(() => runsTable.getByRole('row').count()).toBe(5);
      const run3Row = runsTable.getByRole('row').filter({ hasText: 'Run 3' });
      await expect.poll(() => run3Row.textContent()).toContain('Infeasible');
      await expect.poll(() => run3Row.textContent()).toContain('no cohort');
      await expect
        .poll(() => runsTable.getByRole('row').filter({ hasText: 'Run 2' }).textContent())
        .toContain('Discipline Bioinformatics: at least 1');
      const compare = org.getByRole('region', { name: 'Compare two runs' });
      // The two newest runs that found a cohort are compared first.
      await expect
        .poll(() => compare.getByLabel('Second run').locator('option:checked').textContent())
        .toContain('Run 4');
      await compare.getByRole('region', { name: 'Only in Run 4' }).getByText('Gia Grant').waitFor();
      await compare.getByLabel('First run').selectOption({ label: 'Run 1 · Optimal' });
      await compare.getByLabel('Second run').selectOption({ label: 'Run 2 · Optimal' });
      await expect
        .poll(() => compare.getByLabel('First run').locator('option:checked').textContent())
        .toContain('Run 1');
      await expect
        .poll(() => compare.getByLabel('Second run').locator('option:checked').textContent())
        .toContain('Run 2');
      const onlyIn1 = compare.getByRole('region', { name: 'Only in Run 1' });
      const onlyIn2 = compare.getByRole('region', { name: 'Only in Run 2' });
      await onlyIn1.getByText('Cleo Cole').waitFor();
      await onlyIn2.getByText('Dev Desai').waitFor();
      await expect.poll(() => onlyIn1.getByRole('listitem').count()).toBe(1);
      await expect.poll(() => onlyIn2.getByRole('listitem').count()).toBe(1);
      await compare.getByText('2 in both cohorts.').waitFor();
      await compare.getByText(/Run 2 has \d+\.\d\d less merit than Run 1\./).waitFor();
      await shot(org, 'runs-compared');
      // "Use these quotas" brings a run's quotas back into the form.
      await runsTable.getByRole('button', { name: 'Use these quotas (run 2)' }).click();
      await status(org, 'The form now holds the quotas of run 2.');
      await expect
        .poll(() => org.getByLabel('Discipline Bioinformatics at least').inputValue())
        .toBe('1');
      await expect.poll(() => org.getByLabel('At most per institution').inputValue()).toBe('1');

      // --- Adopt run 2, with an answer-by date in the lab's time (New York). ---
      await runsTable.getByRole('link', { name: 'Run 2' }).click();
      await org.getByLabel('Answer by (optional)').fill(`${year}-05-15T18:00`);
      await org.getByRole('button', { name: 'Adopt run 2' }).click();
      // Adopting sends offers: it asks first, and "Cancel" leaves the run as it was.
      const adoption = org.getByRole('alertdialog', { name: 'Adopt run 2?' });
      await adoption
        .getByText('3 applicants are offered a place, 4 go on the ranked waitlist')
        .waitFor();
      await shot(org, 'adopt-confirm');
      await adoption.getByRole('button', { name: 'Cancel' }).click();
      await adoption.waitFor({ state: 'detached' });
      await org.getByRole('heading', { name: 'Adopt this run' }).waitFor();
      await org.getByRole('button', { name: 'Adopt run 2' }).click();
      await org
        .getByRole('alertdialog', { name: 'Adopt run 2?' })
        .getByRole('button', { name: 'Adopt run 2' })
        .click();
      await org.waitForURL(`**/labs/${labId}/decisions`);
      await status(org, 'Run 2 is adopted: 3 offered a place, 4 on the waitlist, 1 declined.');
      const accepted = org.getByRole('region', { name: /^Offered a place/ });
      for (const name of ['Ada Arden', 'Ben Brook', 'Dev Desai'])
        await expect
          .poll(() => accepted.getByRole('row').filter({ hasText: name }).textContent())
          .toContain(`Waiting for an answer15 May ${year}, 18:00`);
      const waitlist = org.getByRole('list', { name: /^Waitlist/ });
      await expect
        .poll(() => waitlist.getByRole('listitem').allTextContents())
        .toEqual(['1Cleo Cole', '2Eve Ellis', '3Finn Ford', '4Hana Hill']);
      await org
        .getByRole('region', { name: /^Declined/ })
        .getByText('Gia Grant')
        .waitFor();
      await shot(org, 'decisions-adopted');

      // --- From the applications table to one application: its score, reviews and decision. ---
      await tab(org, 'Applications');
      const names = () =>
        org
          .getByRole('region', { name: 'Applications', exact: true })
          .getByRole('rowheader')
          .getByRole('link')
          .allTextContents();
      const byScore = org.getByRole('columnheader', { name: /^Score/ });
      await byScore.getByRole('button').click();
      await expect.poll(() => byScore.getAttribute('aria-sort')).toBe('descending');
      await expect.poll(names).toEqual(PEOPLE.map((p) => p.name)); // scored 10 down to 3
      await byScore.getByRole('button').click();
      await expect.poll(() => byScore.getAttribute('aria-sort')).toBe('ascending');
      await expect.poll(async () => (await names())[0]).toBe('Hana Hill');
      // The rows per page stay in the address with the order: a reload keeps both.
      await org.getByLabel('Rows per page').selectOption('50');
      await expect.poll(() => new URL(org.url()).searchParams.get('rows')).toBe('50');
      await org.reload();
      await expect.poll(() => org.getByLabel('Rows per page').inputValue()).toBe('50');
      await expect.poll(async () => (await names())[0]).toBe('Hana Hill');
      await shot(org, 'applications-by-score');
      const find = org.getByLabel('Find an applicant');
      await find.fill('ARDEN');
      await find.press('Enter');
      await expect.poll(names).toEqual(['Ada Arden']);
      await org.getByRole('link', { name: 'Ada Arden' }).click();
      await org.waitForURL(`**/labs/${labId}/applications/${applicationOf.get('a')}`);
      const summary = org.getByRole('region', { name: 'Ada Arden' });
      await expect.poll(() => summary.textContent()).toContain('Normalised score');
      await expect.poll(() => summary.textContent()).toContain('rank 1 of 8');
      const reviewsOfAda = org.getByRole('region', { name: 'Reviews' });
      await reviewsOfAda.getByText('Ada Arden would bring strong models.').waitFor();
      await expect.poll(() => reviewsOfAda.textContent()).toContain('Mo Mentor');
      await expect.poll(() => reviewsOfAda.textContent()).toContain('Overall merit10 of 1–10');
      const decisionOfAda = org.getByRole('region', { name: 'Decision' });
      await expect.poll(() => decisionOfAda.textContent()).toContain('Offered a place');
      await expect.poll(() => decisionOfAda.textContent()).toContain('Waiting for an answer');
      await org
        .getByRole('region', { name: 'The application' })
        .getByText("Ada Arden's idea")
        .waitFor();
      await shot(org, 'application-page');
      // Every list that names an applicant leads to their application: here the waitlist.
      await tab(org, 'Decisions');
      await org
        .getByRole('list', { name: /^Waitlist/ })
        .getByRole('link', { name: 'Cleo Cole' })
        .click();
      await org.waitForURL(`**/labs/${labId}/applications/${applicationOf.get('c')}`);
      await expect
        .poll(() => org.getByRole('region', { name: 'Decision' }).textContent())
        .toContain('On the waitlist, number 1');

      // --- The outbox: compose, edit one letter, release the batch. ---
      await tab(org, 'Outbox');
      await expect
        .poll(() => currentTabShown(org), { message: 'the Outbox tab is out of sight' })
        .toBe(true);
      await org.getByText('No mail server is set up (development)').waitFor();
      await org.getByRole('button', { name: 'Compose the letters' }).click();
      await status(org, '8 letters in the outbox.');
      const offered = org.getByRole('region', { name: 'Offered a place (3)' });
      const adaLetter = offered.getByRole('article', { name: `To ${emailOf(person('a'))}` });
      await expect.poll(() => adaLetter.textContent()).toContain('Dear Ada Arden,');
      await expect
        .poll(() => adaLetter.textContent())
        .toContain('confirm or decline your place by');
      await expect
        .poll(() =>
          org
            .getByRole('region', { name: 'On the waitlist (4)' })
            .getByRole('article', { name: `To ${emailOf(person('c'))}` })
            .textContent(),
        )
        .toContain('number 1 on the waiting list');
      const giaLetter = org
        .getByRole('region', { name: 'Declined (1)' })
        .getByRole('article', { name: `To ${emailOf(person('g'))}` });
      await giaLetter
        .getByRole('button', { name: `Edit the letter to ${emailOf(person('g'))}` })
        .click();
      await expect.poll(() => org.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
      const personal =
        'Dear Gia Grant,\n\nThank you for applying. As you cannot attend every day, we could not offer you a place this time; we hope to see you at the next lab.';
      await giaLetter.getByLabel('Letter').fill(personal);
      await shot(org, 'outbox-edit-letter');
      await giaLetter.getByRole('button', { name: 'Save the letter' }).click();
      await status(org, `The letter to ${emailOf(person('g'))} is saved.`);
      await expect.poll(() => giaLetter.getByTestId('letter-body').textContent()).toBe(personal);
      await org.getByRole('button', { name: 'Release 8 letters…' }).click();
      // The shared confirmation says what goes out, to how many, and that it is for good.
      const confirmRelease = org.getByRole('alertdialog', { name: 'Release 8 letters now?' });
      await expect.poll(() => confirmRelease.textContent()).toMatch(/offers? of a place/);
      await expect.poll(() => confirmRelease.textContent()).toContain('to 8 people');
      await expect.poll(() => confirmRelease.textContent()).toContain('This cannot be undone');
      await shot(org, 'outbox-release-confirm');
      await confirmRelease.getByRole('button', { name: 'Release the letters' }).click();
      await status(org, /queued for sending|Released/);
      // Every letter ends up delivered (in development: logged as what would be sent).
      await org.waitForFunction(
        () =>
          [...document.querySelectorAll('[data-testid="letter-state"]')].filter((b) =>
            /^(Sent|Logged, not emailed)$/.test(b.textContent ?? ''),
          ).length === 8,
        undefined,
        { timeout: 20_000 },
      );
      await expect
        .poll(() => org.getByRole('button', { name: /^Edit the letter/ }).count())
        .toBe(0);
      // A view of the letters that went wrong: none did.
      await org.getByLabel('Show').selectOption('problems');
      await org.getByText('No letter in this view.').waitFor();
      await expect.poll(() => org.getByRole('article').count()).toBe(0);
      await org.getByLabel('Show').selectOption('all');
      await expect.poll(() => org.getByRole('article').count()).toBe(8);
      await expect.poll(() => org.getByRole('button', { name: /^Release/ }).count()).toBe(0);
      await shot(org, 'outbox-released');

      // --- Ada, in Tokyo, confirms her place by the date shown in her own time. ---
      const ada = await open(desktop('Asia/Tokyo'));
      await logIn(ada, emailOf(person('a')), `/applications/${applicationOf.get('a')}`);
      const place = ada.getByRole('region', { name: 'You have a place' });
      await place.waitFor();
      const deadline = () => place.getByTestId('answer-by').textContent();
      // 18:00 in New York (EDT) on 15 May is 07:00 on 16 May in Tokyo.
      await expect
        .poll(deadline)
        .toContain(
          `Please confirm or decline by 15 May ${year}, 18:00 GMT-4 (New York time) · 16 May ${year}, 07:00 GMT+9 your time`,
        );
      await expect.poll(() => place.textContent()).not.toMatch(/merit|score|review/i);
      await shot(ada, 'applicant-offer');
      await place.getByRole('button', { name: 'Confirm my place' }).click();
      await status(ada, 'Your place is confirmed. Welcome to the lab!');
      await ada.getByRole('region', { name: 'Your place is confirmed' }).waitFor();
      await ada.getByRole('link', { name: 'Open the lab' }).click();
      await ada.getByRole('heading', { level: 1, name: labTitle }).waitFor();
      await expect
        .poll(() =>
          ada.getByRole('list', { name: 'Your roles' }).getByRole('listitem').allTextContents(),
        )
        .toContain('Participant');
      await shot(ada, 'applicant-confirmed');

      // --- Hana waits fourth on the list. ---
      const hana = await open(desktop('Europe/London'));
      await logIn(hana, emailOf(person('h')), `/applications/${applicationOf.get('h')}`);
      const waiting = hana.getByRole('region', { name: 'You are on the waiting list' });
      await waiting.waitFor();
      await expect
        .poll(() => waiting.textContent())
        .toContain('You are number 4 on the waiting list.');

      // --- Dev declines his place. ---
      const dev = await open(desktop('Asia/Kolkata'));
      await logIn(dev, emailOf(person('d')), `/applications/${applicationOf.get('d')}`);
      await dev.getByRole('button', { name: 'Decline my place…' }).click();
      const confirmDecline = dev.getByRole('alertdialog', { name: 'Decline your place?' });
      await confirmDecline.waitFor();
      // The answer that changes nothing has the focus: a stray Enter keeps the place.
      await expect
        .poll(() => dev.evaluate(() => document.activeElement?.textContent))
        .toBe('Keep my place');
      await shot(dev, 'applicant-decline-confirm');
      await confirmDecline.getByRole('button', { name: 'Yes, decline my place' }).click();
      await status(dev, 'You have declined your place.');
      await dev.getByRole('region', { name: 'You declined your place' }).waitFor();

      // --- Hana, who keeps both quotas, is offered the place (not Cleo, first in line). ---
      watch(hana);
      await hana.reload();
      const offer = hana.getByRole('region', { name: 'You have a place' });
      await offer.waitFor();
      await expect.poll(() => offer.textContent()).toContain('A place has become free');
      await offer.getByRole('button', { name: 'Confirm my place' }).waitFor();
      await shot(hana, 'applicant-promoted');
      await hana
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'My applications' })
        .click();
      await hana
        .getByRole('listitem')
        .filter({ hasText: labTitle })
        .getByText('Place offered: please answer')
        .waitFor();

      // --- The organiser sees all of it in the decisions. ---
      watch(org);
      await tab(org, 'Decisions');
      const acceptedNow = org.getByRole('region', { name: /^Offered a place/ });
      await acceptedNow.waitFor();
      await expect
        .poll(() => acceptedNow.getByRole('row', { name: /^Ada Arden/ }).textContent())
        .toContain('Confirmed');
      await expect
        .poll(() => acceptedNow.getByRole('row', { name: /^Dev Desai/ }).textContent())
        .toContain('Declined the place');
      const hanaRow = acceptedNow.getByRole('row', { name: /^Hana Hill/ });
      await expect.poll(() => hanaRow.textContent()).toContain('Waiting for an answer');
      await hanaRow.getByText('Promoted from the waitlist').click();
      await hanaRow
        .getByText('In place of Dev Desai; next in line by merit alone: Cleo Cole.')
        .waitFor();
      await expect
        .poll(() =>
          org
            .getByRole('list', { name: /^Waitlist/ })
            .getByRole('listitem')
            .allTextContents(),
        )
        .toEqual(['1Cleo Cole', '2Eve Ellis', '3Finn Ford']);
      const counts = () => org.getByTestId('decision-counts').textContent();
      await expect.poll(counts).toContain('Confirmed1');
      await expect.poll(counts).toContain('Waiting for an answer2');
      await expect.poll(counts).toContain('Places given up1');
      await shot(org, 'decisions-after-answers');

      // Hana's offer gets a letter of its own, released on its own.
      await org.getByRole('link', { name: 'Letters in the outbox' }).click();
      await org.getByRole('button', { name: 'Compose again from the decisions' }).click();
      await status(org, '9 letters in the outbox.');
      const hanaOffer = org
        .getByRole('region', { name: 'Offered a place (4)' })
        .getByRole('article', { name: `To ${emailOf(person('h'))}` });
      await expect.poll(() => hanaOffer.textContent()).toContain('Dear Hana Hill,');
      await expect.poll(() => hanaOffer.getByTestId('letter-state').textContent()).toBe('Draft');
      await org.getByRole('button', { name: 'Release 1 letter…' }).click();
      await org
        .getByRole('alertdialog', { name: 'Release this letter now?' })
        .getByRole('button', { name: 'Release the letter' })
        .click();
      await hanaOffer
        .getByTestId('letter-state')
        .filter({ hasText: /^(Sent|Logged, not emailed)$/ })
        .waitFor({ timeout: 20_000 });
      await shot(org, 'outbox-promotion-letter');
      const orgSession = await org.context().storageState();
      const adaSession = await ada.context().storageState();

      // --- The same screens on a phone. ---
      const mobile = await open(phone(orgSession));
      await mobile.goto(`/labs/${labId}/selection`);
      await mobile.getByRole('table', { name: /Selection runs/ }).waitFor();
      await mobile.getByRole('region', { name: 'Only in Run 2' }).waitFor();
      await expect
        .poll(() => sidewaysScroll(mobile), { message: 'the selection screen scrolls sideways' })
        .toBe(0);
      await shot(mobile, 'phone-selection');
      await mobile.getByRole('link', { name: 'Run 2' }).click();
      await mobile.getByRole('img', { name: /Merit by place/ }).waitFor();
      await expect
        .poll(() => sidewaysScroll(mobile), { message: 'a run scrolls sideways' })
        .toBe(0);
      await shot(mobile, 'phone-run');
      await tab(mobile, 'Outbox');
      await mobile.getByRole('region', { name: 'Offered a place (4)' }).waitFor();
      await expect
        .poll(() => sidewaysScroll(mobile), { message: 'the outbox scrolls sideways' })
        .toBe(0);
      await shot(mobile, 'phone-outbox');
      // Seventeen sections fit a phone in labelled groups: the current one is always in sight.
      await expect
        .poll(() => currentTabShown(mobile), { message: 'the Outbox tab is out of sight' })
        .toBe(true);
      await expect
        .poll(() =>
          mobile
            .getByRole('navigation', { name: 'Lab sections' })
            .getByRole('list', { name: 'Selection' })
            .getByRole('link')
            .allTextContents(),
        )
        .toEqual(['Selection', 'Decisions', 'Outbox']);
      await mobile.goto(`/labs/${labId}/applications/${applicationOf.get('a')}`);
      await mobile.getByRole('region', { name: 'Reviews' }).getByText('Mo Mentor').waitFor();
      await expect
        .poll(() => sidewaysScroll(mobile), { message: 'the application page scrolls sideways' })
        .toBe(0);
      await expect
        .poll(() => currentTabShown(mobile), { message: 'the Applications tab is out of sight' })
        .toBe(true);
      await shot(mobile, 'phone-application');

      const adaMobile = await open(phone(adaSession));
      await adaMobile.goto(`/applications/${applicationOf.get('a')}`);
      await adaMobile.getByRole('region', { name: 'Your place is confirmed' }).waitFor();
      await expect
        .poll(() => sidewaysScroll(adaMobile), { message: 'the status page scrolls sideways' })
        .toBe(0);
      await shot(adaMobile, 'phone-applicant');
    }
  }, 300_000);
});
