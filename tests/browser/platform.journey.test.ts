import { expect, it } from 'vitest';
import { describeBrowser } from './support/browser.js';
import { desktopContext, journeyStage, runJourney } from './support/journey.js';

/**
 * The server's Content-Security-Policy in a real browser: the API docs (Swagger UI) still work
 * under it, and a journey whose page breaks it fails.
 */
describeBrowser('the Content-Security-Policy in the browser', () => {
  const stage = journeyStage();
  const desktop = () => desktopContext(stage.browser, stage.server.baseUrl, undefined);

  it('lets the API docs at /docs show and expand the operations', async () => {
    await runJourney('docs-failure', async ({ open }) => {
      const page = await open(desktop());
      await page.goto('/docs');
      await page.getByRole('heading', { name: /Ideas Lab API/ }).waitFor();
      const login = page.locator('.opblock').filter({ hasText: '/api/auth/login' }).first();
      await login.locator('.opblock-summary').click();
      await login.getByRole('button', { name: 'Try it out' }).waitFor();
    });
  });

  it('fails a journey whose page runs inline script', async () => {
    const journey = runJourney('csp-probe-failure', async ({ open }) => {
      const page = await open(desktop());
      await page.goto('/login');
      await page.getByRole('heading', { level: 1 }).waitFor();
      // What an injected <script> would do: the policy must refuse it, and the journey must say so.
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.append(script);
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(ran).toBe(false);
    });
    await expect(journey).rejects.toThrow(/broke its Content-Security-Policy[\s\S]*script-src/);
  });
});
