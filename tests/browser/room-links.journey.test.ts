import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
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
 * Room video links and pins from the organiser's browser to a participant's phone: during an
 * open round the participant reads "This room has no video link"; the organiser sets the lab's
 * link template on the Rotation tab (a wrong one is refused beside the field), and the
 * participant's page offers the template's link for their room at once; the organiser then
 * gives the room a link of its own in the control room, and the participant's button follows.
 * The organiser pins one instruction for the round and one for the whole session: when the
 * next round opens, only the session's stays, on both screens.
 */
describeBrowser('web client: rooms get video links and pins, participants follow live', () => {
  let app: TestApp;
  let browser: Browser;
  let lab: LiveLab;
  let round: { roundId: string; roomA: string; roomB: string };
  let nextRound: { roundId: string; roomA: string; roomB: string };
  let organiser: LiveTestClient;
  let slug: string;
  const shot = screenshotter('room-links-');
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    requireWebBuild();
    app = await startTestApp(
      process.env.BROWSER_WEB_DIR ? { WEB_DIR: process.env.BROWSER_WEB_DIR } : {},
    );
    browser = await launchChromium();
    // Participant 0 sits in Room A, participant 1 in Room B.
    lab = await liveLab(app, tag, 2);
    await lab.db.query(`UPDATE labs SET phase = 'workshop' WHERE id = $1`, [lab.labId]);
    slug = (await lab.db.query(`SELECT slug FROM labs WHERE id = $1`, [lab.labId])).rows[0].slug;
    round = await lab.createRound('Round 1');
    nextRound = await lab.createRound('Round 2');
    organiser = liveClient(app.baseUrl, lab.organiser, lab.labId);
    await organiser.connect();
    const opened = await organiser.request('round:open', {
      roundId: round.roundId,
      durationSeconds: 1200,
    });
    expect(opened.ok).toBe(true);
  });

  afterAll(async () => {
    organiser?.close();
    await lab?.db.end();
    await browser?.close();
    await app?.close();
  });

  const openTab = async (page: Page, name: string) => {
    await page.goto(`/labs/${lab.labId}`);
    await page
      .getByRole('navigation', { name: 'Lab sections' })
      .getByRole('link', { name, exact: true })
      .click();
  };

  it('a template fills every room, a room link replaces it, pins carry over by their scope', async () => {
    await runJourney('room-links-failure', journey, { everyPage: true });

    async function journey({ open }: JourneyPages) {
      // ---- The participant, on a phone, is in Room B without a link. ----
      const phone = await open(phoneContext(browser, app.baseUrl, { timezoneId: 'Europe/Berlin' }));
      await logInThroughUi(phone, { email: lab.participants[1].email, password: TEST_PASSWORD });
      await openTab(phone, 'Live');
      const myRoom = phone.getByTestId('my-room');
      await myRoom.getByTestId('room-name').filter({ hasText: 'Room B' }).waitFor();
      await myRoom.getByText('This room has no video link').waitFor();
      await shot(phone, 'participant-no-link');

      // ---- The organiser sets the lab's template on the Rotation tab. ----
      const desk = await open(desktopContext(browser, app.baseUrl, 'Europe/Berlin'));
      await logInThroughUi(desk, { email: lab.organiser.email, password: TEST_PASSWORD });
      await openTab(desk, 'Rotation');
      const card = desk.getByRole('region', { name: 'Video links for rooms' });
      await card.getByLabel('Link template').fill('http://meet.jit.si/{lab}-{room}');
      await card.getByRole('button', { name: 'Save template' }).click();
      await card.getByText('must start with https://').waitFor();
      await card.getByLabel('Link template').fill('https://meet.jit.si/{lab}-{room}');
      await card.getByRole('button', { name: 'Save template' }).click();
      await desk
        .getByRole('status')
        .filter({ hasText: `Room 1 now joins https://meet.jit.si/${slug}-room-1` })
        .first()
        .waitFor();
      await shot(desk, 'organiser-template');

      // ---- The participant's page offers the template's link for Room B, without a reload. ----
      const join = myRoom.getByRole('link', { name: 'Join Room B’s video call' });
      await expect.poll(() => join.getAttribute('href')).toBe(`https://meet.jit.si/${slug}-room-b`);

      // ---- In the control room, Room B gets a link of its own. ----
      await openTab(desk, 'Control room');
      const tile = desk.getByRole('listitem', { name: 'Room B', exact: true });
      await tile.getByText('(lab template)').waitFor();
      await tile.getByText('Set video link of Room B').click();
      await tile.getByLabel('Video link of Room B').fill('https://bbb.example.org/b/room-b');
      await tile.getByRole('button', { name: 'Save link of Room B' }).click();
      await desk
        .getByRole('status')
        .filter({ hasText: 'Room B now joins https://bbb.example.org/b/room-b' })
        .first()
        .waitFor();
      await expect
        .poll(() => tile.getByRole('link', { name: 'Video call of Room B' }).getAttribute('href'))
        .toBe('https://bbb.example.org/b/room-b');
      await shot(desk, 'organiser-control-room-link');

      await expect.poll(() => join.getAttribute('href')).toBe('https://bbb.example.org/b/room-b');
      await expect.poll(() => sidewaysScroll(phone)).toBe(0);
      await shot(phone, 'participant-own-link');

      // ---- Pins: one for this round, one kept for the whole session. ----
      const pinsCard = desk.getByRole('region', { name: 'Pinned instructions' });
      await pinsCard.getByLabel('Instruction').fill('Round 1: list three risks');
      await pinsCard.getByRole('button', { name: 'Pin', exact: true }).click();
      await pinsCard.getByText('(until the next round opens)').waitFor();
      await pinsCard.getByLabel('Instruction').fill('Be kind, be brief');
      await pinsCard.getByLabel(/Keep it for the whole session/).check();
      await pinsCard.getByRole('button', { name: 'Pin', exact: true }).click();
      await pinsCard.getByText('(the whole session)').waitFor();
      const onPhone = phone.getByRole('region', { name: 'Pinned instructions' });
      await onPhone.getByText('Round 1: list three risks').waitFor();
      await onPhone.getByText('Be kind, be brief').waitFor();
      await shot(desk, 'organiser-pins');

      // The next round opens: round 1's pin goes, the session's stays, on both screens.
      expect((await organiser.request('round:close', { roundId: round.roundId })).ok).toBe(true);
      expect(
        (
          await organiser.request('round:open', {
            roundId: nextRound.roundId,
            durationSeconds: 1200,
          })
        ).ok,
      ).toBe(true);
      await myRoom.getByText('Round 2').waitFor();
      await expect.poll(() => onPhone.getByText('Round 1: list three risks').count()).toBe(0);
      await onPhone.getByText('Be kind, be brief').waitFor();
      await expect.poll(() => pinsCard.getByText('Round 1: list three risks').count()).toBe(0);
      await pinsCard.getByRole('button', { name: 'Unpin Be kind, be brief' }).waitFor();
      await shot(phone, 'participant-pins-next-round');
    }
  }, 240_000);
});
