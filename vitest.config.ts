import { defineConfig } from 'vitest/config';

/**
 * Unit test files too slow for `npm run test:quick` (each over ~8 s on the 2-core build machine,
 * or needing LibreOffice): they run only in the `slow` project, which `npm test` (plain
 * `vitest run`) runs together with `unit`. Every other file under test/unit is in `unit`, so a new
 * file is quick until it is listed here. Durations from vitest's report of a full run: see
 * docs/testing.md.
 */
const SLOW_UNIT_FILES = [
  'test/unit/import-kill.test.ts', // ~124 s: kills the import at every stage
  'test/unit/import-corpus.test.ts', // ~82 s: 525 real spreadsheets
  'test/unit/restore-kill.test.ts', // ~69 s: kills a restore at every moment
  'test/unit/import-fidelity.test.ts', // ~26 s: every answer key, cell by cell
  'test/unit/export-kill.test.ts', // ~24 s: kills the export worker
  'test/unit/export-libreoffice.test.ts', // LibreOffice opens and prints the workbooks
  'test/unit/cli.test.ts', // ~13 s: CLI processes, one writing while another backs up
  'test/unit/import-api.test.ts', // ~12 s: uploads, commits and cancels as jobs
  'test/unit/import-cli.test.ts', // ~9 s: the CLI's import, process by process
  'test/unit/import-concurrency.test.ts', // ~8 s: two processes importing at once
  'test/unit/allocation-kill.test.ts', // kills `ledger allocate` (30,000 persons accepted) at random moments
  'test/unit/undo-kill.test.ts', // kills a 30,000-row undo and its redo at random moments
  'test/unit/undo-bulk.test.ts', // 20,000-row imports undone and redone, dumped byte for byte
  'test/unit/hub-many-clients.test.ts', // 8–45 s (busy disk): 8 client processes edit one hub, 2,000 edits over TLS
  'test/unit/hub-kill.test.ts', // 30–80 s: kills the hub process during an import at 3 moments, restarts it
  // Whole imports of the sample workbooks, backups and exports on real files (5–9 s each here).
  'test/unit/import-commit.test.ts',
  'test/unit/import-requests-intake.test.ts',
  'test/unit/import-bad-input.test.ts',
  'test/unit/backup-restore.test.ts',
  'test/unit/export-api.test.ts',
  'test/unit/import-identity.test.ts',
  'test/unit/user-path.test.ts',
  'test/unit/import-samples.test.ts',
  'test/unit/hub-client.test.ts', // ~25 s: real hubs restarted, CLI processes, an import and an export through the hub
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      // One module graph per worker for the quick files (no fresh import of better-sqlite3, zod,
      // exceljs … for each of 58 files: 87 s → 57 s here). Each file opens its own ledgers in temp
      // folders; a file that changes module state (a desktop hook, a fake clock) puts it back in
      // afterEach. The slow files keep a fresh module graph each.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: SLOW_UNIT_FILES, isolate: false } },
      { extends: true, test: { name: 'slow', include: SLOW_UNIT_FILES } },
    ],
  },
});
