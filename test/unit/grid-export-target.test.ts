// "Export this view" writes only where main decides (src/main/grid/export-target.ts): a file the
// clerk picked in the desktop's save dialog, or — in the web host — the folder the clerk typed and
// a safe file name with the format's extension. A path from the window is refused; a relative
// folder never lands in the process's folder; an existing file is replaced only with consent.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch';
import { createHandlers } from '../../src/main/api/handlers';
import { desktop, setDesktop } from '../helpers/desktop';
import { JobRegistry } from '../../src/main/jobs/registry';
import type { JobStatus } from '../../src/shared/api/jobs';
import { tempLedger } from '../helpers/ledger';
import { buildScenario } from './export-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  setDesktop({});
  while (cleanups.length) cleanups.pop()!();
});

function setup() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  buildScenario(t.ledger.db);
  const jobs = new JobRegistry(() => undefined);
  const handlers = createHandlers({ ledger: t.ledger, appVersion: '9.9.9', jobs, desktop });
  const run = (name: string, input: unknown) => Promise.resolve(dispatch(handlers, t.ledger, name, input, () => undefined));
  const exportView = async (target: Record<string, unknown>) => {
    const result = await run('exportGridView', {
      grid: 'persons',
      view: {},
      columns: ['serviceNo', 'name'],
      format: 'csv',
      language: 'ko',
      ...target,
    });
    if (!result.ok) return { error: result.error.code, details: result.error.details };
    const settled = await jobs.settled((result.value as JobStatus).id);
    return settled.state === 'done' ? { path: (settled.result as { path: string }).path } : { error: settled.error?.code ?? settled.state };
  };
  return { ...t, run, exportView };
}

describe('where "Export this view" writes', () => {
  it('refuses a path from the window and a relative folder; nothing lands in the process’s folder', async () => {
    const { exportView } = setup();
    const before = readdirSync(process.cwd());
    expect(await exportView({ path: 'relative.csv' })).toMatchObject({ error: 'invalid_input' });
    expect(await exportView({ folder: 'relative', fileName: 'x' })).toMatchObject({ error: 'path_not_absolute' });
    expect(await exportView({})).toMatchObject({ error: 'path_not_chosen' });
    expect(readdirSync(process.cwd())).toEqual(before);
  });

  it('web host: the typed folder and a safe name with the right extension; never over a file without consent', async () => {
    const { exportView, dir } = setup();
    const folder = join(dir, 'out');
    const first = await exportView({ folder, fileName: '../../인원:명단.xlsx' });
    expect(first).toEqual({ path: join(folder, '인원_명단.csv') });
    expect(readFileSync(join(folder, '인원_명단.csv'), 'utf8').charCodeAt(0)).toBe(0xfeff);
    writeFileSync(join(folder, 'mine.csv'), 'the clerk’s own file');
    expect(await exportView({ folder, fileName: 'mine' })).toMatchObject({
      error: 'file_exists',
      details: { path: join(folder, 'mine.csv') },
    });
    expect(readFileSync(join(folder, 'mine.csv'), 'utf8')).toBe('the clerk’s own file');
    expect(await exportView({ folder, fileName: 'mine', overwrite: true })).toEqual({ path: join(folder, 'mine.csv') });
    expect(readFileSync(join(folder, 'mine.csv'), 'utf8')).toContain('성명');
    expect(readdirSync(folder).sort()).toEqual(['mine.csv', '인원_명단.csv']);
    expect(await exportView({ folder: '/proc/nope', fileName: 'x' })).toMatchObject({ error: 'path_missing' });
  });

  it('desktop: the save dialog chooses; the id is good for that file only, and consent is the dialog’s', async () => {
    const { exportView, run, dir } = setup();
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'kept.csv'), 'mine');
    let answer: string | null = join(dir, 'docs', 'chosen.csv');
    setDesktop({ chooseSaveFile: async () => answer });
    const picked = (await run('chooseGridExportFile', { format: 'csv', suggestedName: '인원-2027-05-01' })) as {
      ok: true;
      value: { chosenId: string; path: string };
    };
    expect(picked.value.path).toBe(join(dir, 'docs', 'chosen.csv'));
    expect(await exportView({ chosenId: picked.value.chosenId })).toEqual({ path: join(dir, 'docs', 'chosen.csv') });
    expect(await exportView({ chosenId: 'made-up' })).toMatchObject({ error: 'path_not_chosen' });
    // A name without the extension gets it — and then the dialog did not ask about that file.
    answer = join(dir, 'docs', 'kept');
    const extended = (await run('chooseGridExportFile', { format: 'csv', suggestedName: 'x' })) as {
      ok: true;
      value: { chosenId: string; path: string };
    };
    expect(extended.value.path).toBe(join(dir, 'docs', 'kept.csv'));
    expect(await exportView({ chosenId: extended.value.chosenId })).toMatchObject({ error: 'file_exists' });
    expect(readFileSync(join(dir, 'docs', 'kept.csv'), 'utf8')).toBe('mine');
    answer = null;
    expect(((await run('chooseGridExportFile', { format: 'csv', suggestedName: 'x' })) as { value: unknown }).value).toEqual({
      supported: true,
      chosenId: null,
      path: null,
    });
    setDesktop({});
    expect(((await run('chooseGridExportFile', { format: 'csv', suggestedName: 'x' })) as { value: unknown }).value).toEqual({
      supported: false,
      chosenId: null,
      path: null,
    });
    expect(existsSync(join(dir, 'docs', 'x.csv'))).toBe(false);
  });
});

describe('"Export this view" onto a disk that fills up', () => {
  it('says the disk is full and leaves no half-written file', async () => {
    const { run, dir, ledger } = setup();
    const mnt = join(dir, 'small');
    mkdirSync(mnt);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=12k', 'tmpfs', mnt]).status !== 0) return; // no mount here: see user-path.test.ts
    cleanups.push(() => void spawnSync('umount', [mnt]));
    // Rows enough for more than the disk holds (the probe's 4 KiB fits).
    const insert = ledger.db.prepare(
      "INSERT INTO persons (service_no, name, name_sort_key, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')",
    );
    ledger.db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`900-${String(i).padStart(5, '0')}`, `리철${i}`, `k${i}`);
    })();
    const jobs = await run('exportGridView', {
      grid: 'persons',
      view: {},
      columns: ['name'],
      format: 'csv',
      language: 'en',
      folder: mnt,
      fileName: 'all',
    });
    expect(jobs.ok).toBe(true);
    const status = jobs.ok ? (jobs.value as JobStatus) : null;
    let settled = status!;
    for (let i = 0; i < 100 && settled.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      settled = ((await run('getJob', { jobId: status!.id })) as { value: JobStatus }).value;
    }
    expect(settled.state).toBe('failed');
    expect(settled.error?.code).toBe('path_disk_full');
    expect(readdirSync(mnt)).toEqual([]);
  });
});
