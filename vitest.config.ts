import swc from 'unplugin-swc';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const lib = (name: string) =>
  fileURLToPath(new URL(`./libs/${name}/src/index.ts`, import.meta.url));
const domainFile = (path: string) =>
  fileURLToPath(new URL(`./libs/domain/src/${path}`, import.meta.url));

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      // The pure domain files the web client imports by path (apps/web/vite.config.ts), for its
      // specs; listed before '@ideas-lab/domain', which would otherwise take them as a prefix.
      '@ideas-lab/domain/lab-phase': domainFile('lab-phase/lab-phase.ts'),
      '@ideas-lab/domain/word-count': domainFile('applications/word-count.ts'),
      '@ideas-lab/domain/countries': domainFile('applications/countries.ts'),
      '@ideas-lab/domain/application-form': domainFile('applications/application-form.ts'),
      '@ideas-lab/domain/cohort-quotas': domainFile('selection/cohort-quotas.ts'),
      '@ideas-lab/domain/proposal-rules': domainFile('funding/proposal-rules.ts'),
      '@ideas-lab/platform': lib('platform'),
      '@ideas-lab/domain': lib('domain'),
      '@ideas-lab/identity': lib('identity'),
      '@ideas-lab/labs': lib('labs'),
      '@ideas-lab/applications': lib('applications'),
      '@ideas-lab/workshop': lib('workshop'),
      '@ideas-lab/review': lib('review'),
      '@ideas-lab/live': lib('live'),
      '@ideas-lab/selection': lib('selection'),
      '@ideas-lab/ideas': lib('ideas'),
      '@ideas-lab/proposals': lib('proposals'),
      '@ideas-lab/formation': lib('formation'),
      '@ideas-lab/proposal-review': lib('proposal-review'),
      '@ideas-lab/pitches': lib('pitches'),
      '@ideas-lab/funding': lib('funding'),
    },
  },
  test: {
    testTimeout: 30_000,
    // Browser journeys read the page through expect.poll, retried until it holds: a page
    // settles a moment after a click (focus, a re-render), more slowly on a loaded machine.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // `npx vitest run --project unit` starts no database: the rules beside the code, in
    // seconds. `integration` is everything against PostgreSQL (and Redis, Chromium).
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/api/**/*.spec.ts', 'apps/web/src/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/{medium,e2e,browser}/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/pg-one-query-at-a-time.ts'],
        },
      },
    ],
  },
});
