import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { expectAccessible } from './accessibility.js';

/** Debian's Chromium package; no browser is ever downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const WEB_INDEX = fileURLToPath(new URL('../../../dist/web/index.html', import.meta.url));
export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

/**
 * `describe` for browser journeys. Without Chromium they are skipped, and the run says so
 * plainly; under CI=true a missing Chromium is a failure, never a silent skip.
 */
export function describeBrowser(name: string, journeys: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, journeys);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(
          `CI=true but Chromium was not found at ${CHROMIUM_PATH}: install Debian's "chromium" package ` +
            '(apt-get install -y chromium); browser journeys must run in CI.',
        );
      });
    });
    return;
  }
  console.warn(`browser journeys skipped: Chromium not found at ${CHROMIUM_PATH}`);
  describe.skip(name, journeys);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** The journeys drive the built client as the server serves it; say how to build it if it is missing. */
export function requireWebBuild(): void {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(
      `The web client is not built (${WEB_INDEX} is missing): run "npm run build:web" first.`,
    );
  }
}

/**
 * Records each screen a journey visits: a numbered full-page screenshot (01-sign-up.png, 02-…)
 * in tests/browser/screenshots/, and an accessibility check of it (expectAccessible: a serious
 * or critical axe-core violation fails the journey).
 */
export function screenshotter(prefix = ''): (page: Page, name: string) => Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Screenshots of an earlier run would pass for this one's.
  const earlier = new RegExp(`^${prefix}(\\d{2}-.*|failure)\\.png$`);
  for (const file of readdirSync(SCREENSHOT_DIR))
    if (earlier.test(file)) rmSync(`${SCREENSHOT_DIR}${file}`);
  let count = 0;
  return async (page, name) => {
    count += 1;
    const file = `${SCREENSHOT_DIR}${prefix}${String(count).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    await expectAccessible(page, name);
  };
}
