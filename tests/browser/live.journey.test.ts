import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { login } from '../support/api-client.js';
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
  DESKTOP_VIEWPORT,
  desktopContext,
  logInThroughUi,
  PHONE_VIEWPORT,
  runJourney,
  sidewaysScroll,
  type JourneyPages,
} from './support/journey.js';

/**
 * A participant follows the live workshop in the browser, against the real server, while the
 * organiser and another participant act through real socket.io clients: the organiser opens a
 * round and the page shows the participant's room, room-mates, video link and the
 * server-timed countdown; a broadcast appears as a banner, pinned instructions beside it; the organiser shortens the round
 * and the T-5 warning shows; the participant chats, asks for two more minutes (approved: the
 * countdown grows) and for help. Then the participant's network drops (Playwright offline
 * mode): the page says so, a room-mate writes meanwhile, and when the network is back the
 * page reconnects by itself to the same room with the messages it missed. A mentor claims
 * the help request in the Help queue; the participant sees who is coming; the mentor
 * resolves it, then claims another room's request and goes to that room. The organiser
 * closes the round and the page says so.
 */
describeBrowser(
  'web client: a participant follows the live workshop through a network drop',
  () => {
    let app: TestApp;
    let browser: Browser;
    let lab: LiveLab;
    let round: { roundId: string; roomA: string; roomB: string };
    let organiser: LiveTestClient;
    let roomMate: LiveTestClient;
    const shot = screenshotter('live-');
    const tag = Date.now().toString(36);
    const meetingUrl = 'https://meet.example.org/room-a';

    beforeAll(async () => {
      requireWebBuild();
      // BROWSER_WEB_DIR serves another build of the client (e.g. one made outside dist/web).
      app = await startTestApp(
        process.env.BROWSER_WEB_DIR ? { WEB_DIR: process.env.BROWSER_WEB_DIR } : {},
      );
      browser = await launchChromium();
      // Participants 0 and 1 are seated in Room A (mentored), 2 and 3 in Room B.
      lab = await liveLab(app, tag, 4);
      await lab.db.query(`UPDATE labs SET phase = 'workshop' WHERE id = $1`, [lab.labId]);
      round = await lab.createRound('Round 1');
      await lab.db.query(`UPDATE breakout_rooms SET meeting_url = $1 WHERE id = $2`, [
        meetingUrl,
        round.roomA,
      ]);
      organiser = liveClient(app.baseUrl, lab.organiser, lab.labId);
      await organiser.connect();
      roomMate = liveClient(app.baseUrl, lab.participants[1], lab.labId);
      await roomMate.connect();
    });

    afterAll(async () => {
      organiser?.close();
      roomMate?.close();
      await lab?.db.end();
      await browser?.close();
      await app?.close();
    });

    const newContext = (viewport = DESKTOP_VIEWPORT) =>
      desktopContext(browser, app.baseUrl, 'Europe/Berlin', { viewport, acceptDownloads: true });

    const logIn = (page: Page, email: string) =>
      logInThroughUi(page, { email, password: TEST_PASSWORD });

    const openTab = async (page: Page, name: string) => {
      await page.goto(`/labs/${lab.labId}`);
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name, exact: true })
        .click();
    };

    /** The connection status line ("Connected", "Offline", …). */
    const connection = (page: Page) => page.getByTestId('live-status');
    const countdownSeconds = async (page: Page) => {
      const text = (await page.getByTestId('countdown').textContent()) ?? '';
      const [m, s] = text.split(':').map(Number);
      return m * 60 + s;
    };
    const chatLog = (page: Page) => page.getByRole('log');

    it('shows the room and countdown, survives a network drop, and reaches a mentor', async () => {
      await runJourney('live-failure', journey, { everyPage: true });

      async function journey({ open }: JourneyPages) {
        const participant = lab.participants[0];
        const me = `Participant 0 ${tag}`;
        const mate = `Participant 1 ${tag}`;
        const mentorName = `mentor-${tag}`;

        // ---- Before the round: the participant opens the Live tab. ----
        const page = await open(newContext());
        const context = page.context();
        await logIn(page, participant.email);
        await openTab(page, 'Live');
        await connection(page).filter({ hasText: 'Connected' }).waitFor();
        await page.getByRole('heading', { name: 'No breakout round right now' }).waitFor();
        // The agenda, in the lab's New York time, with its calendar file.
        const agenda = page.getByRole('region', { name: 'Agenda' });
        await agenda.getByText('Breakouts').waitFor();
        await agenda.getByText('America/New_York').waitFor();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          agenda.getByRole('button', { name: 'Add to calendar (.ics)' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('agenda.ics');
        await shot(page, 'participant-before-round');

        // ---- The organiser opens the round (10 minutes): the page shows where to go. ----
        const opened = await organiser.request('round:open', {
          roundId: round.roundId,
          durationSeconds: 600,
        });
        expect(opened.ok).toBe(true);
        const room = page.getByTestId('my-room');
        await room.getByTestId('room-name').filter({ hasText: 'Room A' }).waitFor();
        await room.getByText('Round 1').waitFor();
        await room.getByRole('listitem').filter({ hasText: mate }).waitFor();
        await room.getByRole('listitem').filter({ hasText: mentorName }).waitFor();
        await expect
          .poll(() =>
            room.getByRole('link', { name: 'Join Room A’s video call' }).getAttribute('href'),
          )
          .toBe(meetingUrl);
        await expect.poll(() => countdownSeconds(page!)).toBeGreaterThan(570);
        const started = await countdownSeconds(page);
        expect(started).toBeLessThanOrEqual(600);
        await expect.poll(() => page.getByTestId('timer-warning').textContent()).toBe('');
        // It counts down.
        await expect.poll(() => countdownSeconds(page!)).toBeLessThan(started);

        // ---- A broadcast appears as a banner. ----
        expect(
          (await organiser.request('broadcast', { message: 'Pitches start at 16:00 sharp.' })).ok,
        ).toBe(true);
        await page
          .getByTestId('broadcast')
          .filter({ hasText: 'Pitches start at 16:00 sharp.' })
          .waitFor();
        // …and instructions pinned for Room A stay on the page.
        const pinned = await organiser.request('pin:set', {
          message: 'Sketch the twin on the whiteboard first.',
          roomId: round.roomA,
        });
        expect(pinned.ok).toBe(true);
        const pins = page.getByRole('region', { name: 'Pinned instructions' });
        await pins.getByText('Sketch the twin on the whiteboard first.').waitFor();
        await pins.getByText('For your room').waitFor();

        // ---- The organiser shortens the round to under 5 minutes: the T-5 warning shows. ----
        expect(
          (await organiser.request('timer:adjust', { roundId: round.roundId, deltaSeconds: -360 }))
            .ok,
        ).toBe(true);
        await page.getByTestId('timer-warning').filter({ hasText: 'Five minutes left' }).waitFor();
        // The warning and the moved deadline reach the page as two notices: read the clock once
        // it shows the new deadline.
        await expect.poll(() => countdownSeconds(page!)).toBeLessThanOrEqual(240);
        const shortened = await countdownSeconds(page);
        expect(shortened).toBeGreaterThan(200);

        // ---- The participant writes in the room chat (where chat opens during a round);
        // the room-mate receives it. ----
        await page.getByLabel('Message to Room A').fill('Shall we start with the data model?');
        await page.keyboard.press('Enter');
        await chatLog(page).getByText('Shall we start with the data model?').waitFor();
        const received = await roomMate.next(
          'chat:message',
          (m) => m.body === 'Shall we start with the data model?',
        );
        expect(received.channel).toBe(`room:${round.roomA}`);
        expect(received.sender.userId).toBe(participant.userId);

        // ---- "+2 minutes": asked in the browser, approved by the organiser. ----
        await room.getByRole('button', { name: 'Ask for 2 more minutes' }).click();
        await page
          .getByTestId('time-outcome')
          .filter({ hasText: 'waiting for the organisers' })
          .waitFor();
        const asked = await organiser.next('time:requested');
        expect(asked.room.name).toBe('Room A');
        expect(
          (await organiser.request('time:decide', { requestId: asked.id, approve: true })).ok,
        ).toBe(true);
        await page.getByTestId('time-outcome').filter({ hasText: 'Approved' }).waitFor();
        await expect.poll(() => countdownSeconds(page!)).toBeGreaterThan(shortened + 60);

        // ---- Ask for help. ----
        await room.getByLabel('What do you need help with?').fill('statistics');
        await room.getByRole('button', { name: 'Ask for help' }).click();
        await room.getByText('You asked for help with “statistics”').waitFor();
        // The time asked reads on the lab's clock with its zone (New York), not the browser's.
        await expect
          .poll(() => room.getByText('You asked for help with “statistics”').textContent())
          .toMatch(/at \d{2}:\d{2} GMT-[45]\b/);
        await shot(page, 'participant-in-room');
        // On a phone: one column, nothing scrolls sideways, the room and countdown come first.
        await page.setViewportSize(PHONE_VIEWPORT);
        await expect.poll(() => sidewaysScroll(page)).toBe(0);
        // The layout follows the new width a moment later: compare the boxes until it has.
        await expect
          .poll(
            async () => {
              const roomBox = await room.boundingBox();
              const chatBox = await page.getByRole('region', { name: 'Chat' }).boundingBox();
              return roomBox !== null && chatBox !== null && roomBox.y < chatBox.y;
            },
            { message: 'the room comes above the chat on a phone' },
          )
          .toBe(true);
        await shot(page, 'participant-on-a-phone');
        await page.setViewportSize({ width: 1280, height: 900 });

        // ---- The network drops. ----
        await context.setOffline(true);
        await connection(page).filter({ hasText: 'Offline' }).waitFor();
        // Meanwhile the room-mate writes in the room and in the lab's chat.
        const missedRoom = await roomMate.request('chat:send', {
          channel: `room:${round.roomA}`,
          clientMessageId: `missed-room-${tag}`,
          body: 'I pushed the schema while you were away.',
        });
        const missedLab = await roomMate.request('chat:send', {
          channel: 'lab',
          clientMessageId: `missed-lab-${tag}`,
          body: 'Room A is ready for the mentor.',
        });
        expect(missedRoom.ok && missedLab.ok).toBe(true);
        // The page, offline, cannot have them.
        await page.waitForTimeout(1_000);
        await expect
          .poll(() => chatLog(page).getByText('I pushed the schema while you were away.').count())
          .toBe(0);
        await connection(page).filter({ hasText: 'Offline' }).waitFor();
        await shot(page, 'participant-offline');

        // ---- The network is back: the page reconnects by itself, same room, missed chat. ----
        await context.setOffline(false);
        await connection(page).filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
        await room.getByTestId('room-name').filter({ hasText: 'Room A' }).waitFor();
        await room.getByRole('listitem').filter({ hasText: mate }).waitFor();
        await chatLog(page).getByText('I pushed the schema while you were away.').waitFor();
        // Each message once, the participant's own from before the drop still there.
        await expect
          .poll(() => chatLog(page).getByText('I pushed the schema while you were away.').count())
          .toBe(1);
        await chatLog(page).getByText('Shall we start with the data model?').waitFor();
        await page
          .getByRole('group', { name: 'Chat channel' })
          .getByRole('button', { name: 'Whole lab' })
          .click();
        await chatLog(page).getByText('Room A is ready for the mentor.').waitFor();
        // Older lab chat is paged over HTTP: here there is none before what the page shows.
        await page.getByRole('button', { name: 'Load earlier messages' }).click();
        await page.getByText('This is the start of the conversation.').waitFor();
        // The pinned instructions came back with the snapshot.
        await pins.getByText('Sketch the twin on the whiteboard first.').waitFor();
        // The countdown is still the server's.
        await expect.poll(() => countdownSeconds(page!)).toBeGreaterThan(200);
        const afterDrop = await countdownSeconds(page);
        expect(afterDrop).toBeLessThanOrEqual(shortened + 120);
        await shot(page, 'participant-back-online');

        // ---- A mentor claims the help request in the Help queue. ----
        const mentorPage = await open(newContext(PHONE_VIEWPORT));
        await logIn(mentorPage, lab.mentor.email);
        await openTab(mentorPage, 'Help queue');
        const request = mentorPage.getByTestId('help-request').filter({ hasText: 'statistics' });
        await request.getByText('statistics · Room A').waitFor();
        await request.getByText(/Waiting for \d+:\d\d/).waitFor();
        const toVisit = mentorPage.getByRole('region', { name: 'Rooms to visit' });
        await toVisit.getByText('Room A', { exact: true }).waitFor();
        await toVisit.getByText(`${me}, ${mate}`).waitFor();
        await expect
          .poll(() =>
            toVisit.getByRole('link', { name: 'Video call of Room A' }).getAttribute('href'),
          )
          .toBe(meetingUrl);
        await shot(mentorPage, 'mentor-help-queue');
        await request.getByRole('button', { name: /^Claim/ }).click();
        await mentorPage.getByTestId('help-outcome').filter({ hasText: 'You claimed' }).waitFor();
        await mentorPage.getByRole('heading', { name: 'With you' }).waitFor();
        // The participant is told who is coming.
        await room.getByText(`${mentorName} is on the way`).waitFor();
        await shot(mentorPage, 'mentor-claimed');
        await mentorPage.getByRole('button', { name: /^Mark resolved/ }).click();
        await mentorPage.getByText('No room is asking for help right now.').waitFor();
        await shot(page, 'participant-mentor-coming');

        // ---- Room B asks too; the mentor claims it and goes there (everyone in B sees it). ----
        const roomB = liveClient(app.baseUrl, lab.participants[2], lab.labId);
        await roomB.connect();
        try {
          expect((await roomB.request('help:request', { topic: 'ethics' })).ok).toBe(true);
          const ethics = mentorPage.getByTestId('help-request').filter({ hasText: 'ethics' });
          await ethics.getByRole('button', { name: /^Claim/ }).click();
          await roomB.next('help:coming', (c) => c.mentor.userId === lab.mentor.userId);
          await ethics.getByRole('button', { name: 'Go to Room B' }).click();
          await mentorPage
            .getByTestId('visit-outcome')
            .filter({ hasText: 'You are in Room B now' })
            .waitFor();
          const moved = await roomB.next('mentor:moved', (m) => m.toRoomId === round.roomB);
          expect(moved.mentor.userId).toBe(lab.mentor.userId);
          await shot(mentorPage, 'mentor-visits-room-b');
        } finally {
          roomB.close();
        }

        // ---- The organiser closes the round: the page says so and waits for the next. ----
        expect((await organiser.request('round:close', { roundId: round.roundId })).ok).toBe(true);
        await page.getByTestId('round-ended').filter({ hasText: 'Round 1 has ended' }).waitFor();
        await expect.poll(() => page.getByTestId('my-room').count()).toBe(0);
        await shot(page, 'participant-round-ended');
      }
    }, 180_000);
  },
);

/**
 * The server drops a live connection when its access token expires (`auth:expired`) unless
 * the client hands it a fresh one first (`auth:refresh`). With 40-second tokens, the page
 * stays connected well past the first token's expiry without ever dropping, and still
 * sends and receives chat.
 */
describeBrowser('web client: the live page outlives its access token', () => {
  const TOKEN_SECONDS = 40;
  let app: TestApp;
  let browser: Browser;
  let lab: LiveLab;
  const tag = `t${Date.now().toString(36)}`;

  beforeAll(async () => {
    requireWebBuild();
    app = await startTestApp({
      ACCESS_TOKEN_TTL_SECONDS: String(TOKEN_SECONDS),
      ...(process.env.BROWSER_WEB_DIR ? { WEB_DIR: process.env.BROWSER_WEB_DIR } : {}),
    });
    browser = await launchChromium();
    lab = await liveLab(app, tag, 2);
    await lab.db.query(`UPDATE labs SET phase = 'workshop' WHERE id = $1`, [lab.labId]);
  });

  afterAll(async () => {
    await lab?.db.end();
    await browser?.close();
    await app?.close();
  });

  it('hands the server a fresh token in time and never drops', async () => {
    await runJourney('live-token-failure', async ({ open }) => {
      const page = await open(
        browser.newContext({ baseURL: app.baseUrl, viewport: PHONE_VIEWPORT, locale: 'en-GB' }),
      );
      await logInThroughUi(page, { email: lab.participants[0].email, password: TEST_PASSWORD });
      await page.goto(`/labs/${lab.labId}/live`);
      const status = page.getByTestId('live-status');
      await status.filter({ hasText: 'Connected' }).waitFor();
      // Every status the page shows from now on.
      await page.evaluate(() => {
        const seen: string[] = [];
        Object.assign(window, { liveStatuses: seen });
        const region = document.querySelector('[data-testid="live-status"]')!;
        new MutationObserver(() => seen.push(region.textContent ?? '')).observe(region, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });

      await page.waitForTimeout((TOKEN_SECONDS + 15) * 1000);

      const statuses = await page.evaluate(
        () => (window as unknown as { liveStatuses: string[] }).liveStatuses,
      );
      expect(statuses.filter((s) => !s.startsWith('Connected'))).toEqual([]);
      await status.filter({ hasText: 'Connected' }).waitFor();
      // Chat still flows both ways on the same connection.
      await page.getByLabel('Message to Whole lab').fill('Still here after the token expired.');
      await page.getByRole('button', { name: 'Send' }).click();
      const other = liveClient(app.baseUrl, await login(app, lab.participants[1].email), lab.labId);
      try {
        await other.connect();
        const reply = await other.request('chat:send', {
          channel: 'lab',
          clientMessageId: `reply-${tag}`,
          body: 'And we can still hear you.',
        });
        expect(reply.ok).toBe(true);
        await page.getByRole('log').getByText('And we can still hear you.').waitFor();
        await page.getByRole('log').getByText('Still here after the token expired.').waitFor();
        await expect.poll(() => page.getByText('not sent').count()).toBe(0);
      } finally {
        other.close();
      }
    });
  }, 150_000);
});
