// While another process (the CLI) holds the ledger's write lock, the web host — and the app,
// through the same dispatch — keeps answering: the main thread's connection never sleeps in
// SQLite's busy handler; a write that meets the lock is retried asynchronously until the busy
// timeout, then refused with ledger_busy and its sentence.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src/main/web/host';
import { errorSentence } from '../../src/shared/i18n';
import { tempDir } from '../helpers/ledger';

const root = resolve(__dirname, '../..');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function host(busyTimeoutMs: number): Promise<WebHost> {
  const t = tempDir('ledger-busy-');
  cleanups.push(t.cleanup);
  mkdirSync(join(t.dir, 'renderer'));
  const h = await startWebHost({
    dbPath: join(t.dir, 'ledger.sqlite'),
    rendererDir: join(t.dir, 'renderer'),
    openOptions: { busyTimeoutMs },
  });
  cleanups.push(() => h.close());
  return h;
}

/** Another process that takes the write lock (BEGIN IMMEDIATE) and holds it for `ms`. */
async function holdWriteLock(path: string, ms: number): Promise<ChildProcess> {
  const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]);
    db.exec('BEGIN IMMEDIATE'); db.prepare("INSERT INTO settings (key, value) VALUES ('probe', 'x') ON CONFLICT(key) DO UPDATE SET value = 'y'").run();
    process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, path, String(ms)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
  });
  return child;
}

const call = async (h: WebHost, name: string, body: unknown) =>
  (await (
    await fetch(`${h.origin}/api/${name}`, { method: 'POST', headers: { 'x-ledger-token': h.token }, body: JSON.stringify(body) })
  ).json()) as {
    ok: boolean;
    value?: Record<string, unknown>;
    error?: { code: string; message: string; details?: Record<string, string | number | boolean | null> };
  };

describe('the main thread never waits for another process’s write lock', () => {
  it('reads answer at once while a write waits; the write goes through when the lock is released', async () => {
    const h = await host(5000);
    await holdWriteLock(h.ledger.path, 1500);
    const started = Date.now();
    const write = call(h, 'updateSettings', { clerkName: '김정숙' });
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      const info = await call(h, 'getInfo', {});
      latencies.push(Date.now() - t0);
      expect(info.ok).toBe(true);
      const page = await call(h, 'gridQuery', { grid: 'persons', view: {}, start: 0, count: 10 });
      expect(page.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Math.max(...latencies)).toBeLessThan(300);
    const written = await write;
    expect(written.ok).toBe(true);
    expect(written.value).toMatchObject({ clerkName: '김정숙' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200); // it did wait for the lock — asynchronously
  });

  it('a lock held past the busy timeout: ledger_busy with its sentence, nothing written, reads still answered', async () => {
    const h = await host(700);
    const before = (await call(h, 'getSettings', {})).value;
    await holdWriteLock(h.ledger.path, 3000);
    const t0 = Date.now();
    const write = call(h, 'updateSettings', { clerkName: '리영호' });
    const info = await call(h, 'getInfo', {});
    expect(info.ok).toBe(true);
    expect(Date.now() - t0).toBeLessThan(300);
    const refused = await write;
    expect(refused.ok).toBe(false);
    expect(refused.error!.code).toBe('ledger_busy');
    expect(errorSentence(refused.error as never, 'en')).toMatch(/^Another program is writing to the ledger/);
    expect(Date.now() - t0).toBeLessThan(2500);
    expect((await call(h, 'getSettings', {})).value).toEqual(before);
  });
});
