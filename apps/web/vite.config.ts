import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are taken from this file's URL so the config works from any working directory.
const here = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    // The client shares a few pure files of the domain: the phase machine, the word count (so
    // the live counter agrees with the server's limit) and the country codes. The domain's
    // index also carries the optimisers (HiGHS in WebAssembly), which have no place here.
    alias: {
      '@ideas-lab/domain/lab-phase': here('../../libs/domain/src/lab-phase/lab-phase.ts'),
      '@ideas-lab/domain/word-count': here('../../libs/domain/src/applications/word-count.ts'),
      '@ideas-lab/domain/countries': here('../../libs/domain/src/applications/countries.ts'),
      '@ideas-lab/live/events': here('../../libs/live/src/live-events.ts'),
    },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
