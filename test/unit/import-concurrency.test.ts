// An import among other writers: it reads the whole file with no write transaction open (others
// write meanwhile), takes the write lock only for its commit, and the same file imported twice at
// once — by two processes — is imported once: the second says "already imported" (exit 3).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src/shared/api/jobs';
import { dispatch } from '../../src/main/api/dispatch';
import { createHandlers } from '../../src/main/api/handlers';
import { JobRegistry } from '../../src/main/jobs/registry';
import { sha256File } from '../../src/main/import/staging';
import { backupBeforeImport } from '../../src/main/import/service';
import { checkLedger } from '../../src/main/check/check';
import { openLedger } from '../../src/main/ledger/open';
import { decisionCsvLines, importFile } from '../helpers/import';
import { runCliCaptured, tempFolders } from '../helpers/unit';

const root = resolve(__dirname, '../..');
const folder = tempFolders('import-concurrency-');

async function writeCsv(path: string, rows: number): Promise<string> {
  const out = createWriteStream(path);
  out.write('\uFEFF');
  for (const line of decisionCsvLines(rows)) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
  return path;
}

/** `npm run -s ledger -- …` as a separate process. */
function ledgerProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/index.ts'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('an import among other writers', () => {
  it('reads a big file while another connection writes, and takes the write lock only to commit (CLI style)', async () => {
    const dir = folder();
    const db = join(dir, 'ledger.sqlite');
    const file = await writeCsv(join(dir, 'big.csv'), 40_000);
    const ledger = openLedger(db);
    const other = openLedger(db, { busyTimeoutMs: 0 });
    const writes: string[] = [];
    let reading = 0;
    const phases = new Set<string>();
    try {
      const run = await importFile(ledger, file, {
        mode: 'commit',
        separateWriter: false,
        progress: (p) => {
          // The first reports come while the file is read (a big file: many reports).
          if (!p.done || reading >= 3) return;
          reading++;
          phases.add(p.phase ?? '');
          // Another connection (the app, the web host) writes while the CLI reads: never SQLITE_BUSY.
          try {
            other.db
              .prepare("INSERT INTO settings (key, value) VALUES (?, 'x') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
              .run(`test.during_read.${reading}`);
            writes.push('ok');
          } catch (error) {
            writes.push((error as Error).message);
          }
        },
      });
      expect(run.report.committed).toBe(true);
      expect(run.report.persons.new).toBe(40_000);
    } finally {
      other.close();
      ledger.close();
    }
    expect(writes).toEqual(['ok', 'ok', 'ok']);
    expect([...phases]).toEqual(['reading']);
    // Nothing is left in the temp folder by the import's spool.
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`placement-import-rows-${process.pid}-`))).toEqual([]);
  });

  it('checks again inside its transaction: a file another process imported meanwhile is "already imported"', async () => {
    const dir = folder();
    const db = join(dir, 'ledger.sqlite');
    const file = await writeCsv(join(dir, 'same.csv'), 500);
    const ledger = openLedger(db);
    const other = openLedger(db);
    try {
      const sha = await sha256File(file);
      let done = false;
      const run = await importFile(ledger, file, {
        mode: 'commit',
        progress: (p) => {
          // After the read, before the write: another process commits the very same file.
          if (p.phase !== 'backup' || done) return;
          done = true;
          other.db
            .prepare(
              "INSERT INTO decision_files (file_name, sha256, kind, imported_at) VALUES ('same.csv', ?, 'decision', '2027-01-01T00:00:00Z')",
            )
            .run(sha);
        },
      });
      expect(done).toBe(true);
      expect(run.report.committed).toBe(false);
      expect(run.report.alreadyImported).toMatchObject({ fileName: 'same.csv' });
      expect(ledger.db.prepare('SELECT count(*) FROM decision_files').pluck().get()).toBe(1);
      expect(ledger.db.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(0);
    } finally {
      other.close();
      ledger.close();
    }
  });

  it('two automatic backups in the same second get a file each (the name is claimed before the copy)', async () => {
    const dir = folder();
    const a = openLedger(join(dir, 'ledger.sqlite'));
    const b = openLedger(join(dir, 'ledger.sqlite'));
    try {
      const paths = await Promise.all([backupBeforeImport(a, join(dir, 'backups')), backupBeforeImport(b, join(dir, 'backups'))]);
      expect(new Set(paths).size).toBe(2);
      expect(readdirSync(join(dir, 'backups')).sort()).toEqual(paths.map((p) => basename(p)).sort());
      for (const path of paths) {
        const copy = openLedger(path);
        expect(checkLedger(copy.db).ok).toBe(true);
        copy.close();
      }
    } finally {
      a.close();
      b.close();
    }
  });

  it('two processes importing the same file at once: one commits (exit 0), the other says already imported (exit 3)', async () => {
    const dir = folder();
    const db = join(dir, 'ledger.sqlite');
    mkdirSync(dir, { recursive: true });
    expect((await runCliCaptured(['init', '--db', db])).code).toBe(0);
    const file = await writeCsv(join(dir, 'twice.csv'), 30_000);
    const env = { LEDGER_BUSY_TIMEOUT_MS: '60000', LEDGER_LANG: 'en' };
    const [a, b] = await Promise.all([
      ledgerProcess(['import', file, '--db', db, '--json'], env),
      ledgerProcess(['import', file, '--db', db, '--json'], env),
    ]);
    const codes = [a.code, b.code].sort();
    expect(codes, `${a.stderr}\n${b.stderr}`).toEqual([0, 3]);
    const loser = a.code === 3 ? a : b;
    expect(loser.stderr.trim()).toBe('«twice.csv» has already been imported. Nothing was changed.');
    expect(JSON.parse(loser.stdout)).toMatchObject({ error: { code: 'import_already_imported' }, rows: { data: 0 } });
    const ledger = openLedger(db);
    try {
      expect(ledger.db.prepare('SELECT count(*) FROM decision_files').pluck().get()).toBe(1);
      expect(ledger.db.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(30_000);
    } finally {
      ledger.close();
    }
  }, 120_000);
});

describe('import --json and the undo job', () => {
  it('prints its one JSON object for every outcome: a folder (its own sentence), an unreadable file, already imported', async () => {
    const dir = folder();
    const db = join(dir, 'ledger.sqlite');
    openLedger(db).close(); // only `init` and the app create a ledger
    const sub = join(dir, '배치결정서');
    mkdirSync(sub);
    const asFolder = await runCliCaptured(['import', sub, '--db', db, '--json']);
    expect(asFolder.code).toBe(2);
    expect(JSON.parse(asFolder.stdout)).toMatchObject({
      file: sub,
      sha256: null,
      rows: { data: 0 },
      issues: [],
      error: { code: 'import_file_is_folder' },
    });
    expect(asFolder.stderr.trim()).toBe(`«${sub}» is a folder, not a file. Choose the one file inside it to import.`);
    const ko = await runCliCaptured(['import', sub, '--db', db], { LEDGER_LANG: 'ko' });
    expect(ko).toMatchObject({ code: 2, stdout: '' });
    expect(ko.stderr.trim()).toBe(`«${sub}»은(는) 파일이 아니라 폴더입니다. 폴더 안에서 들여올 파일 하나를 고르십시오.`);

    const missing = await runCliCaptured(['import', join(dir, 'nope.xlsx'), '--db', db, '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'import_file_unreadable' } });

    const file = await writeCsv(join(dir, 'once.csv'), 10);
    expect((await runCliCaptured(['import', file, '--db', db, '--json'])).code).toBe(0);
    const again = await runCliCaptured(['import', file, '--db', db, '--json']);
    expect(again.code).toBe(3);
    expect(again.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(again.stdout)).toMatchObject({
      error: { code: 'import_already_imported', message: '«once.csv» has already been imported. Nothing was changed.' },
    });
  });

  it('the Import page’s undo job reports its progress (rows taken back of how many)', async () => {
    const dir = folder();
    const ledger = openLedger(join(dir, 'ledger.sqlite'));
    try {
      const jobs = new JobRegistry(() => undefined);
      const handlers = createHandlers({ ledger, appVersion: 'test', jobs });
      const call = async <T>(name: string, input: unknown): Promise<T> => {
        const result = await dispatch(handlers, ledger, name, input, () => undefined);
        if (!result.ok) throw new Error(result.error.message);
        return result.value as T;
      };
      const committed = await importFile(ledger, await writeCsv(join(dir, 'undo.csv'), 3000), { mode: 'commit' });
      const job = await call<JobStatus>('startImportUndo', { decisionFileId: committed.report.decisionFileId });
      const seen: string[] = [];
      let status = jobs.get(job.id);
      while (status.state === 'running') {
        seen.push(`${status.progress.phase}:${status.progress.done}/${status.progress.total}`);
        await new Promise((r) => setTimeout(r, 5));
        status = jobs.get(job.id);
      }
      expect(status.state).toBe('done');
      // Persons and placements (6,000 rows), the decision file and its entries.
      expect(status.progress.phase).toBe('undoing');
      expect(status.progress.total).toBeGreaterThan(6000);
      expect(status.progress.done).toBe(status.progress.total);
      expect((status.result as { entriesReverted: number }).entriesReverted).toBe(status.progress.total);
      expect(ledger.db.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(0);
    } finally {
      ledger.close();
    }
  });
});
