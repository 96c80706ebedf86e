// Uploads in the web host (src/main/import/staging.ts): begun uploads are limited and time out,
// each with its descriptor and temp file; the folder goes when the host stops, and folders of
// processes killed without stopping are swept at the next start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportStaging, MAX_OPEN_UPLOADS } from '../../src/main/import/staging';
import { startWebHost } from '../../src/main/web/host';
import { type LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { tempDir } from '../helpers/ledger';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const openFds = () => readdirSync('/proc/self/fd').length;
const uploadFiles = (root: string) =>
  readdirSync(root).flatMap((d) => (d.startsWith('placement-ledger-import-') ? readdirSync(join(root, d)) : []));

function staging(options: ConstructorParameters<typeof ImportStaging>[0] = {}) {
  const t = tempDir('ledger-staging-');
  const s = new ImportStaging({ root: t.dir, ...options });
  cleanups.push(
    () => t.cleanup(),
    () => s.dispose(),
  );
  return { s, root: t.dir };
}

describe('upload staging', () => {
  it('3,000 begun and abandoned uploads keep at most MAX_OPEN_UPLOADS descriptors and temp files', async () => {
    const { s, root } = staging();
    const before = openFds();
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) ids.push(await s.begin(`f${i}.xlsx`, 1000));
    await new Promise((r) => setTimeout(r, 50)); // dropped handles close asynchronously
    expect(s.openUploads()).toBe(MAX_OPEN_UPLOADS);
    expect(openFds() - before).toBeLessThanOrEqual(MAX_OPEN_UPLOADS + 2);
    expect(uploadFiles(root).length).toBe(MAX_OPEN_UPLOADS);
    // The newest go on; a dropped one says so.
    expect(await s.append(ids.at(-1)!, 0, Buffer.from('abc').toString('base64'))).toBe(3);
    const dropped = await s.append(ids[0]!, 0, 'AA==').catch((e: unknown) => e);
    expect((dropped as LedgerError).code).toBe('import_upload_unknown');
  });

  it('an upload without a chunk for the idle time is dropped with its file and descriptor', async () => {
    const { s, root } = staging({ idleMs: 150 });
    const before = openFds();
    const id = await s.begin('slow.xlsx', 10);
    expect(uploadFiles(root)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(s.openUploads()).toBe(0);
    expect(uploadFiles(root)).toHaveLength(0);
    expect(openFds()).toBe(before);
    expect(((await s.append(id, 0, 'AA==').catch((e: unknown) => e)) as LedgerError).code).toBe('import_upload_unknown');
  });

  it('a chunk past the declared size says so (it said "chunk at 0, expected 0")', async () => {
    const { s } = staging();
    const id = await s.begin('grown.xlsx', 2);
    const error = (await s.append(id, 0, Buffer.from('abcd').toString('base64')).catch((e: unknown) => e)) as LedgerError;
    expect(error.code).toBe('import_upload_too_long');
    expect(error.message).toBe('grown.xlsx: a chunk of 4 bytes at 0 goes past the declared size of 2 bytes');
    expect(errorSentence(error.toData(), 'en')).toBe(
      '“grown.xlsx” is larger than the size given when its upload began (2 bytes); it may have changed meanwhile. Choose the file again.',
    );
    const wrongPlace = (await (async () => {
      const other = await s.begin('x.xlsx', 10);
      return s.append(other, 5, 'AA==').catch((e: unknown) => e);
    })()) as LedgerError;
    expect(wrongPlace.message).toBe('x.xlsx: chunk at 5, expected 0');
  });

  it('sweeps the folders of ended processes at the next start (before any upload), never a live one or another name', async () => {
    const t = tempDir('ledger-staging-sweep-');
    cleanups.push(t.cleanup);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = join(t.dir, `placement-ledger-import-${dead}-0a1b2c3d`);
    mkdirSync(stale);
    writeFileSync(join(stale, 'x.upload'), 'decision file bytes');
    const live = join(t.dir, `placement-ledger-import-${process.ppid}-0a1b2c3d`);
    mkdirSync(live);
    const other = join(t.dir, 'placement-ledger-import-notes');
    mkdirSync(other);
    const s = new ImportStaging({ root: t.dir }); // the app or web host starting
    cleanups.push(() => s.dispose());
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });

  it('the web host removes its uploads when it stops', async () => {
    const t = tempDir('ledger-staging-web-');
    cleanups.push(t.cleanup);
    mkdirSync(join(t.dir, 'renderer'));
    const mine = () => new Set(readdirSync(tmpdir()).filter((d) => d.startsWith(`placement-ledger-import-${process.pid}-`)));
    const before = mine();
    const host = await startWebHost({ dbPath: join(t.dir, 'ledger.sqlite'), rendererDir: join(t.dir, 'renderer') });
    const post = async (name: string, body: unknown) =>
      (await (
        await fetch(`${host.origin}/api/${name}`, { method: 'POST', headers: { 'x-ledger-token': host.token }, body: JSON.stringify(body) })
      ).json()) as {
        ok: boolean;
        value: Record<string, unknown>;
      };
    const begun = await post('beginImportUpload', { fileName: 'a.csv', size: 3 });
    expect(begun.ok).toBe(true);
    await post('appendImportUpload', { uploadId: begun.value.uploadId, offset: 0, data: Buffer.from('a,b').toString('base64') });
    expect((await post('finishImportUpload', { uploadId: begun.value.uploadId })).ok).toBe(true);
    await post('beginImportUpload', { fileName: 'b.csv', size: 3 }); // left unfinished
    const during = [...mine()].filter((d) => !before.has(d));
    expect(during).toHaveLength(1);
    expect(readdirSync(join(tmpdir(), during[0]!))).toHaveLength(2);
    await host.close();
    expect(existsSync(join(tmpdir(), during[0]!))).toBe(false);
  });
});
