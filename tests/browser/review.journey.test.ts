import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { journeyApi, openCallLab } from './support/api.js';
import { describeBrowser, screenshotter } from './support/browser.js';
import {
  describedBy,
  desktopContext,
  journeyStage,
  logInThroughUi,
  phoneContext,
  runJourney,
  sidewaysScroll,
  type JourneyPages,
} from './support/journey.js';

/**
 * Application review, end to end in the browser: the organiser turns the suggested rubric into
 * the lab's own (a bad scale refused beside its fields) with a blind phase; a mentor states her
 * institution and declares a conflict with an applicant (an unknown address refused beside the
 * field); the organiser runs the automatic assignment, reads why k = 3 cannot be met (the
 * conflicts), runs k = 2, and is refused a conflicted hand assignment; the mentor opens her
 * queue (no names: blind), is shown every missing score at once, saves a draft, submits (asked
 * in the shared dialog), and only then reads the other reviewer's review; she revises it, and the
 * organiser reads the earlier revision on the application page; her progress and the organiser's
 * progress move; the organiser closes review through the dialog, and her open review page stops
 * offering a revision at once (no reload) and tells her when it closed.
 */
describeBrowser('web client: applications are reviewed', () => {
  const stage = journeyStage();
  const shot = screenshotter('review-');
  const run = Date.now().toString(36);
  const year = new Date().getUTCFullYear() + 1;
  const password = 'review-journey-password';
  const person = (key: string, name: string) => ({
    name,
    email: `${key}.${run}@example.test`,
    password,
  });
  const organiser = person('orla', 'Orla Organiser');
  const mia = person('mia', 'Mia Mentor');
  const max = person('max', 'Max Mentor');
  const moe = person('moe', 'Moe Mentor');
  const applicants = [
    { ...person('ada', 'Ada Lovelace'), affiliation: 'University of Edinburgh' },
    { ...person('bob', 'Bob Noyce'), affiliation: 'Argonne National Laboratory' },
    { ...person('cy', 'Cy Young'), affiliation: 'Moffitt Cancer Center' },
    { ...person('dee', 'Dee Hopper'), affiliation: 'ETH Zurich' },
  ];
  const [ada, bob, , dee] = applicants;
  const labTitle = `Digital Twin Review ${run}`;
  const otherComment = 'Strong modeller; would pair well with a clinician.';
  const revisedComment = 'A modeller who hears out the clinicians first.';
  let labId = '';

  const { call, tokenOf } = journeyApi(() => stage.server.baseUrl);

  beforeAll(async () => {
    for (const who of [organiser, mia, max, moe, ...applicants])
      await call('POST', '/auth/register', undefined, {
        email: who.email,
        password: who.password,
        displayName: who.name,
      });
    const admin = await tokenOf(stage.server.admin.email, stage.server.admin.password);
    const lab = await call<{ id: string }>(
      'POST',
      '/labs',
      admin,
      openCallLab({ title: labTitle, slug: `digital-twin-review-${run}` }),
    );
    labId = lab.id;
    await call('POST', `/labs/${labId}/members`, admin, {
      email: organiser.email,
      role: 'organiser',
    });
    for (const mentor of [mia, max, moe])
      await call('POST', `/labs/${labId}/members`, admin, { email: mentor.email, role: 'mentor' });
    const orgToken = await tokenOf(organiser.email, organiser.password);
    await call('PUT', `/labs/${labId}/application-form`, orgToken, {
      questions: [
        { id: 'pitch', type: 'short_text', label: 'One-line pitch', required: true },
        { id: 'portfolio', type: 'url', label: 'Portfolio', required: false },
      ],
    });
    await call('POST', `/labs/${labId}/phase`, orgToken, { to: 'applications_open' });
    // Four applicants submit; Dee cannot come on the second day.
    for (const applicant of applicants) {
      const token = await tokenOf(applicant.email, applicant.password);
      const started = await call<{ id: string; version: number }>(
        'POST',
        `/labs/${labId}/applications`,
        token,
      );
      await call('PATCH', `/applications/${started.id}`, token, {
        version: started.version,
        profile: {
          name: applicant.name,
          affiliation: applicant.affiliation,
          organisationType: 'University',
          careerStage: 'Senior',
          disciplines: ['AI'],
          primaryDiscipline: 'AI',
          expertiseKeywords: ['tumour models'],
          country: 'GB',
          links: [`https://example.org/${applicant.name.split(' ')[0].toLowerCase()}`],
          availability: Object.fromEntries(
            [13, 14, 15, 16, 17].map((d) => [`${year}-07-${d}`, !(applicant === dee && d === 14)]),
          ),
        },
        answers: {
          pitch: `${applicant.name.split(' ')[0]} builds patient-specific tumour models`,
          portfolio: `https://example.org/${applicant.name.split(' ')[0].toLowerCase()}/work`,
        },
      });
      await call('POST', `/applications/${started.id}/submit`, token, {});
    }
  });

  const desktop = () => desktopContext(stage.browser, stage.server.baseUrl, 'Europe/London');
  const phone = (storageState: Awaited<ReturnType<BrowserContext['storageState']>>) =>
    phoneContext(stage.browser, stage.server.baseUrl, {
      storageState,
      timezoneId: 'Europe/London',
    });
  const tab = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Lab sections' }).getByRole('link', { name }).click();
  const status = (page: Page, text: string | RegExp) =>
    page.getByRole('status').filter({ hasText: text }).waitFor();
  const criteria = (page: Page) =>
    page.getByRole('list', { name: 'Criteria' }).locator(':scope > li');
  const criterion = (page: Page, index: number) => criteria(page).nth(index);
  const scoreGroup = (page: Page, label: string) =>
    page.getByRole('group', { name: label, exact: true });

  it('takes applications from a rubric to submitted reviews', async () => {
    await runJourney('review-failure', journey);

    async function journey({ open, watch }: JourneyPages) {
      // --- The organiser makes the suggested rubric the lab's own. ---
      const org = await open(desktop());
      await logInThroughUi(org, organiser, `/labs/${labId}/rubric`);
      await org.getByText('No rubric is saved yet.').waitFor();
      await expect.poll(() => criteria(org).count()).toBe(5);
      await expect
        .poll(() => criterion(org, 0).getByLabel('Criterion', { exact: true }).inputValue())
        .toBe('Relevant expertise');
      // Communication and creativity go; fit counts more.
      await org.getByRole('button', { name: 'Remove criterion 3' }).click();
      await status(org, 'Removed “Communication”');
      await org.getByRole('button', { name: 'Remove criterion 3' }).click();
      await status(org, 'Removed “Creativity”');
      await expect.poll(() => criteria(org).count()).toBe(3);
      await criterion(org, 2).getByLabel('Weight').fill('4');
      await expect
        .poll(() => criterion(org, 2).locator('h3').textContent())
        .toContain('50% of the score');
      // A new criterion: its id follows its label; its scale is upside down.
      await org.getByRole('button', { name: 'Add criterion' }).click();
      await expect.poll(() => org.evaluate(() => document.activeElement?.id)).toMatch(/-label$/);
      const added = criterion(org, 3);
      await added.getByLabel('Criterion', { exact: true }).fill('Openness to other disciplines');
      await expect
        .poll(() => added.getByLabel('Id', { exact: true }).inputValue())
        .toBe('openness-to-other-disciplines');
      await added.getByLabel('Lowest score').fill('5');
      await added.getByLabel('Highest score').fill('1');
      await org.getByLabel(/^Blind review/).check();
      await org.getByRole('button', { name: 'Save the rubric' }).click();
      await expect
        .poll(() => describedBy(added.getByLabel('Lowest score')))
        .toContain('The highest score must be greater than the lowest.');
      await expect
        .poll(() => added.getByLabel('Lowest score').getAttribute('aria-invalid'))
        .toBe('true');
      await expect
        .poll(() => added.getByLabel('Highest score').getAttribute('aria-invalid'))
        .toBe('true');
      await expect.poll(() => org.evaluate(() => document.activeElement?.id)).toMatch(/-min$/);
      await org
        .getByRole('alert')
        .filter({
          hasText: 'The rubric cannot be saved: one problem is marked beside the criteria.',
        })
        .waitFor();
      await shot(org, 'rubric-error');
      await added.getByLabel('Lowest score').fill('1');
      await added.getByLabel('Highest score').fill('5');
      await org.getByRole('button', { name: 'Save the rubric' }).click();
      await status(org, 'Rubric version 1 is saved.');
      await org.getByRole('button', { name: 'Save version 2' }).waitFor();
      // When it was saved, by the one time rule: the lab's (New York) time and zone, then the
      // organiser's own (London), never UTC alone.
      await expect
        .poll(() => org.getByText(/^Version 1, saved/).textContent())
        .toMatch(
          /^Version 1, saved \d+ \w+ \d{4}, \d\d:\d\d GMT-[45] \(New York time\) · .+ your time\./,
        );
      await expect.poll(() => org.getByLabel(/^Blind review/).isChecked()).toBe(true);
      // Saved criteria keep their id.
      await expect
        .poll(() => criterion(org, 3).getByLabel('Id', { exact: true }).getAttribute('readonly'))
        .not.toBeNull();
      await shot(org, 'rubric-saved');

      // --- A mentor states her institution and declares a conflict. ---
      const mentor = await open(desktop());
      await logInThroughUi(mentor, mia, `/labs/${labId}`);
      await tab(mentor, 'Reviews');
      await mentor.getByText('No applications are assigned to you yet.').waitFor();
      await mentor.getByLabel('Your institution').fill('ETH Zurich');
      await mentor.getByRole('button', { name: 'Save institution' }).click();
      await status(mentor, 'Your institution is ETH Zurich');
      await mentor.getByLabel("Applicant's e-mail").fill(`nobody.${run}@example.test`);
      await mentor.getByRole('button', { name: 'Declare conflict' }).click();
      await mentor
        .locator('#conflict-value-error')
        .filter({ hasText: 'No account uses this address.' })
        .waitFor();
      await expect
        .poll(() => mentor.getByLabel("Applicant's e-mail").getAttribute('aria-invalid'))
        .toBe('true');
      await expect
        .poll(() => mentor.evaluate(() => document.activeElement?.id))
        .toBe('conflict-value');
      // The field error alone: no banner with a reference number over it.
      await expect
        .poll(() => mentor.getByRole('alert').filter({ hasText: 'Reference' }).count())
        .toBe(0);
      await shot(mentor, 'conflict-error');
      await mentor.getByLabel("Applicant's e-mail").fill(bob.email);
      await mentor.getByRole('button', { name: 'Declare conflict' }).click();
      await status(mentor, `Conflict of interest with ${bob.email} declared.`);
      const declared = mentor.getByRole('list', { name: 'Declared conflicts' });
      await expect.poll(() => declared.textContent()).toContain(bob.email);
      // The institution is kept alongside the declared person, and the other way round.
      await expect
        .poll(() => mentor.getByLabel('Your institution').inputValue())
        .toBe('ETH Zurich');
      await mentor.getByRole('button', { name: 'Save institution' }).click();
      await status(mentor, 'Your institution is ETH Zurich');
      await expect.poll(() => declared.textContent()).toContain(bob.email);
      await shot(mentor, 'conflicts-declared');

      // --- The organiser assigns reviewers. ---
      watch(org);
      await tab(org, 'Assignment');
      const reviewers = org.getByRole('group', { name: 'Reviewers' });
      await reviewers.waitFor();
      // The organiser does not review this time.
      await reviewers.getByLabel(/^Orla Organiser/).uncheck();
      // A number the server refuses is said beside its field, in the server's words.
      await org.getByLabel('Reviews per application (k)').fill('0');
      await org.getByRole('button', { name: 'Run the assignment' }).click();
      await expect
        .poll(() => org.locator('#run-reviewsPerApplication-error').textContent())
        .toContain('Must be at least 1.');
      await org.getByLabel('Reviews per application (k)').fill('3');
      await org.getByRole('button', { name: 'Run the assignment' }).click();
      await status(org, '2 applications are short of reviewers');
      const result = org.getByRole('region', { name: 'Latest run' });
      await result.getByText('Incomplete: 2 of 4 applications are short of reviewers').waitFor();
      // The conflicts, in words and with names: Mia may review neither Bob nor Dee.
      const why = () => result.getByTestId('run-problems').textContent();
      await expect
        .poll(why)
        .toContain(
          `Application ${bob.name} has only 2 reviewers without a conflict of interest (needs 3)`,
        );
      await expect.poll(why).toContain(`Application ${dee.name} has only 2 reviewers`);
      await shot(org, 'assignment-short');
      await org.getByLabel('Reviews per application (k)').fill('2');
      await org.getByLabel('Most reviews per reviewer').fill('3');
      await org.getByRole('button', { name: 'Run the assignment' }).click();
      await status(org, 'every application has 2 reviewers');
      await result.getByText('Complete: each of the 4 applications has 2 reviewers.').waitFor();
      const loads = result.getByRole('table');
      // Mia can take only Ada and Cy: she gets both, the others three each.
      const miaLoad = loads
        .getByRole('row', { name: /^Mia Mentor/ })
        .getByRole('cell')
        .first();
      await expect.poll(() => miaLoad.textContent()).toBe('2');
      // A hand assignment that would be a conflict is refused, with the reason.
      await org.getByLabel('Application', { exact: true }).selectOption({ label: bob.name });
      await org.getByLabel('Reviewer', { exact: true }).selectOption({ label: mia.name });
      await org.getByRole('button', { name: 'Assign by hand' }).click();
      await org
        .getByRole('alert')
        .filter({ hasText: `${mia.name} has a conflict of interest with this application` })
        .waitFor();
      const bobRow = org
        .getByRole('region', { name: 'Reviewers per application' })
        .getByRole('row', { name: new RegExp(`^${bob.name}`) });
      await expect.poll(() => bobRow.textContent()).not.toContain(mia.name);
      // By hand: one of Ada's reviewers is taken off, then put back.
      const adaRow = org
        .getByRole('region', { name: 'Reviewers per application' })
        .getByRole('row', { name: new RegExp(`^${ada.name}`) });
      const adaOther = adaRow.getByRole('listitem').filter({ hasNotText: mia.name }).first();
      await expect.poll(() => adaOther.textContent()).toMatch(/^(Max Mentor|Moe Mentor)/);
      const handName = /^(Max Mentor|Moe Mentor)/.exec((await adaOther.textContent()) ?? '')![1];
      await adaRow.getByRole('button', { name: `Remove ${handName} from ${ada.name}` }).click();
      await status(org, `${handName} no longer reviews ${ada.name}.`);
      await expect.poll(() => adaRow.getByRole('listitem').count()).toBe(1);
      await org.getByLabel('Application', { exact: true }).selectOption({ label: ada.name });
      await org.getByLabel('Reviewer', { exact: true }).selectOption({ label: handName });
      await org.getByRole('button', { name: 'Assign by hand' }).click();
      await status(org, `${handName} now reviews ${ada.name}.`);
      await adaRow
        .getByRole('listitem')
        .filter({ hasText: handName })
        .filter({ hasText: 'by hand' })
        .waitFor();
      await shot(org, 'assignment-complete');

      // Another reviewer submits first (through the API), on the first application in Mia's queue.
      const miaToken = await tokenOf(mia.email, mia.password);
      const queue = await call<{ items: { applicationId: string }[] }>(
        'GET',
        `/labs/${labId}/my-reviews`,
        miaToken,
      );
      expect(queue.items).toHaveLength(2);
      const firstId = queue.items[0].applicationId;
      const orgToken = await tokenOf(organiser.email, organiser.password);
      const { assignments } = await call<{
        assignments: {
          applicationId: string;
          applicantName: string;
          reviewerId: string;
          reviewerName: string;
        }[];
      }>('GET', `/labs/${labId}/review-assignments`, orgToken);
      const otherName = assignments.find(
        (a) => a.applicationId === firstId && a.reviewerName !== mia.name,
      )!.reviewerName;
      const other = [max, moe].find((m) => m.name === otherName)!;
      const firstName = assignments.find((a) => a.applicationId === firstId)!.applicantName;
      await call(
        'POST',
        `/labs/${labId}/my-reviews/${firstId}/submit`,
        await tokenOf(other.email, other.password),
        {
          scores: { expertise: 4, collaboration: 3, fit: 5, 'openness-to-other-disciplines': 4 },
          comment: otherComment,
        },
      );

      // --- The mentor reviews, blind. ---
      watch(mentor);
      await mentor.reload();
      await mentor.getByText('0 of 2 done · 2 not started').waitFor();
      await mentor.getByText(/^Blind review: you see what applicants can do/).waitFor();
      const queueText = await mentor
        .getByRole('region', { name: 'Your review queue' })
        .textContent();
      for (const applicant of applicants) expect(queueText).not.toContain(applicant.name);
      await expect
        .poll(() =>
          mentor
            .getByRole('progressbar', { name: 'Your reviews submitted' })
            .getAttribute('aria-valuetext'),
        )
        .toBe('0 of 2');
      await shot(mentor, 'queue');
      await mentor.getByRole('link', { name: 'Application 1' }).click();
      await mentor.getByRole('heading', { name: 'Review: Application 1' }).waitFor();
      await mentor.getByText("Blind review: the applicant's name, institution").waitFor();
      const applicationRegion = mentor.getByRole('region', { name: 'The application' });
      // Its answers may arrive after the heading; read the region once they are shown.
      await expect
        .poll(() => applicationRegion.textContent())
        .toMatch(/builds patient-specific tumour models/);
      const application = await applicationRegion.textContent();
      for (const applicant of applicants) {
        expect(application).not.toContain(applicant.name);
        expect(application).not.toContain(applicant.affiliation);
      }
      expect(application).not.toContain('example.org');
      await mentor
        .getByRole('region', { name: 'Other reviews' })
        .getByText('open to you once you have submitted your own')
        .waitFor();

      // One score, then an early submit: no "submit?" question, but the missing criteria named,
      // in the alert and beside each one.
      await scoreGroup(mentor, 'Relevant expertise').getByRole('radio', { name: '4' }).check();
      await mentor.getByText('3 of 4 criteria still to score').waitFor();
      await mentor.getByRole('button', { name: 'Submit review…' }).click();
      const confirm = mentor.getByRole('alertdialog', { name: 'Submit your review?' });
      await mentor
        .getByRole('alert')
        .filter({
          hasText:
            'Score these 3 criteria before submitting: Ability to collaborate, Fit to the challenge and Openness to other disciplines.',
        })
        .waitFor();
      await expect.poll(() => confirm.count()).toBe(0);
      for (const label of [
        'Ability to collaborate',
        'Fit to the challenge',
        'Openness to other disciplines',
      ])
        await expect
          .poll(() => describedBy(scoreGroup(mentor, label)))
          .toContain('A score from 1 to 5 is required.');
      // Focus lands on the first criterion in error.
      await expect
        .poll(() =>
          mentor.evaluate(
            () => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent,
          ),
        )
        .toBe('Ability to collaborate');
      await shot(mentor, 'review-missing-scores');

      // Scored by keyboard: arrows move along a scale.
      await mentor.keyboard.press('Space');
      await mentor.keyboard.press('ArrowRight');
      await mentor.keyboard.press('ArrowRight');
      await expect
        .poll(() =>
          scoreGroup(mentor, 'Ability to collaborate')
            .getByRole('radio', { name: '3' })
            .isChecked(),
        )
        .toBe(true);
      await expect
        .poll(() => describedBy(scoreGroup(mentor, 'Ability to collaborate')))
        .not.toContain('⚠');
      await scoreGroup(mentor, 'Fit to the challenge').getByRole('radio', { name: '5' }).check();
      await mentor
        .getByLabel('What would this person bring to a team?')
        .fill('A modeller who listens.');
      await mentor.getByRole('button', { name: 'Save draft' }).click();
      await status(mentor, /^Draft saved at /);
      // The draft survives a reload.
      await mentor.reload();
      await scoreGroup(mentor, 'Fit to the challenge').waitFor();
      await expect
        .poll(() =>
          scoreGroup(mentor, 'Fit to the challenge').getByRole('radio', { name: '5' }).isChecked(),
        )
        .toBe(true);
      await expect
        .poll(() => mentor.getByLabel('What would this person bring to a team?').inputValue())
        .toBe('A modeller who listens.');
      await scoreGroup(mentor, 'Openness to other disciplines')
        .getByRole('radio', { name: '4' })
        .check();
      // Weighted: (2·3/4 + 2·2/4 + 4·4/4 + 1·3/4) / 9 = 7.25 / 9 of the way up every scale.
      await mentor.getByText('Weighted score: 81%').waitFor();
      await shot(mentor, 'review-draft');
      // Submitting asks first, in the shared dialog, its safe answer focused; keeping editing
      // changes nothing.
      await mentor.getByRole('button', { name: 'Submit review…' }).click();
      await expect
        .poll(() => confirm.textContent())
        .toContain('You may revise it until review closes');
      const keepEditing = confirm.getByRole('button', { name: 'Keep editing' });
      await expect
        .poll(() => keepEditing.evaluate((button) => button === document.activeElement))
        .toBe(true);
      await shot(mentor, 'review-submit-dialog');
      await keepEditing.click();
      await confirm.waitFor({ state: 'hidden' });
      await expect.poll(() => mentor.getByRole('button', { name: 'Save draft' }).count()).toBe(1);
      await mentor.getByRole('button', { name: 'Submit review…' }).click();
      await confirm.getByRole('button', { name: 'Submit the review' }).click();
      // In the lab's time (New York) with its zone named, and the reviewer's own (London) after.
      await status(
        mentor,
        /^Submitted on \d+ \w+ \d{4}, \d\d:\d\d GMT-[45] \(New York time\) · .*your time\. You may revise it until review closes; each submission is kept\./,
      );
      await expect.poll(() => mentor.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
      // Focus moves to the submitted review that replaced the form.
      await expect
        .poll(() => mentor.evaluate(() => document.activeElement?.id))
        .toBe('my-review-title');
      // Only now the other review opens to her, anonymous in the blind phase.
      const others = mentor.getByRole('region', { name: 'Other reviews' });
      await others.getByText(otherComment).waitFor();
      await expect.poll(() => others.textContent()).toContain('Reviewer 1');
      await expect.poll(() => others.textContent()).not.toContain(other.name);
      await shot(mentor, 'review-submitted');

      // While review is open she revises it: the dialog names the revision; the first is kept.
      await mentor.getByRole('button', { name: 'Revise your review' }).click();
      await scoreGroup(mentor, 'Fit to the challenge').getByRole('radio', { name: '4' }).check();
      await mentor.getByLabel('What would this person bring to a team?').fill(revisedComment);
      await mentor.getByRole('button', { name: 'Submit the revision…' }).click();
      const revision = mentor.getByRole('alertdialog', { name: 'Submit revision 2?' });
      await expect
        .poll(() => revision.textContent())
        .toContain('the organisers keep every earlier submission');
      await revision.getByRole('button', { name: 'Submit the revision' }).click();
      await status(
        mentor,
        /^Revision 2 submitted on \d+ \w+ \d{4}, \d\d:\d\d GMT-[45] \(New York time\) · .*your time\. You may revise it/,
      );
      await shot(mentor, 'review-revised');

      await mentor.getByRole('link', { name: '← Your review queue' }).click();
      await mentor.getByText('1 of 2 done · 1 not started').waitFor();
      // Done work goes to the end of the queue; its number stays.
      await expect
        .poll(() => mentor.getByRole('row').last().textContent())
        .toMatch(/^Application 1.*Submitted/);
      await shot(mentor, 'queue-progress');

      // --- The organiser follows progress. ---
      watch(org);
      await org.reload();
      const perReviewer = org.getByRole('region', { name: 'Progress per reviewer' });
      await perReviewer.getByText('2 of 8 reviews submitted').waitFor();
      const miaRow = perReviewer.getByRole('row', { name: /^Mia Mentor/ });
      await expect
        .poll(() => miaRow.getByRole('progressbar').getAttribute('aria-valuetext'))
        .toBe('1 of 2');
      // Organisers read every submitted review, with who wrote it.
      await org.getByRole('button', { name: `Read reviews of ${firstName}` }).click();
      const read = org.getByRole('region', { name: `Reviews of ${firstName}` });
      await read.getByText(revisedComment).waitFor();
      const readText = () => read.textContent();
      await expect.poll(readText).toContain(mia.name);
      await expect.poll(readText).toContain(other.name);
      await expect.poll(readText).toContain(otherComment);
      await shot(org, 'assignment-progress');

      // On the application's own page the organiser reads Mia's earlier submission too.
      await org
        .getByRole('region', { name: 'Reviewers per application' })
        .getByRole('link', { name: firstName, exact: true })
        .click();
      const reviewsCard = org.getByRole('region', { name: 'Reviews', exact: true });
      const miaReview = reviewsCard.getByRole('listitem').filter({ hasText: mia.name }).first();
      await miaReview.getByText(revisedComment).waitFor();
      await expect.poll(() => miaReview.textContent()).toContain('revision 2, submitted');
      await miaReview.getByText('Earlier submission of this review (1)').click();
      const first = miaReview.getByRole('listitem').filter({ hasText: 'Revision 1' });
      await first.getByText('A modeller who listens.').waitFor();
      await expect.poll(() => first.textContent()).toContain('Fit to the challenge: 5');
      await shot(org, 'application-earlier-revision');

      // --- The same screens on a phone. ---
      const mobile = await open(phone(await mentor.context().storageState()));
      await mobile.goto(`/labs/${labId}/reviews`);
      await mobile.getByText('1 of 2 done · 1 not started').waitFor();
      await expect
        .poll(() => sidewaysScroll(mobile), {
          message: 'the review queue scrolls sideways on a phone',
        })
        .toBe(0);
      await shot(mobile, 'phone-queue');
      await mobile.getByRole('link', { name: 'Application 2' }).click();
      await scoreGroup(mobile, 'Relevant expertise').waitFor();
      await expect
        .poll(() => sidewaysScroll(mobile), {
          message: 'the rubric form scrolls sideways on a phone',
        })
        .toBe(0);
      await shot(mobile, 'phone-review');

      const orgMobile = await open(phone(await org.context().storageState()));
      await orgMobile.goto(`/labs/${labId}/assignment`);
      await orgMobile.getByRole('button', { name: 'Run the assignment' }).waitFor();
      // A re-run starts from the last run's settings.
      await expect
        .poll(() => orgMobile.getByLabel('Reviews per application (k)').inputValue())
        .toBe('2');
      await expect
        .poll(() => orgMobile.getByLabel('Most reviews per reviewer').inputValue())
        .toBe('3');
      await expect.poll(() => orgMobile.getByLabel(/^Orla Organiser/).isChecked()).toBe(false);
      await expect
        .poll(() => sidewaysScroll(orgMobile), {
          message: 'the assignment screen scrolls sideways',
        })
        .toBe(0);
      await shot(orgMobile, 'phone-assignment');
      await tab(orgMobile, 'Rubric');
      await orgMobile.getByRole('button', { name: 'Save version 2' }).waitFor();
      // Reviews were submitted on it: criteria and scales are fixed now.
      await orgMobile.getByText('2 reviews were submitted with this rubric').waitFor();
      await expect
        .poll(() => orgMobile.getByRole('button', { name: /^Remove criterion/ }).count())
        .toBe(0);
      await expect
        .poll(() => criterion(orgMobile, 0).getByLabel('Highest score').isDisabled())
        .toBe(true);
      await expect
        .poll(() => sidewaysScroll(orgMobile), { message: 'the rubric editor scrolls sideways' })
        .toBe(0);
      await shot(orgMobile, 'phone-rubric');

      // Mia keeps her submitted review open on her phone (its session took over from the
      // desktop's): it offers a revision while review is open.
      watch(mobile);
      await mobile.goto(`/labs/${labId}/reviews`);
      await mobile.getByRole('link', { name: 'Application 1' }).click();
      await status(mobile, /You may revise it until review closes/);
      await mobile.getByRole('button', { name: 'Revise your review' }).waitFor();

      // --- The organiser closes review, through the dialog; the reviewer is told, with when. ---
      await tab(orgMobile, 'Assignment');
      await orgMobile.getByRole('button', { name: 'Close review…' }).click();
      const closing = orgMobile.getByRole('alertdialog', { name: 'Close application review?' });
      await expect.poll(() => closing.textContent()).toContain('This cannot be undone');
      await shot(orgMobile, 'phone-close-review-dialog');
      await closing.getByRole('button', { name: 'Close review', exact: true }).click();
      await status(orgMobile, 'Review is closed: reviews can no longer be written or revised.');
      await orgMobile.getByText(/^Review was closed on /).waitFor();
      // Her open page stops offering the revision at once, without a reload, and says when.
      await expect
        .poll(() => mobile.getByRole('button', { name: 'Revise your review' }).count())
        .toBe(0);
      await status(
        mobile,
        /Review was closed on \d+ \w+ \d{4}, \d\d:\d\d GMT-[45] \(New York time\) · .*your time: it can no longer change\./,
      );
      await shot(mobile, 'phone-review-closed');
    }
  }, 240_000);
});
