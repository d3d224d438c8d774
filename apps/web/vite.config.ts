import { readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Paths are taken from this file's URL so the config works from any working directory.
const here = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every built text file over 1 KB, at the
 * highest levels (it costs the build, not each request); the server sends them to clients
 * that accept them. Source maps are left alone: only developer tools load them.
 */
function precompress(): Plugin {
  const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
  return {
    name: 'ideas-lab:precompress',
    apply: 'build',
    async writeBundle({ dir }) {
      if (!dir) return;
      const walk = (folder: string): string[] =>
        readdirSync(folder).flatMap((name) => {
          const path = join(folder, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      const brotli = promisify(brotliCompress);
      const gzipped = promisify(gzip);
      await Promise.all(
        walk(dir)
          .filter((file) => COMPRESSIBLE.test(file))
          .map(async (file) => {
            const content = await readFile(file);
            if (content.length < 1024) return;
            const params = {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            };
            await writeFile(`${file}.br`, await brotli(content, { params }));
            await writeFile(`${file}.gz`, await gzipped(content, { level: 9 }));
          }),
      );
    },
  };
}

/** Each module's static imports, as the bundler parsed them (for `pullsInLibrary`). */
const staticImports = new Map<string, readonly string[]>();
function recordImports(): Plugin {
  return {
    name: 'ideas-lab:record-imports',
    apply: 'build',
    moduleParsed(info) {
      staticImports.set(info.id, info.importedIds);
    },
  };
}

/** The libraries every page loads anyway (the `vendor` file), and TanStack Query's hooks. */
const PAGE_LIBRARIES =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack[\\/][^\\/]+|openapi-fetch)[\\/]/;

/**
 * Whether a module of ours reaches, through its static imports, a library beyond those every
 * page loads (React Aria in the dialogs, zod, Socket.IO): such a module stays out of `common`,
 * which would otherwise carry that library to every screen.
 */
function pullsInLibrary(id: string, seen = new Set<string>()): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  return (staticImports.get(id) ?? []).some((dep) =>
    /[\\/]node_modules[\\/]/.test(dep) ? !PAGE_LIBRARIES.test(dep) : pullsInLibrary(dep, seen),
  );
}

export default defineConfig({
  root: here('.'),
  plugins: [react(), precompress(), recordImports()],
  resolve: {
    // The client shares a few pure files of the domain: the phase machine, the word count (so
    // the live counter agrees with the server's limit), the country codes, the question types,
    // the quota names and the proposal's budget categories. The domain's index also carries the
    // optimisers (HiGHS in WebAssembly), which have no place here.
    alias: {
      '@ideas-lab/domain/lab-phase': here('../../libs/domain/src/lab-phase/lab-phase.ts'),
      '@ideas-lab/domain/word-count': here('../../libs/domain/src/applications/word-count.ts'),
      '@ideas-lab/domain/countries': here('../../libs/domain/src/applications/countries.ts'),
      '@ideas-lab/domain/application-form': here(
        '../../libs/domain/src/applications/application-form.ts',
      ),
      '@ideas-lab/domain/cohort-quotas': here('../../libs/domain/src/selection/cohort-quotas.ts'),
      '@ideas-lab/domain/proposal-rules': here('../../libs/domain/src/funding/proposal-rules.ts'),
      '@ideas-lab/live/events': here('../../libs/live/src/live-events.ts'),
    },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // The precompression above is known to take a couple of seconds; no report of it each build.
      checks: { pluginTimings: false },
      output: {
        // What every page loads before its first paint (the modules the entry imports
        // statically) comes in two files: the libraries (React, the router, TanStack Query,
        // openapi-fetch), which change rarely and stay cached across releases, and our own
        // frame (app routes, layout, session, API client). Left to itself the bundler cut the
        // same code into seven files, each request costing its headers (about 1 KB here) on
        // the login page's budget (docs/architecture.md, "Web client budget"). Screens stay
        // chunks of their own, loaded when first shown, with two shared files instead of a
        // file per shared module (a lab's screen pulled in 16 files of 1-4 KB, and under
        // HTTP/1.1 a browser fetches 6 at a time): `forms`, what the login and sign-up pages
        // and most screens use (fields, the heading, submitting a form); `common`, the rest of
        // the shared API, lib and component modules and TanStack Query's hooks, which every
        // signed-in screen and the call page use. A module that brings in another library (the
        // dialogs bring React Aria) stays apart (`pullsInLibrary`).
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial'], priority: 2 },
            { name: 'first', tags: ['$initial'], priority: 1 },
            {
              name: 'forms',
              test: /src[\\/](components[\\/](page-heading|form-fields)|lib[\\/]use-form-submit)\.tsx?$/,
              priority: 1,
            },
            {
              name: 'common',
              test: (id) =>
                /node_modules[\\/]@tanstack[\\/]/.test(id) ||
                (/apps[\\/]web[\\/]src[\\/](api|lib|components)[\\/]/.test(id) &&
                  !pullsInLibrary(id)),
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
