import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Every worker entry (src/main/…/NAME.worker.ts) becomes out/main/NAME.worker.js beside index.js.
function workerEntries(dir = resolve(__dirname, 'src/main')): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(entries, workerEntries(full));
    else if (entry.name.endsWith('.worker.ts')) entries[basename(entry.name, '.ts')] = full;
  }
  return entries;
}

// Main and preload build to CommonJS (no "type": "module"), so the sandboxed preload is the
// CommonJS script Electron requires. Runtime dependencies (better-sqlite3, exceljs, zod) stay
// external for main; the preload imports nothing from npm.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/index.ts'), ...workerEntries() },
        // Code shared by index.js and the workers goes in files beside them, not in chunks/:
        // startWorker (workers/launch.ts) finds NAME.worker.js beside its own file (__dirname),
        // and launch.ts is such shared code (a worker starts the checkpoint worker).
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
  },
});
