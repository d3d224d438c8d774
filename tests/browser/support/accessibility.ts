import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** What fails a screen: axe-core's two highest impacts. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Checks the screen as it is now with axe-core (every rule but the experimental ones: WCAG 2.x
 * A and AA, and the best practices) and fails on any serious or critical violation, naming the
 * rule, the elements and what to fix. The journeys call it on every screen they visit, through
 * `screenshotter`, on a desktop and on a phone.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact && BLOCKING.has(v.impact));
  if (blocking.length === 0) return;
  const report = blocking.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
    const more = v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : [];
    return [`  ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`, ...nodes, ...more].join('\n');
  });
  throw new Error(
    `The "${screen}" screen (${page.url()}) has ${blocking.length} serious or critical accessibility violation(s):\n${report.join('\n')}`,
  );
}
