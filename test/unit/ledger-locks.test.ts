// POSIX locks belong to the process: if any code of ours opened and closed the ledger file (or its
// -wal/-shm) outside SQLite while a connection is open, every lock the process holds on it would
// go, and another program that opens and cleanly closes the database would take itself for the
// last user and delete -wal and -shm under the app. These tests do what the app does — a second
// connection opened and closed (an import's commit), also in a worker thread (undo, export) — then
// let a child process (an office backup tool) open, read, back up and close the ledger.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/main/check/check';
import { openSecondConnection } from '../../src/main/import/connection';
import { openLedger, type Ledger } from '../../src/main/ledger/open';
import { startWebHost } from '../../src/main/web/host';
import { insertCohort, insertPerson, tempDir } from '../helpers/ledger';
import { runCliCaptured } from '../helpers/unit';
import { withTimeLimit } from '../../src/main/util/user-path';
import { type LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';

const root = resolve(__dirname, '../..');
const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Another program: a separate process with its own SQLite, opening, reading, copying, closing. */
function otherProgramOpensAndCloses(path: string, copy: string): number {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    const n = db.prepare('SELECT count(*) AS n FROM persons').get().n;
    db.backup(process.argv[2]).then(() => { db.close(); process.stdout.write(String(n)); });
  `;
  return Number(execFileSync(process.execPath, ['-e', script, path, copy], { cwd: root, encoding: 'utf8' }));
}

/**
 * A program that wants the ledger to itself (locking_mode=EXCLUSIVE before its first read: no
 * -shm, the WAL read into its own memory, checkpointed and deleted when it closes). While the app
 * holds its lock on the file it is refused; if our process had dropped that lock (a descriptor of
 * the ledger closed by us), it would get the file and delete the WAL under the app. (The sqlite3
 * 3.40 command line tool deletes it by a plain open and close then; the SQLite inside
 * better-sqlite3 also looks at -shm's locks, so this is how a child with it shows the danger.)
 */
function otherProgramWantsItAlone(path: string): string {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    try { db.prepare('SELECT count(*) FROM persons').get(); process.stdout.write('got it'); }
    catch (e) { process.stdout.write(e.code); }
    db.close();
  `;
  return execFileSync(process.execPath, ['-e', script, path], { cwd: root, encoding: 'utf8' });
}

/** openLedger in a worker thread, then closed — what the undo and export workers do. */
function openAndCloseInWorker(path: string): Promise<void> {
  const modulePath = resolve(root, 'src/main/ledger/open.ts');
  const code = `require('tsx/cjs');
    const { workerData, parentPort } = require('node:worker_threads');
    const { openLedger } = require(${JSON.stringify(modulePath)});
    const l = openLedger(workerData.path, { create: false });
    l.db.prepare('SELECT count(*) FROM persons').get();
    l.close();
    parentPort.postMessage('done');`;
  return new Promise((resolveDone, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { path } });
    worker.once('message', () => resolveDone());
    worker.once('error', reject);
    worker.once('exit', (c) => (c === 0 ? resolveDone() : reject(new Error(`worker exit ${c}`))));
  });
}

function addPersons(ledger: Ledger, from: number, count: number): void {
  const db = ledger.db;
  const cohort = (db.prepare('SELECT id FROM cohorts LIMIT 1').get() as { id: number } | undefined)?.id ?? insertCohort(db, 2027, 'spring');
  db.transaction(() => {
    for (let i = from; i < from + count; i++)
      insertPerson(db, { serviceNo: `L${String(i).padStart(7, '0')}`, name: '김철수', cohortId: cohort });
  })();
}

const persons = (ledger: Ledger) => (ledger.db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;

describe('no code of ours drops the locks SQLite holds on the open ledger', () => {
  it('a second connection opened and closed (also in a worker thread) leaves the WAL to the app when another program opens and closes the ledger', async () => {
    const t = tempDir('ledger-locks-');
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'ledger.sqlite');
    const app = openLedger(path);
    cleanups.push(() => app.close());
    // Writes that stay in the WAL (no checkpoint), as in the running app.
    app.db.pragma('wal_autocheckpoint = 0');
    addPersons(app, 0, 200);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    // Exactly as the app: an import's commit connection, then an undo/export worker.
    openSecondConnection(app).close();
    await openAndCloseInWorker(path);

    // Office tools.
    expect(otherProgramWantsItAlone(path)).toBe('SQLITE_BUSY');
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(otherProgramOpensAndCloses(path, join(t.dir, 'copy.sqlite'))).toBe(200);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(existsSync(`${path}-shm`)).toBe(true);

    // The app still reads and writes, and what it writes is really in the ledger.
    expect(persons(app)).toBe(200);
    addPersons(app, 200, 50);
    expect(persons(app)).toBe(250);
    expect(otherProgramOpensAndCloses(path, join(t.dir, 'copy2.sqlite'))).toBe(250);
    app.close();

    const reopened = openLedger(path, { create: false });
    try {
      expect(checkLedger(reopened.db)).toEqual({ ok: true, problems: [] });
      expect(persons(reopened)).toBe(250);
    } finally {
      reopened.close();
    }
  });

  it('the same through the web host with a real import from the wizard', async () => {
    const t = tempDir('ledger-locks-web-');
    cleanups.push(t.cleanup);
    const rendererDir = join(t.dir, 'renderer');
    const path = join(t.dir, 'ledger.sqlite');
    const h = await startWebHost({ dbPath: path, rendererDir });
    let closed = false;
    cleanups.push(() => (closed ? undefined : h.close()));
    const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
      const res = await fetch(`${h.origin}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledger-token': h.token },
        body: JSON.stringify(input),
      });
      const envelope = (await res.json()) as { ok: boolean; value: T; error?: unknown };
      if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
      return envelope.value;
    };
    const settle = async (job: { id: string }) => {
      for (;;) {
        const status = await call<{ state: string; result: unknown; error: unknown }>('getJob', { jobId: job.id });
        if (status.state !== 'running') return status;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const bytes = readFileSync(join(SAMPLES, 'decision-11-fall-clean.xlsx'));
    const { uploadId } = await call<{ uploadId: string }>('beginImportUpload', {
      fileName: 'decision-11-fall-clean.xlsx',
      size: bytes.length,
    });
    await call('appendImportUpload', { uploadId, offset: 0, data: bytes.toString('base64') });
    const file = await call<{ fileId: string }>('finishImportUpload', { uploadId });
    const commit = await settle(await call<{ id: string }>('startImportCommit', { fileId: file.fileId, options: {} }));
    expect(commit.state).toBe('done');
    const imported = (commit.result as { persons: { new: number } }).persons.new;
    expect(imported).toBeGreaterThan(0);
    // Let the background checkpoint worker finish (it opens and closes a connection too).
    await new Promise((r) => setTimeout(r, 500));
    h.ledger.db.pragma('wal_autocheckpoint = 0');

    expect(otherProgramWantsItAlone(path)).toBe('SQLITE_BUSY');
    expect(otherProgramOpensAndCloses(path, join(t.dir, 'copy.sqlite'))).toBe(imported);
    expect(existsSync(`${path}-wal`)).toBe(true);

    // The clerk keeps working: a change through the API lands in the ledger.
    await call('updateSettings', { clerkName: '리영희' });
    const info = await call<{ counts: { persons: number } }>('getInfo');
    expect(info.counts.persons).toBe(imported);
    closed = true;
    await h.close();

    const reopened = openLedger(path, { create: false });
    try {
      expect(checkLedger(reopened.db).ok).toBe(true);
      expect(persons(reopened)).toBe(imported);
      expect(reopened.db.prepare("SELECT value FROM settings WHERE key = 'clerk.name'").get()).toEqual({ value: '리영희' });
    } finally {
      reopened.close();
    }
  }, 60_000);
});

describe('the ledger is never read as something else', () => {
  it('importing the ledger itself (or its -wal) is refused with a sentence before any byte of it is read', async () => {
    const t = tempDir('ledger-locks-import-');
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'ledger.sqlite');
    const app = openLedger(path);
    app.db.pragma('wal_autocheckpoint = 0');
    addPersons(app, 0, 10);
    cleanups.push(() => app.close());
    for (const file of [path, `${path}-wal`]) {
      const run = await runCliCaptured(['import', file, '--db', path], { LEDGER_LANG: 'en' });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is the ledger file itself (or its log)');
    }
    expect(otherProgramWantsItAlone(path)).toBe('SQLITE_BUSY');
  });
});

describe('paths a clerk gives answer within a time limit', () => {
  it('a step that never answers is refused with path_timed_out and its sentence', async () => {
    const never = new Promise<never>(() => undefined);
    const error = await withTimeLimit('/mnt/share/ledger.sqlite', never, 50).then(
      () => null,
      (e: unknown) => e as LedgerError,
    );
    expect(error?.code).toBe('path_timed_out');
    expect(errorSentence(error!.toData(), 'en')).toBe(
      '“/mnt/share/ledger.sqlite” did not answer within 1 s; check the network share or USB stick. Nothing was changed.',
    );
  });
});
