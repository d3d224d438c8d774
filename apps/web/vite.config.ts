import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are taken from this file's URL so the config works from any working directory.
const here = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    // The client shares the server's phase machine, and only that: the domain's index also
    // carries the optimisers (HiGHS in WebAssembly), which have no place in the browser bundle.
    alias: { '@ideas-lab/domain/lab-phase': here('../../libs/domain/src/lab-phase/lab-phase.ts') },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
