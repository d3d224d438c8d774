import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  Locator,
  Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, requireWebBuild, SCREENSHOT_DIR } from './browser.js';
import { startJourneyServer, type JourneyServer } from './server.js';

/** The window of a desktop browser, and of a phone held upright. */
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };
/** The narrowest phone the product promises to serve. */
export const PHONE_VIEWPORT = { width: 360, height: 780 };

/** A desktop browser in a time zone (undefined: the machine's), speaking British English. */
export function desktopContext(
  browser: Browser,
  baseURL: string,
  timezoneId: string | undefined,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: DESKTOP_VIEWPORT,
    timezoneId,
    locale: 'en-GB',
    ...options,
  });
}

/**
 * A phone (touch, mobile viewport, 2× pixels) speaking British English; `options` adds the time
 * zone and, to stay signed in, the storage state of a desktop context.
 */
export function phoneContext(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    ...options,
  });
}

/**
 * Logs in through the login form. With `next`, the form is opened to return there and the
 * login waits for it; without, it waits for the landing page, My labs.
 */
export async function logInThroughUi(
  page: Page,
  who: { email: string; password: string },
  next?: string,
): Promise<void> {
  await page.goto(next === undefined ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(next === undefined ? '**/labs' : `**${next}`);
}

/** How far the page scrolls sideways: on a phone, only tables may scroll, inside themselves. */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth),
  );
}

/**
 * From the page's next load on, adds up how far what is shown moves by itself (the layout
 * shift score a browser reports, CLS): a page that arrives in steps must not push down what
 * a reader is already looking at. Read it with `layoutShift`.
 */
export async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: string[] = [];
    Object.assign(window, { __layoutShifts: shifts });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      })[]) {
        if (entry.hadRecentInput) continue;
        const what = (entry.sources ?? []).map((s) => s.node?.nodeName ?? '?').join(', ');
        shifts.push(`${entry.value.toFixed(4)} (${what})`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shifts seen since the page loaded, each as "score (elements that moved)". */
export function layoutShift(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { __layoutShifts?: string[] }).__layoutShifts ?? ['not watched'],
  );
}

/**
 * The value shown beside a term in a list of facts (`<dt>Valid until</dt><dd>…</dd>`): the
 * definition that follows the term, as a screen reader pairs them.
 */
export function factValue(scope: Page | Locator, term: string): Locator {
  return scope
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/**
 * What a screen reader reads as a control's or a group's description: the text of the elements
 * its aria-describedby names (a field's error, then its hint). An error starts with "⚠".
 */
export function describedBy(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** What a journey uses to open its browser windows. */
export interface JourneyPages {
  /** A page in a new context, closed when the journey ends; a failure is shown from it from now on. */
  open(context: Promise<BrowserContext>): Promise<Page>;
  /** The page a failure screenshot is taken of from now on. */
  watch(page: Page): void;
}

/**
 * Records every Content-Security-Policy violation in a context's pages: the document's
 * `securitypolicyviolation` events and Chromium's console reports of refused loads.
 */
async function watchContentSecurityPolicy(
  context: BrowserContext,
  violations: string[],
): Promise<void> {
  await context.exposeBinding('__journeyCspViolation', ({ page }, report: string) => {
    violations.push(`${page.url()}: ${report}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, (report: string) => void>)
        .__journeyCspViolation;
      report?.(
        `${event.effectiveDirective} refused ${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      violations.push(`${message.page()?.url() ?? 'a page'}: ${message.text()}`);
  });
}

/**
 * Runs a journey; if it breaks, keeps what the browser showed (it usually says why) in
 * tests/browser/screenshots/<failure>.png — with `everyPage`, every open page of every context
 * the journey opened, as <failure>-<context number>.png — and closes every context it opened.
 * The server's Content-Security-Policy holds in every page: a violation fails the journey.
 */
export async function runJourney(
  failure: string,
  journey: (pages: JourneyPages) => Promise<void>,
  { everyPage = false } = {},
): Promise<void> {
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];
  let watched: Page | undefined;
  const pages: JourneyPages = {
    async open(opening) {
      const context = await opening;
      contexts.push(context);
      await watchContentSecurityPolicy(context, cspViolations);
      watched = await context.newPage();
      return watched;
    },
    watch(page) {
      watched = page;
    },
  };
  const screenshot = (page: Page, name: string) =>
    page
      .screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true })
      .catch(() => undefined);
  try {
    await journey(pages);
    // Violation reports are queued as tasks in the page: let the last ones arrive.
    for (const context of contexts)
      for (const page of context.pages())
        await page.evaluate(() => new Promise((done) => setTimeout(done, 50))).catch(() => null);
    if (cspViolations.length > 0) {
      throw new Error(
        `The page broke its Content-Security-Policy:\n${[...new Set(cspViolations)].join('\n')}`,
      );
    }
  } catch (error) {
    if (everyPage) {
      for (const [i, context] of contexts.entries())
        for (const page of context.pages()) await screenshot(page, `${failure}-${i}`);
    } else if (watched && !watched.isClosed()) await screenshot(watched, failure);
    throw error;
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
  }
}

/** What a file's journeys play on: the journey server and Chromium, ready in their hooks. */
export interface JourneyStage {
  readonly server: JourneyServer;
  readonly browser: Browser;
}

/**
 * Before the file's journeys, checks that the web client is built, starts the journey server
 * and launches Chromium; after them, closes both. Call it before the file's own `beforeAll`,
 * which then finds both on the stage.
 */
export function journeyStage(): JourneyStage {
  const stage = {} as { server: JourneyServer; browser: Browser };
  beforeAll(async () => {
    requireWebBuild();
    stage.server = await startJourneyServer();
    stage.browser = await launchChromium();
  });
  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.close();
  });
  return stage;
}
