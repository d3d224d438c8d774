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
  phoneContext,
  runJourney,
  sidewaysScroll,
  type JourneyPages,
} from './support/journey.js';

/**
 * The ideas board and dot voting in the browser. A participant on a phone posts an idea (the
 * server's field errors shown at the fields first) with a co-champion found by name, revises it and compares the two revisions
 * with the changes marked, replies to a mentor's comment (marked as a mentor's) and marks it
 * addressed. The organiser on a desktop sees a new idea arrive live, merges another idea into
 * the first (the merged one points to it), opens a blind voting session; the participant spends
 * dots on the phone, meets the cap in words and sees dots left go down while tallies stay
 * hidden; the organiser closes early, reads the results and edits the shortlist.
 */
describeBrowser('web client: ideas board and voting', () => {
  let app: TestApp;
  let browser: Browser;
  let lab: LiveLab;
  const shot = screenshotter('ideas-');
  const tag = Date.now().toString(36);
  const title = `Tumour twin ${tag}`;
  const other = `Trial emulator ${tag}`;
  const third = `Imaging atlas ${tag}`;

  beforeAll(async () => {
    requireWebBuild();
    app = await startTestApp();
    browser = await launchChromium();
    lab = await liveLab(app, tag, 3);
    await lab.db.query(`UPDATE labs SET phase = 'workshop' WHERE id = $1`, [lab.labId]);
  });

  afterAll(async () => {
    await lab?.db.end();
    await browser?.close();
    await app?.close();
  });

  const api = () => request(app.baseUrl);
  const post = async (who: (typeof lab.participants)[number], ideaTitle: string) => {
    const res = await api()
      .post(`/api/labs/${lab.labId}/ideas`)
      .set(bearer(who))
      .send({
        title: ideaTitle,
        summary: `${ideaTitle}: what it would do.`,
        challengeArea: 'Models',
      });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.id as string;
  };

  it('post, revise, compare, discuss, merge, vote blind, close, shortlist', async () => {
    await runJourney('ideas-failure', journey);

    async function journey({ open }: JourneyPages) {
      // --- The organiser watches the board on a desktop. ---
      const org = await open(desktopContext(browser, app.baseUrl, 'Europe/Berlin'));
      await logInThroughUi(
        org,
        { email: lab.organiser.email, password: TEST_PASSWORD },
        `/labs/${lab.labId}/ideas`,
      );
      await org.getByRole('heading', { name: 'Ideas board' }).waitFor();
      await org.getByRole('link', { name: 'Ideas', exact: true }).waitFor();

      // --- A participant posts an idea on a phone. ---
      // The narrowest phone the product promises (PHONE_VIEWPORT, 360 px wide).
      const phone = await open(phoneContext(browser, app.baseUrl));
      const me = lab.participants[0];
      await logInThroughUi(
        phone,
        { email: me.email, password: TEST_PASSWORD },
        `/labs/${lab.labId}/ideas`,
      );
      await phone.getByRole('button', { name: 'New idea' }).click();
      const form = phone.getByRole('form', { name: 'New idea' });
      // Nothing filled in: the server's problems are shown at their fields.
      await form.getByRole('button', { name: 'Post the idea' }).click();
      await expect
        .poll(() => form.locator('[aria-invalid="true"]').count())
        .toBeGreaterThanOrEqual(2);
      await expect.poll(() => form.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
      await form.getByLabel('Title').fill(title);
      await form
        .getByLabel('Summary')
        .fill('Couple agent-based tumour models with lung imaging to predict response.');
      await expect
        .poll(() => phone.getByTestId('new-idea-word-count').textContent())
        .toMatch(/^10 of \d+ words/);
      await form.getByLabel('Part of the challenge it addresses').fill('Mechanistic models');
      await form.getByLabel('Tags').fill('imaging, agent-based');
      // A co-champion, found by name (participants and mentors of the lab, not oneself).
      const coChampion = `Participant 2 ${tag}`;
      await form.getByRole('searchbox', { name: 'Find by name' }).fill('Participant');
      const found = form.getByRole('list', { name: 'People found for co-champions' });
      await expect
        .poll(() => found.getByRole('button').allTextContents())
        .toEqual([`Add Participant 1 ${tag}`, `Add ${coChampion}`]);
      await found.getByRole('button', { name: `Add ${coChampion}` }).click();
      await expect
        .poll(() => form.getByRole('list', { name: 'Co-champions' }).textContent())
        .toContain(coChampion);
      await form.getByRole('button', { name: 'Post the idea' }).click();
      await phone
        .getByRole('status')
        .filter({ hasText: `Posted “${title}”` })
        .waitFor();
      const cards = phone.getByRole('list', { name: 'Ideas' });
      await expect.poll(() => cards.getByRole('listitem', { name: title }).count()).toBe(1);
      await expect
        .poll(() => cards.getByRole('listitem', { name: title }).textContent())
        .toMatch(new RegExp(`Champions: .*${coChampion}`));
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await shot(phone, 'board-phone');

      // The organiser's board shows it without a reload, and one posted meanwhile too.
      await expect
        .poll(() => org.getByRole('listitem', { name: title }).count(), { timeout: 15_000 })
        .toBe(1);
      const otherId = await post(lab.participants[1], other);
      await post(lab.participants[2], third);
      await expect
        .poll(() => org.getByRole('listitem', { name: other }).count(), { timeout: 15_000 })
        .toBe(1);
      await shot(org, 'board');

      // --- The champion revises it; a revision saved meanwhile (from another tab) is not
      // overwritten: a dialog shows both texts and keeps theirs. Then two revisions compared. ---
      await cards.getByRole('link', { name: title }).click();
      await phone.getByRole('heading', { name: title, level: 2 }).waitFor();
      const ideaId = phone.url().split('/').pop()!;
      await phone.getByRole('button', { name: 'Edit the idea' }).click();
      const edit = phone.getByRole('form', { name: 'Edit the idea' });
      await edit
        .getByLabel('Summary')
        .fill('Couple agent-based tumour models with breast imaging to predict response.');
      await edit.getByLabel(/What changed and why/).fill('Narrowed to breast cancer');
      const otherTab = await api()
        .patch(`/api/labs/${lab.labId}/ideas/${ideaId}`)
        .set(bearer(me))
        .send({ version: 1, challengeArea: 'Mechanistic tumour models', note: 'From my laptop' });
      expect(otherTab.status, JSON.stringify(otherTab.body)).toBe(200);
      await edit.getByRole('button', { name: 'Save a new revision' }).click();
      const conflict = phone.getByRole('dialog', {
        name: /saved revision 2 while you were editing/,
      });
      await expect
        .poll(() => conflict.getByRole('region', { name: 'Summary' }).textContent())
        .toContain('breast imaging');
      await shot(phone, 'edit-conflict-phone');
      await conflict.getByRole('button', { name: 'Save mine as revision 3' }).click();
      await phone.getByRole('status').filter({ hasText: 'Saved as revision 3.' }).waitFor();
      await phone.getByRole('button', { name: 'Compare side by side' }).click();
      const comparison = phone.getByRole('region', { name: 'Summary' });
      await expect.poll(() => comparison.locator('del').allTextContents()).toContain('lung');
      await expect.poll(() => comparison.locator('ins').allTextContents()).toContain('breast');
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await shot(phone, 'compare-phone');

      // --- A mentor comments; the champion replies and marks it addressed. ---
      const mentorComment = await api()
        .post(`/api/labs/${lab.labId}/ideas/${ideaId}/comments`)
        .set(bearer(lab.mentor))
        .send({ body: 'Which patient data would this need first?' });
      expect(mentorComment.status).toBe(201);
      const byMentor = phone.getByRole('article', {
        name: `Comment by ${mentorComment.body.author.displayName}`,
      });
      await expect.poll(() => byMentor.textContent(), { timeout: 15_000 }).toContain('Mentor');
      await byMentor.getByRole('button', { name: 'Reply' }).click();
      await phone.getByLabel(/^Reply to/).fill('Biopsy imaging and outcomes first.');
      await phone.getByRole('button', { name: 'Post the reply' }).click();
      const replies = phone.getByRole('list', { name: /^Replies to/ });
      await expect
        .poll(() => replies.textContent())
        .toContain('Biopsy imaging and outcomes first.');
      await byMentor.getByRole('button', { name: 'Mark as addressed' }).click();
      await expect.poll(() => byMentor.textContent()).toContain('Addressed by');
      await shot(phone, 'discussion-phone');

      // --- The champion proposes merging another participant's idea into hers; it happens
      // when that idea's champion accepts. ---
      const dose = `Dose planner ${tag}`;
      await post(lab.participants[1], dose);
      const propose = phone.getByRole('form', { name: 'Merge ideas into this one' });
      await propose.getByLabel(dose).check();
      await propose.getByRole('button', { name: 'Propose the merge…' }).click();
      await phone
        .getByRole('alertdialog', { name: /^Propose merging one idea into/ })
        .getByRole('button', { name: 'Propose the merge' })
        .click();
      const proposals = phone.getByRole('region', { name: 'Merge proposals' });
      // Every champion involved must agree: the co-champion too.
      await expect
        .poll(() => proposals.textContent())
        .toMatch(new RegExp(`Waiting for .*Participant 1 ${tag}`));
      await expect.poll(() => proposals.textContent()).toContain(coChampion);
      await shot(phone, 'merge-proposed-phone');
      const merges = await api()
        .get(`/api/labs/${lab.labId}/idea-merges`)
        .set(bearer(lab.participants[1]));
      const proposal = (merges.body as { id: string; state: string }[]).find(
        (m) => m.state === 'open',
      )!;
      const coChampionAccepts = await api()
        .post(`/api/labs/${lab.labId}/idea-merges/${proposal.id}/accept`)
        .set(bearer(lab.participants[2]));
      expect(coChampionAccepts.body.state).toBe('open');
      const accepted = await api()
        .post(`/api/labs/${lab.labId}/idea-merges/${proposal.id}/accept`)
        .set(bearer(lab.participants[1]));
      expect(accepted.body.state).toBe('merged');
      await expect
        .poll(() => phone.getByText('Merged into this idea:').textContent(), { timeout: 15_000 })
        .toContain(dose);

      // --- The organiser adds a theme on the board and puts the idea under it. ---
      await org.getByText('Board settings (organisers)').click();
      await org.getByLabel('New theme').fill(`Models ${tag}`);
      await org.getByRole('button', { name: 'Add the theme' }).click();
      await org
        .getByRole('status')
        .filter({ hasText: `Theme “Models ${tag}” added.` })
        .waitFor();
      await shot(org, 'board-settings');
      await org.goto(`/labs/${lab.labId}/ideas/${ideaId}`);
      await org.getByLabel('Theme', { exact: true }).selectOption({ label: `Models ${tag}` });
      await org.getByRole('button', { name: 'Set the theme' }).click();
      await org
        .getByRole('status')
        .filter({ hasText: `Now under the theme “Models ${tag}”.` })
        .waitFor();

      // --- The organiser merges the second idea into the first. ---
      const merge = org.getByRole('form', { name: 'Merge ideas into this one' });
      await merge.getByLabel(other).check();
      await merge.getByRole('button', { name: 'Merge the chosen ideas…' }).click();
      const confirmMerge = org.getByRole('alertdialog', { name: /^Merge one idea into/ });
      await confirmMerge.getByRole('button', { name: 'Merge' }).click();
      await org
        .getByRole('status')
        .filter({ hasText: `Merged “${other}” into this idea.` })
        .waitFor();
      await expect
        .poll(() => org.getByText('Merged into this idea:').textContent())
        .toContain(other);
      await org.goto(`/labs/${lab.labId}/ideas/${otherId}`);
      await org.getByRole('heading', { name: other, level: 2 }).waitFor();
      await org.getByRole('link', { name: title }).first().click();
      await org.waitForURL(`**/ideas/${ideaId}`);
      await shot(org, 'merged');

      // --- The organiser opens a blind voting session. ---
      await org.getByRole('link', { name: 'Voting', exact: true }).click();
      const opening = org.getByRole('form', { name: 'Open a voting session' });
      await opening.getByLabel('Title').fill('First dots');
      await opening.getByLabel('Dots per person').fill('3');
      // A number the server refuses is said beside its field, in the server's words.
      await opening.getByLabel('Most dots on one idea').fill('0');
      await opening.getByRole('button', { name: 'Open voting' }).click();
      await expect
        .poll(() => org.locator('#vote-cap-error').textContent())
        .toContain('Must be at least 1.');
      await opening.getByLabel('Most dots on one idea').fill('2');
      await opening.getByLabel('Minutes open').fill('10');
      await opening.getByRole('button', { name: 'Open voting' }).click();
      await expect
        .poll(() => org.getByTestId('session-state').textContent())
        .toContain('Blind: tallies are hidden');
      await org.getByTestId('tallies-hidden').waitFor();
      await expect
        .poll(() => org.getByTestId('voting-countdown').textContent())
        .toMatch(/^\d+:\d\d$/);
      await shot(org, 'voting-open');

      // --- The participant spends dots on the phone. ---
      await phone.goto(`/labs/${lab.labId}/voting`);
      await expect
        .poll(() => phone.getByTestId('dots-left').textContent())
        .toBe('3 dots left of 3');
      const place = phone.getByRole('button', { name: `Place a dot on ${title}` });
      await place.click();
      await expect
        .poll(() => phone.getByTestId('dots-left').textContent())
        .toBe('2 dots left of 3');
      await place.click();
      await expect.poll(() => phone.getByTestId('dots-left').textContent()).toBe('1 dot left of 3');
      await place.click();
      await expect
        .poll(async () => (await phone.getByRole('alert').allTextContents()).join(' '))
        .toContain('At most 2 of your dots can go on one idea.');
      await expect.poll(() => phone.getByTestId('dots-left').textContent()).toBe('1 dot left of 3');
      await phone.getByTestId('tallies-hidden').waitFor();
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await shot(phone, 'ballot-phone');
      // Another participant votes through the API; tallies stay hidden from everyone.
      const session = await api().get(`/api/labs/${lab.labId}/voting-sessions`).set(bearer(me));
      const sessionId = session.body[0].id as string;
      expect(session.body[0].results).toBeNull();
      await api()
        .post(`/api/labs/${lab.labId}/voting-sessions/${sessionId}/dots`)
        .set(bearer(lab.participants[2]))
        .send({ ideaId, delta: 1 });
      await expect
        .poll(() => org.getByText(/voted so far/).textContent(), {
          timeout: 15_000,
        })
        .toContain('2 participants');
      await expect.poll(() => org.getByRole('table').count()).toBe(0);

      // --- The organiser closes early and reads the results. ---
      await org.getByRole('button', { name: 'Close voting now…' }).click();
      await org
        .getByRole('alertdialog', { name: 'Close the voting session now?' })
        .getByRole('button', { name: 'Close voting' })
        .click();
      await expect
        .poll(() => org.getByTestId('session-state').textContent())
        .toContain('Closed by an organiser');
      const results = org.getByRole('table', { name: 'Results of First dots' });
      await expect
        .poll(() => results.getByRole('row', { name: new RegExp(title) }).textContent())
        .toMatch(/3/);
      // The participant's screen shows the results too, live.
      await phone
        .getByRole('table', { name: 'Results of First dots' })
        .waitFor({ timeout: 15_000 });
      await shot(org, 'results');

      // --- The organiser edits the shortlist: add, reorder, save. ---
      await org.getByRole('button', { name: 'Edit the shortlist' }).click();
      await org.getByRole('button', { name: /Add the voted ideas in order of dots/ }).click();
      await org.getByLabel('Add an idea', { exact: true }).selectOption({ label: third });
      await org.getByRole('button', { name: 'Add', exact: true }).click();
      await org.getByRole('button', { name: `Move ${third} up` }).click();
      await org.getByRole('button', { name: 'Save the shortlist' }).click();
      const shortlisted = org.getByRole('list', { name: 'Shortlisted ideas' });
      await expect
        .poll(() => shortlisted.getByRole('listitem').allTextContents())
        .toEqual([third, title]);
      await shot(org, 'shortlist');
      // An edit based on a shortlist changed meanwhile is refused, not silently applied: the
      // editor keeps the draft and offers the current list.
      await org.getByRole('button', { name: 'Edit the shortlist' }).click();
      await org.getByRole('button', { name: `Remove ${title}` }).click();
      const meanwhile = await api()
        .put(`/api/labs/${lab.labId}/shortlist`)
        .set(bearer(lab.organiser))
        .send({ ideaIds: [ideaId], version: 1 });
      expect(meanwhile.status, JSON.stringify(meanwhile.body)).toBe(200);
      await org.getByRole('button', { name: 'Save the shortlist' }).click();
      await expect
        .poll(async () => (await org.getByRole('alert').allTextContents()).join(' '))
        .toContain('The shortlist changed since you opened it');
      await org
        .getByRole('button', { name: 'Load the current shortlist (drops my changes)' })
        .click();
      await expect
        .poll(() => org.getByRole('list', { name: 'Shortlist being edited' }).textContent())
        .toContain(title);

      // The organiser's voting page works on a phone too.
      const orgPhone = await open(
        phoneContext(browser, app.baseUrl, { storageState: await org.context().storageState() }),
      );
      await orgPhone.goto(`/labs/${lab.labId}/voting`);
      await orgPhone.getByRole('heading', { name: 'Shortlist' }).waitFor();
      await expect.poll(() => sidewaysScroll(orgPhone)).toBe(0);
      await shot(orgPhone, 'voting-organiser-phone');
    }
  }, 240_000);
});
