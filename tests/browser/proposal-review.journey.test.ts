import pg from 'pg';
import type { Browser } from 'playwright-core';
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
 * A mentor reviews a proposal on a phone (rubric, confidence, both comments, a submit dialog)
 * and says what they review as, while the organiser's progress and another reviewer's page
 * follow live (the review, then a panel message, arrive without a reload); then the organiser
 * reads the ranking with its interval and funding line on a desktop, turns blind review off,
 * picks the lead reviewer and releases the comments, which reach the team's page at once.
 */
describeBrowser('web client: proposal review', () => {
  const tag = Date.now().toString(36);
  let app: TestApp;
  let browser: Browser;
  let db: pg.Client;
  let labId = '';
  let roundId = '';
  let organiser: Session;
  let mentor: Session;
  let peer: Session;
  let proposalId = '';
  let teamId = '';
  let teamMember: Session;
  const mentorName = `mentor-${tag}`;

  beforeAll(async () => {
    requireWebBuild();
    app = await startTestApp();
    browser = await launchChromium();
    const staff = await labWithStaff(app, tag);
    labId = staff.labId;
    organiser = staff.organiser;
    mentor = staff.mentor;
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    const members: Session[] = [];
    for (const name of ['Ada', 'Ben']) {
      const email = `${name.toLowerCase()}-${tag}@example.test`;
      await app.createUser({ email, displayName: name });
      const session = await login(app, email);
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
        [labId, session.userId],
      );
      members.push(session);
    }
    const team = await request(app.baseUrl)
      .post(`/api/labs/${labId}/teams`)
      .set(bearer(organiser))
      .send({ name: 'Tumour twins', memberIds: members.map((m) => m.userId) });
    const round = await request(app.baseUrl)
      .post(`/api/labs/${labId}/funding-rounds`)
      .set(bearer(organiser))
      .send({
        name: 'Seed funding',
        pool: 100_000,
        awardCap: 50_000,
        currency: 'USD',
        proposalsDueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        rubric: [
          { id: 'merit', label: 'Scientific merit', weight: 2, scale: { min: 1, max: 5 } },
          { id: 'team', label: 'Team', weight: 1, scale: { min: 1, max: 5 } },
        ],
      });
    roundId = round.body.id;
    const path = `/api/labs/${labId}/funding-rounds/${round.body.id}/teams/${team.body.id}/proposal`;
    const saved = await request(app.baseUrl)
      .post(`${path}/versions`)
      .set(bearer(members[0]))
      .send({
        baseVersion: 0,
        content: {
          title: 'Patient-specific tumour models',
          abstract: 'Models per patient.',
          aims: 'Calibrate.',
          approach: 'Bayesian calibration.',
          challengeArea: 'Predicting response',
          milestones: [{ title: 'Prototype', due: '2021-03', description: 'First model' }],
          teamRoles: [{ userId: null, name: 'Ada', role: 'Lead' }],
          budget: [{ category: 'personnel', description: 'Postdoc', amount: 40_000 }],
        },
      });
    proposalId = saved.body.id;
    teamId = team.body.id;
    teamMember = members[0];
    await request(app.baseUrl).post(`${path}/submit`).set(bearer(members[1])).send({ version: 1 });
    await db.query(`UPDATE labs SET phase = 'review' WHERE id = $1`, [labId]);
    // A second reviewer, who has submitted already: the panel discussion is open to them.
    await app.createUser({ email: `peer-${tag}@example.test`, displayName: `peer-${tag}` });
    peer = await login(app, `peer-${tag}@example.test`);
    await db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'mentor')`,
      [labId, peer.userId],
    );
    const run = await request(app.baseUrl)
      .post(`/api/labs/${labId}/funding-rounds/${round.body.id}/review/assignment-runs`)
      .set(bearer(organiser))
      .send({ reviewsPerProposal: 2, reviewerIds: [mentor.userId, peer.userId] });
    expect(run.status).toBe(201);
    const peerReview = await request(app.baseUrl)
      .post(
        `/api/labs/${labId}/funding-rounds/${roundId}/review/proposals/${proposalId}/my-review/submit`,
      )
      .set(bearer(peer))
      .send({ scores: { merit: 3, team: 4 }, confidence: 3, teamComment: 'Clear aims.' });
    expect(peerReview.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.close();
  });

  it('a mentor reviews on a phone; the organiser reads the ranking on a desktop', async () => {
    await runJourney('proposal-review-failure', journey);

    async function journey({ open }: JourneyPages) {
      // The organiser's progress and the other reviewer's page are open before the review.
      const desk = await open(desktopContext(browser, app.baseUrl, 'Europe/London'));
      await logInThroughUi(
        desk,
        { email: organiser.email, password: TEST_PASSWORD },
        `/labs/${labId}/proposal-review`,
      );
      const progress = desk.getByRole('region', { name: 'Review progress' });
      await expect.poll(() => progress.textContent()).toContain('1 of 2 reviews submitted');
      const other = await open(desktopContext(browser, app.baseUrl, 'Europe/London'));
      await logInThroughUi(
        other,
        { email: peer.email, password: TEST_PASSWORD },
        `/labs/${labId}/proposal-review/${roundId}/proposals/${proposalId}`,
      );
      const allReviews = other.getByRole('region', { name: 'All reviews' });
      await expect.poll(() => allReviews.textContent()).toContain('Clear aims.');
      const discussion = other.getByRole('region', { name: 'Panel discussion' });
      await discussion.waitFor();

      const phone = await open(phoneContext(browser, app.baseUrl));
      await logInThroughUi(
        phone,
        { email: mentor.email, password: TEST_PASSWORD },
        `/labs/${labId}/proposal-review`,
      );
      await phone.getByRole('link', { name: 'Patient-specific tumour models' }).click();
      await phone.getByLabel(/Scientific merit/).selectOption('4');
      await phone.getByRole('button', { name: 'Submit review' }).click();
      const dialog = phone.getByRole('alertdialog');
      await dialog.waitFor();
      await expect.poll(() => dialog.textContent()).toContain('Team');
      await expect.poll(() => dialog.textContent()).toContain('Confidence');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await phone.getByLabel(/^Team/).selectOption('3');
      await phone.getByLabel('Confidence').selectOption('4');
      await phone.getByLabel('Comment to the team').fill('Say how you will validate it.');
      await phone.getByLabel('Comment to the panel').fill('Strong team.');
      await phone.getByRole('button', { name: 'Submit review' }).click();
      await phone.getByRole('alertdialog').getByRole('button', { name: 'Submit' }).click();
      await phone.getByRole('status').filter({ hasText: 'Review submitted.' }).waitFor();
      await phone.getByRole('heading', { name: 'Panel discussion' }).waitFor();
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await expectAccessible(phone, 'proposal review form on a phone');

      // Nobody reloads: the organiser's count and the other reviewer's list follow live.
      await expect.poll(() => progress.textContent()).toContain('2 of 2 reviews submitted');
      await expect.poll(() => allReviews.textContent()).toContain('Say how you will validate it.');
      await phone.getByLabel('Write to the panel').fill('Merit hinges on the validation cohort.');
      await phone.getByRole('button', { name: 'Post' }).click();
      await expect
        .poll(() => discussion.textContent())
        .toContain('Merit hinges on the validation cohort.');
      // Blind review: the other reviewer reads who wrote it as in the reviews, not by name.
      await expect.poll(() => discussion.textContent()).toContain('Reviewer 2');
      await expect.poll(() => discussion.textContent()).not.toContain(mentorName);

      // The mentor says what they review as, where they find their queue.
      await phone.getByRole('link', { name: '← Proposal review' }).click();
      const expertise = phone.getByRole('form', { name: 'My expertise' });
      await expertise.getByRole('checkbox', { name: 'Clinical' }).check();
      await expertise.getByRole('checkbox', { name: 'AI' }).check();
      await expertise.getByLabel('Other expertise').fill('imaging');
      await expertise.getByRole('button', { name: 'Save my expertise' }).click();
      await expertise.getByRole('status').filter({ hasText: 'Expertise saved' }).waitFor();
      await expect
        .poll(async () => {
          const me = await request(app.baseUrl)
            .get(`/api/labs/${labId}/reviewers/me`)
            .set(bearer(mentor));
          return me.body.expertise;
        })
        .toEqual(['clinical', 'AI', 'imaging']);
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await expectAccessible(phone, 'mentor expertise on a phone');

      const ranking = desk.getByRole('region', { name: 'Ranking' });
      await ranking.waitFor();
      await expect.poll(() => ranking.textContent()).toContain('Tumour twins');
      await expect.poll(() => ranking.textContent()).toMatch(/interval/);
      await expect.poll(() => ranking.textContent()).toMatch(/Funding line|No funding line/);

      // Review settings: blind review off, and the mentor leads the consensus report.
      const blind = progress.getByRole('checkbox', { name: /Blind review/ });
      await expect.poll(() => blind.isChecked()).toBe(true);
      await blind.click(); // the box follows the server: it changes once the round is saved
      await expect.poll(() => blind.isChecked()).toBe(false);
      const lead = progress.getByLabel('Lead reviewer of Tumour twins');
      await lead.selectOption({ label: mentorName });
      await expect.poll(() => lead.inputValue()).toBe(mentor.userId);
      await expect
        .poll(() => desk.getByRole('region', { name: 'Assignment' }).textContent())
        .toContain(`${mentorName} (clinical, AI, imaging)`);
      await desk.reload();
      await expect.poll(() => blind.isChecked()).toBe(false);
      await expect.poll(() => lead.inputValue()).toBe(mentor.userId);
      const overview = await request(app.baseUrl)
        .get(`/api/labs/${labId}/funding-rounds/${roundId}/review`)
        .set(bearer(organiser));
      expect(overview.body.blind).toBe(false);
      expect(overview.body.proposals[0].lead.userId).toBe(mentor.userId);
      await expectAccessible(desk, 'proposal review for organisers');

      // The team reads the comments to it the moment the organisers release them.
      const team = await open(phoneContext(browser, app.baseUrl));
      await logInThroughUi(
        team,
        { email: teamMember.email, password: TEST_PASSWORD },
        `/labs/${labId}/funding/${roundId}/teams/${teamId}`,
      );
      const comments = team.getByRole('region', { name: 'Reviewers’ comments' });
      await expect.poll(() => comments.textContent()).toContain('once the organisers release them');
      await progress.getByRole('button', { name: 'Release comments to teams' }).click();
      await desk.getByRole('alertdialog').getByRole('button', { name: 'Release comments' }).click();
      await expect.poll(() => comments.textContent()).toContain('Say how you will validate it.');
      await expect.poll(() => comments.textContent()).toContain('Clear aims.');
      await expect.poll(() => comments.textContent()).not.toContain('Strong team.');
      await expect.poll(() => comments.textContent()).not.toContain(mentorName);
      await expect.poll(() => sidewaysScroll(team)).toBe(0);
      await expectAccessible(team, 'reviewers’ comments on a phone');

      // The mentor learns of a conflict after submitting: the review stays, marked.
      await phone.reload();
      const conflicts = phone.getByRole('region', { name: 'Conflicts of interest' });
      await conflicts.getByRole('button', { name: 'Declare a conflict with Tumour twins' }).click();
      await conflicts
        .getByLabel('Why you cannot review Tumour twins fairly')
        .fill('I am a named collaborator.');
      await conflicts.getByRole('button', { name: 'Declare', exact: true }).click();
      await phone
        .getByRole('alertdialog')
        .getByRole('button', { name: 'Declare the conflict' })
        .click();
      await conflicts
        .getByRole('status')
        .filter({ hasText: 'Conflict with Tumour twins declared.' })
        .waitFor();
      await expect
        .poll(() => conflicts.textContent())
        .toContain('You declared a conflict: I am a named collaborator.');
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await expectAccessible(phone, 'conflicts of interest on a phone');
      // Their review page keeps their review as submitted and closes the panel, saying why.
      await phone.getByRole('link', { name: 'Patient-specific tumour models' }).click();
      await expect
        .poll(() => phone.locator('body').textContent())
        .toContain(
          'You have a conflict of interest with this proposal (you declared a conflict with this proposal), so the other reviews',
        );
      await expect.poll(() => phone.getByRole('region', { name: 'All reviews' }).count()).toBe(0);
      await expect
        .poll(() => phone.getByRole('button', { name: 'Submit revision' }).count())
        .toBe(0);
      await expectAccessible(phone, 'a conflicted review on a phone');
      await desk.reload();
      await expect
        .poll(() => desk.getByRole('region', { name: 'Assignment' }).textContent())
        .toContain('(now a conflict of interest)');
    }
  }, 180_000);
});
