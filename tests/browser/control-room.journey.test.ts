import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, labWithStaff, login, type Session } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
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
 * The organiser runs a live workshop from the browser, against the real server, with real
 * socket.io clients as the participants: builds the agenda (times on the lab's New York
 * clock, a material link, the .ics download), plans a rotation and reads its who-has-met
 * matrix, keeps two plans and adopts one, opens the first round in the control room and
 * watches the room tiles fill as participants connect, broadcasts, moves a participant
 * (who is told the new room) and swaps them back, approves a "+2 minutes" request, sees a
 * help request, and closes the round with a grace countdown.
 */
describeBrowser('web client: an organiser runs the workshop from the control room', () => {
  let app: TestApp;
  let browser: Browser;
  let db: pg.Client;
  const shot = screenshotter('control-room-');
  const tag = Date.now().toString(36);
  const year = new Date().getUTCFullYear() + 1;
  const people = [
    ['Ada Lovelace', 'AI'],
    ['Ben Okafor', 'bioinformatics'],
    ['Chen Wei', 'cancer research'],
    ['Dana Ivanova', 'AI'],
    ['Emeka Obi', 'bioinformatics'],
    ['Farah Haddad', 'cancer research'],
  ] as const;
  let labId: string;
  let organiserEmail: string;
  let mentor: Session;
  const participants: (Session & { name: string })[] = [];
  const sockets: LiveTestClient[] = [];

  beforeAll(async () => {
    requireWebBuild();
    // BROWSER_WEB_DIR serves another build of the client (e.g. one made outside dist/web).
    app = await startTestApp(
      process.env.BROWSER_WEB_DIR ? { WEB_DIR: process.env.BROWSER_WEB_DIR } : {},
    );
    browser = await launchChromium();
    const staff = await labWithStaff(app, tag);
    labId = staff.labId;
    organiserEmail = staff.organiser.email;
    mentor = staff.mentor;
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    for (const [i, [name, discipline]] of people.entries()) {
      const email = `p${i}-${tag}@example.test`;
      await app.createUser({ email, displayName: name });
      const session = await login(app, email);
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
        [labId, session.userId],
      );
      const profile = await request(app.baseUrl)
        .put(`/api/labs/${labId}/participants/${session.userId}/profile`)
        .set(bearer(staff.organiser))
        .send({ discipline, careerStage: i < 2 ? 'early career' : 'senior' });
      if (profile.status !== 200) throw new Error(`profile: ${JSON.stringify(profile.body)}`);
      participants.push({ ...session, name });
    }
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await db?.end();
    await browser?.close();
    await app?.close();
  });

  const desktop = () =>
    desktopContext(browser, app.baseUrl, 'Europe/Berlin', { acceptDownloads: true });
  const organiser = () => ({ email: organiserEmail, password: TEST_PASSWORD });

  const tile = (page: Page, room: string) =>
    page.getByRole('listitem', { name: room, exact: true });

  /** The seconds the round's countdown shows ("9:58" → 598). */
  const secondsShown = async (page: Page) => {
    const [m, sec] = ((await page.getByTestId('round-countdown').textContent()) ?? '')
      .split(':')
      .map(Number);
    return m * 60 + sec;
  };

  /** The status line announces the outcome of each action. */
  const announced = (page: Page, text: string | RegExp) =>
    page.getByRole('status').filter({ hasText: text }).first().waitFor();

  it('builds the agenda, plans and adopts a rotation, and runs a round live', async () => {
    await runJourney('control-room-failure', journey);

    async function journey({ open }: JourneyPages) {
      let page = await open(desktop());
      await logInThroughUi(page, organiser());

      // ---- Agenda: times are entered and read on the lab's New York clock. ----
      await page.goto(`/labs/${labId}`);
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Agenda' })
        .click();
      await page.getByText('No sessions yet.').waitFor();
      await page.getByRole('button', { name: 'Add a session' }).click();
      await page.getByLabel('Title', { exact: true }).fill('Welcome and aims');
      await page.getByLabel('Starts').fill(`${year}-07-13T11:00`);
      await page.getByLabel('Ends').fill(`${year}-07-13T11:30`);
      await page.getByRole('button', { name: 'Add a material link' }).click();
      await page.getByLabel('Material 1 title').fill('Workshop brief');
      await page.getByLabel('Material 1 link').fill('https://example.org/brief.pdf');
      await page.getByRole('button', { name: 'Add session' }).click();
      await announced(page, '"Welcome and aims" added to the agenda.');

      // A session that ends before it starts is refused beside the field.
      await page.getByRole('button', { name: 'Add a session' }).click();
      await page.getByLabel('Kind').selectOption('breakout');
      await page.getByLabel('Title', { exact: true }).fill('Breakout rotation');
      await page.getByLabel('Starts').fill(`${year}-07-13T11:30`);
      await page.getByLabel('Ends').fill(`${year}-07-13T11:00`);
      await page.getByRole('button', { name: 'Add session' }).click();
      await page.locator('#session-endsAt-error').waitFor();
      await expect.poll(() => page.getByLabel('Ends').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Ends').fill(`${year}-07-13T13:00`);
      await page.getByRole('button', { name: 'Add session' }).click();
      await announced(page, '"Breakout rotation" added to the agenda.');

      const welcome = page.getByRole('listitem', { name: 'Welcome and aims' });
      await welcome.getByText('11:00–11:30 EDT').waitFor();
      await expect
        .poll(() => welcome.getByRole('link', { name: 'Workshop brief' }).getAttribute('href'))
        .toBe('https://example.org/brief.pdf');
      await page
        .getByRole('listitem', { name: 'Breakout rotation' })
        .getByText('11:30–13:00 EDT')
        .waitFor();
      await page.getByRole('heading', { name: `Tuesday, 13 July ${year}` }).waitFor();
      await shot(page, 'agenda');

      // The .ics feed downloads with both sessions, in UTC.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download calendar (.ics)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('agenda.ics');
      const ics = readFileSync((await download.path())!, 'utf8');
      expect(ics).toContain('SUMMARY:Welcome and aims');
      expect(ics).toContain(`DTSTART:${year}0713T150000Z`);

      // The breakout session goes live.
      await page.getByRole('button', { name: 'Start Breakout rotation' }).click();
      await announced(page, '"Breakout rotation" is now live.');

      // ---- Rotation planner: two plans kept, their matrices read, one adopted. ----
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Rotation' })
        .click();
      await page.getByText(/^Breakout session:/).waitFor();
      // Profiles the planner mixes by: an organiser sets one by hand.
      await page.getByText('Participants (6)').click();
      await page.getByLabel('Career stage of Chen Wei').selectOption('early career');
      await announced(page, 'Saved Chen Wei.');
      await page
        .getByRole('row', { name: /Chen Wei/ })
        .getByText('Set by an organiser')
        .waitFor();
      await page.getByText('Participants (6)').click();
      await page.getByLabel('Rounds', { exact: true }).fill('3');
      await page.getByLabel('Room size', { exact: true }).fill('3');
      await page.getByLabel('Disciplines per room (at least)').fill('2');
      await page.getByLabel('early career').check();
      await page.getByLabel('Seed', { exact: true }).fill('journey-a');
      await page.getByRole('button', { name: 'Plan rotation' }).click();
      await announced(page, /New plan: \d+ pairs meet/);
      await page.getByLabel('Seed', { exact: true }).fill('journey-b');
      await page.getByRole('button', { name: 'Plan rotation' }).click();
      await page.getByRole('row', { name: /Plan 2/ }).waitFor();
      const plans = page
        .getByRole('table')
        .filter({ has: page.getByRole('columnheader', { name: 'Pairs met' }) });
      await expect.poll(() => plans.getByRole('row').count()).toBe(3); // header + two plans

      // The matrix of the plan shown: 6 people, 15 pairs; every cell says who met whom.
      const matrix = page.getByRole('table').filter({ hasText: 'Plan 2, all rounds' });
      await matrix.waitFor();
      const captionText = () => matrix.locator('caption').textContent();
      await expect.poll(captionText).toMatch(/\d+ of \d+ pairs have met/);
      const caption = (await captionText()) ?? '';
      const [, met, possible] = /(\d+) of (\d+) pairs have met/.exec(caption) ?? [];
      expect(Number(possible)).toBe(15);
      expect(Number(met)).toBeGreaterThanOrEqual(10);
      await matrix
        .getByRole('cell', { name: /Ada Lovelace and Ben Okafor met (never|once|twice|\d+ times)/ })
        .waitFor();
      // Every room mixes at least the two disciplines asked for.
      await expect
        .poll(() =>
          plans
            .getByRole('row', { name: /Plan 2/ })
            .getByRole('cell')
            .nth(5)
            .textContent(),
        )
        .toMatch(/^[23] \(wanted 2\)$/);
      await shot(page, 'rotation-plans');

      await page.getByRole('button', { name: 'Adopt Plan 1' }).click();
      await announced(page, 'Plan adopted: 3 rounds ready to open in the control room.');
      await page.getByRole('row', { name: /Plan 1.*Adopted/ }).waitFor();
      const heldList = page.getByRole('region', { name: 'Rounds of this session' });
      await heldList.getByText('Round 1', { exact: true }).waitFor();

      // ---- Control room: open the round, tiles fill as participants connect. ----
      await page
        .getByRole('navigation', { name: 'Lab sections' })
        .getByRole('link', { name: 'Control room' })
        .click();
      await page.getByText('Live', { exact: true }).waitFor();
      await tile(page, 'Room 1').getByText('3 seated').waitFor();
      await page.getByLabel('Minutes', { exact: true }).fill('10');
      // The session is next July: the server refuses to open it today, and the page asks first.
      await page.getByRole('button', { name: 'Open Round 1' }).click();
      const otherDay = page.getByRole('alertdialog', { name: 'Open Round 1 today?' });
      await otherDay.getByText(/^The session is on \w+ 13 July \d{4}; today is /).waitFor();
      await shot(page, 'round-other-day');
      await otherDay.getByRole('button', { name: 'Keep it planned' }).click();
      await announced(page, 'Round 1 stays planned.');
      await expect
        .poll(() => page.getByRole('button', { name: 'Open Round 1' }).isEnabled())
        .toBe(true);
      await page.getByRole('button', { name: 'Open Round 1' }).click();
      await page
        .getByRole('alertdialog', { name: 'Open Round 1 today?' })
        .getByRole('button', { name: 'Open Round 1 now' })
        .click();
      await announced(page, /Round 1 is open: \d+ people were told their room/);
      await page
        .getByTestId('round-countdown')
        .filter({ hasText: /^(10:00|9:[0-5]\d)$/ })
        .waitFor();
      await tile(page, 'Room 1').getByText('0 of 3 here').waitFor();
      await shot(page, 'round-open-empty');

      // Five participants connect: each is told its room; the tiles count them in.
      const roomOf = new Map<string, string>();
      const roomIds = new Map<string, string>();
      const roomIdOf = (p: Session) => roomIds.get(p.userId)!;
      for (const p of participants.slice(0, 5)) {
        const socket = liveClient(app.baseUrl, p, labId);
        sockets.push(socket);
        const snapshot = await socket.connect();
        expect(snapshot.room?.name).toMatch(/^Room [12]$/);
        roomOf.set(p.userId, snapshot.room!.name);
        roomIds.set(p.userId, snapshot.room!.id);
      }
      const inRoom = (name: string) =>
        participants.filter((p) => roomOf.get(p.userId) === name).length;
      await tile(page, 'Room 1')
        .getByText(`${inRoom('Room 1')} of 3 here`)
        .waitFor();
      await tile(page, 'Room 2')
        .getByText(`${inRoom('Room 2')} of 3 here`)
        .waitFor();
      const last = participants[5];
      const lastSocket = liveClient(app.baseUrl, last, labId);
      sockets.push(lastSocket);
      const lastRoom = (await lastSocket.connect()).room!;
      roomOf.set(last.userId, lastRoom.name);
      roomIds.set(last.userId, lastRoom.id);
      await tile(page, 'Room 1').getByText('3 of 3 here').waitFor();
      await tile(page, 'Room 2').getByText('3 of 3 here').waitFor();
      await page.getByRole('heading', { name: /6 of 6 participants in their rooms/ }).waitFor();
      await page.getByRole('region', { name: 'Participants online' }).getByText('(6)').waitFor();

      // The mentor connects and lands in the room they mentor: its tile shows them there.
      const mentorSocket = liveClient(app.baseUrl, mentor, labId);
      sockets.push(mentorSocket);
      const mentorRoom = (await mentorSocket.connect()).room!;
      await tile(page, mentorRoom.name).getByText('in the room', { exact: true }).waitFor();

      // Room chat shows on its tile without the organiser joining the room.
      const chatter = participants.find((p) => roomOf.get(p.userId) === 'Room 2')!;
      const chatSocket = sockets[participants.indexOf(chatter)];
      const room2 = roomIdOf(chatter);
      expect(
        (
          await chatSocket.request('chat:send', {
            channel: `room:${room2}`,
            clientMessageId: `hello-${tag}`,
            body: 'Shall we start with the data?',
          })
        ).ok,
      ).toBe(true);
      await tile(page, 'Room 2')
        .getByText(/^1 chat message, last at \d\d:\d\d$/)
        .waitFor();
      await shot(page, 'tiles-full');

      // An instruction pinned for Room 1 reaches Room 1 and shows on its tile.
      await page.getByLabel('Instruction', { exact: true }).fill('Name a scribe first.');
      await page.getByLabel('For', { exact: true }).selectOption({ label: 'Room 1 only' });
      await page.getByRole('button', { name: 'Pin', exact: true }).click();
      await announced(page, 'Instruction pinned.');
      await tile(page, 'Room 1').getByText('Name a scribe first.').waitFor();
      const inRoom1 = sockets[participants.findIndex((p) => roomOf.get(p.userId) === 'Room 1')];
      expect((await inRoom1.next('pin:added')).message).toBe('Name a scribe first.');
      expect(chatSocket.all('pin:added')).toEqual([]);

      // Broadcast to every room: every participant gets it.
      await page
        .getByLabel('Message', { exact: true })
        .fill('Five minutes to agree on one question.');
      await page.getByRole('button', { name: 'Send broadcast' }).click();
      await announced(page, 'Sent to every room.');
      for (const socket of sockets)
        expect(
          (await socket.next('broadcast:message', (m) => m.message.startsWith('Five minutes')))
            .roomId,
        ).toBeNull();

      // Move someone from Room 1 to Room 2: they are told, and the tiles show it.
      const mover = participants.find((p) => roomOf.get(p.userId) === 'Room 1')!;
      const moverSocket = sockets[participants.indexOf(mover)];
      await page.getByLabel('Who', { exact: true }).selectOption({ label: mover.name });
      await page.getByLabel('To room', { exact: true }).selectOption({ label: 'Room 2' });
      await page.getByRole('button', { name: 'Move', exact: true }).click();
      await announced(page, `${mover.name} moved to Room 2.`);
      const assigned = await moverSocket.next('room:assigned');
      expect(assigned.room.name).toBe('Room 2');
      await tile(page, 'Room 2')
        .getByRole('list', { name: 'People in Room 2' })
        .getByText(`${mover.name}, in the room`)
        .waitFor();
      await expect
        .poll(() =>
          tile(page, 'Room 1').getByRole('list', { name: 'People in Room 1' }).textContent(),
        )
        .not.toContain(mover.name);
      await tile(page, 'Room 2').getByText('4 of 4 here').waitFor();
      await tile(page, 'Room 1').getByText('2 of 2 here').waitFor();

      // Room 1 asks for two more minutes; the organiser approves and everyone's timer moves.
      const asker =
        sockets[participants.findIndex((p) => roomOf.get(p.userId) === 'Room 1' && p !== mover)];
      expect((await asker.request('time:request', {})).ok).toBe(true);
      await tile(page, 'Room 1').getByText('Asks for 2 more minutes', { exact: true }).waitFor();
      // …and Room 2 asks for help.
      expect((await moverSocket.request('help:request', { topic: 'statistics' })).ok).toBe(true);
      await tile(page, 'Room 2').getByText('Needs help: statistics').waitFor();
      await page.getByRole('region', { name: 'Help requests' }).getByText('statistics').waitFor();
      await shot(page, 'requests');
      // Read the clock once it shows minutes and seconds: a read mid-render would be NaN and
      // the comparison below could never hold.
      await expect
        .poll(() => page.getByTestId('round-countdown').textContent())
        .toMatch(/^\d+:\d\d$/);
      const before = await secondsShown(page);
      await page.getByRole('button', { name: 'Approve for Room 1' }).click();
      await announced(page, 'Room 1 got 2 more minutes.');
      expect((await asker.next('time:decided')).decision).toBe('approved');
      await asker.next('timer:changed');
      await page.getByText('No room is asking for more time.').waitFor();
      // The clock moved two minutes on (less the seconds the approval took).
      await expect.poll(() => secondsShown(page)).toBeGreaterThan(before + 100);

      // Swap the moved participant back with someone of Room 1: both are told their rooms.
      const other = participants.find(
        (p) =>
          roomOf.get(p.userId) === 'Room 1' &&
          p !== mover &&
          sockets[participants.indexOf(p)] !== asker,
      )!;
      const otherSocket = sockets[participants.indexOf(other)];
      await page.getByLabel('Who', { exact: true }).selectOption({ label: mover.name });
      await page.getByLabel('Swap with someone').check();
      await page
        .getByLabel('Swap with', { exact: true })
        .selectOption({ label: `${other.name} (Room 1)` });
      await page.getByRole('button', { name: 'Swap', exact: true }).click();
      await announced(page, `${mover.name} and ${other.name} swapped rooms.`);
      expect((await moverSocket.next('room:assigned')).room.name).toBe('Room 1');
      expect((await otherSocket.next('room:assigned')).room.name).toBe('Room 2');
      await tile(page, 'Room 1')
        .getByRole('list', { name: 'People in Room 1' })
        .getByText(`${mover.name}, in the room`)
        .waitFor();
      await tile(page, 'Room 2')
        .getByRole('list', { name: 'People in Room 2' })
        .getByText(`${other.name}, in the room`)
        .waitFor();

      // Close with a 10-second grace: the countdown shows it, then the round closes.
      await page.getByLabel('Close', { exact: true }).selectOption({ label: 'in 10 seconds' });
      await page.getByRole('button', { name: 'Close round' }).click();
      await announced(page, 'Round 1 closes in 0:10; everyone was warned.');
      expect((await asker.next('round:closing')).graceSeconds).toBe(10);
      await page.getByText(/^Closing in 0:(0\d|10)$/).waitFor();
      await shot(page, 'closing');
      // Ten seconds of grace, then the next timer poll: room for a loaded machine to run it late.
      await asker.next('round:closed', () => true, 30_000);
      await page.getByRole('heading', { name: /Round 2\s+Planned/ }).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Open Round 2' }).waitFor();
      await shot(page, 'round-closed');

      // On a phone the control room stacks its tiles; only the matrix may scroll sideways.
      await page.context().close();
      page = await open(phoneContext(browser, app.baseUrl));
      await logInThroughUi(page, organiser());
      await page.goto(`/labs/${labId}/control-room`);
      await tile(page, 'Room 1').waitFor();
      await expect.poll(() => sidewaysScroll(page)).toBe(0);
      await shot(page, 'phone');

      // The planner too: the who-has-met matrix scrolls inside itself, never the page.
      await page.goto(`/labs/${labId}/rotation`);
      await page
        .getByRole('table')
        .filter({ hasText: "Who meets whom in this session's rounds" })
        .waitFor();
      await expect.poll(() => sidewaysScroll(page)).toBe(0);
      await shot(page, 'phone-rotation');
    }
  }, 180_000);
});
