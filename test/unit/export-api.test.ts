// The export calls as the window makes them (dispatch → handlers → a job in a worker thread).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportPlan, ExportResult } from '../../src/shared/api/export.contract';
import type { JobStatus } from '../../src/shared/api/jobs';
import { errorSentence } from '../../src/shared/i18n';
import { dispatch } from '../../src/main/api/dispatch';
import { createHandlers } from '../../src/main/api/handlers';
import { desktop, setDesktop } from '../helpers/desktop';
import { JobRegistry } from '../../src/main/jobs/registry';
import { fillLedger } from '../../bench/lib/fill-ledger';
import { tempLedger } from '../helpers/ledger';
import { buildScenario, HOEYANG } from './export-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  setDesktop({});
  while (cleanups.length) cleanups.pop()!();
});

function setup(fill: 'scenario' | number = 'scenario') {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  if (fill === 'scenario') buildScenario(t.ledger.db);
  else fillLedger(t.ledger.db, { persons: fill, seed: 3 });
  const jobs = new JobRegistry(() => undefined);
  const handlers = createHandlers({ ledger: t.ledger, appVersion: '9.9.9', jobs, desktop });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await dispatch(handlers, t.ledger, name, input, () => undefined);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { data: result.error });
    return result.value as T;
  };
  const failure = async (name: string, input: unknown) => {
    const result = await dispatch(handlers, t.ledger, name, input, () => undefined);
    if (result.ok) throw new Error(`${name} succeeded`);
    return result.error;
  };
  return { ...t, jobs, call, failure, out: join(t.dir, '배치명단') };
}

const selection = (folder: string, extra: Record<string, unknown> = {}) => ({ year: 2027, term: 'spring', folder, ...extra });

describe('export API', () => {
  it('lists terms with their persons and the departments with counts; proposes Documents/배치명단', async () => {
    const { call } = setup();
    const defaults = await call<{ folder: string; canChooseFolder: boolean; canOpenFolder: boolean }>('getExportDefaults', {});
    expect(defaults.folder.endsWith('배치명단')).toBe(true);
    expect(defaults).toMatchObject({ canChooseFolder: false, canOpenFolder: false });
    expect(await call('listExportCohorts', {})).toEqual({ cohorts: [{ year: 2027, term: 'spring', persons: 13, departments: 2 }] });
    const list = await call<{
      departments: { code: string; persons: number; allocated: number; unallocated: number; arrived: number }[];
      persons: number;
    }>('listExportDepartments', { year: 2027, term: 'spring' });
    expect(list.persons).toBe(13);
    expect(list.departments.map((d) => [d.code, d.persons, d.allocated, d.unallocated, d.arrived])).toEqual([
      ['kangwon.wonsan-si', 2, 1, 1, 0],
      [HOEYANG, 11, 8, 3, 2],
    ]);
  });

  it('plans the files, says which exist, and runs the export as a job whose result lists them', async () => {
    const { call, failure, jobs, out } = setup();
    const plan = await call<ExportPlan>('planExport', selection(out));
    expect(plan).toMatchObject({ folder: out, folderExists: false, existing: 0, persons: 13 });
    expect(plan.files.map((f) => [f.kind, f.fileName, f.rows, f.exists])).toEqual([
      ['roster', '2027-봄-원산시-배치명단.xlsx', 2, false],
      ['roster', '2027-봄-회양군-배치명단.xlsx', 11, false],
      ['summary', '2027-봄-도종합.xlsx', 2, false],
    ]);
    const started = await call<JobStatus>('startExport', selection(out));
    expect(started).toMatchObject({ kind: 'export', state: 'running' });
    const done = await jobs.settled(started.id);
    expect(done.state).toBe('done');
    expect(done.progress.done).toBe(done.progress.total);
    const result = done.result as ExportResult;
    expect(result.files.map((f) => [f.fileName, f.rows, f.department])).toEqual([
      ['2027-봄-원산시-배치명단.xlsx', 2, '강원도 원산시 로동과'],
      ['2027-봄-회양군-배치명단.xlsx', 11, '강원도 회양군 로동과'],
      ['2027-봄-도종합.xlsx', 2, '도 종합표'],
    ]);
    expect(readdirSync(out).sort()).toEqual(['2027-봄-도종합.xlsx', '2027-봄-원산시-배치명단.xlsx', '2027-봄-회양군-배치명단.xlsx']);
    // Again: every file exists now; starting without consent is refused at once with a sentence.
    const again = await call<ExportPlan>('planExport', selection(out));
    expect(again.existing).toBe(3);
    const refused = await failure('startExport', selection(out));
    expect(refused.code).toBe('export_files_exist');
    expect(errorSentence(refused, 'ko')).toContain('같은 이름의 파일 3개');
    const replaced = await call<JobStatus>('startExport', selection(out, { overwrite: true }));
    expect((await jobs.settled(replaced.id)).state).toBe('done');
  });

  it('validates input and refuses an unknown term or a relative folder with the clerk’s sentence', async () => {
    const { failure, out } = setup();
    expect((await failure('planExport', selection(out, { term: 'winter' }))).code).toBe('invalid_input');
    expect((await failure('planExport', selection(''))).code).toBe('invalid_input');
    const noTerm = await failure('listExportDepartments', { year: 2030, term: 'fall' });
    expect(noTerm.code).toBe('export_no_cohort');
    expect(errorSentence(noTerm, 'ko')).toBe(
      '2030년 가을 제대기별이 배치대장에 없습니다. 다른 기별을 고르거나 먼저 배치결정서를 들여오십시오.',
    );
    expect((await failure('planExport', selection('relative/here'))).code).toBe('path_not_absolute');
  });

  it('Cancel stops the worker and leaves the disk as it was', async () => {
    const { call, jobs, out } = setup(120_000);
    const started = await call<JobStatus>('startExport', selection(out));
    // Wait until rows are being written, then cancel.
    for (;;) {
      const job = jobs.get(started.id);
      if (job.state !== 'running' || (job.progress.phase === 'writing' && job.progress.done > 0)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await call('cancelJob', { jobId: started.id });
    const final = await jobs.settled(started.id);
    expect(final.state).toBe('cancelled');
    // The folder was made for this export and is empty again: it goes too.
    expect(existsSync(out)).toBe(false);
  });

  it('opens only folders an export wrote, through the desktop hook; without one it answers with the path', async () => {
    const { call, jobs, out, dir } = setup();
    const opened: string[] = [];
    const job = await call<JobStatus>('startExport', selection(out, { summary: false }));
    expect((await jobs.settled(job.id)).state).toBe('done');
    expect(await call('openExportFolder', { path: out })).toEqual({ opened: false, path: out });
    expect(await call('chooseExportFolder', {})).toEqual({ path: null, supported: false });
    setDesktop({
      openFolder: async (path) => {
        opened.push(path);
        return '';
      },
      chooseFolder: async () => join(dir, 'picked'),
    });
    expect(await call('getExportDefaults', {})).toMatchObject({ canChooseFolder: true, canOpenFolder: true });
    expect(await call('chooseExportFolder', { current: out })).toEqual({ path: join(dir, 'picked'), supported: true });
    expect(await call('openExportFolder', { path: out })).toEqual({ opened: true, path: out });
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'x.exe'), 'x');
    expect(await call('openExportFolder', { path: join(dir, 'elsewhere') })).toEqual({ opened: false, path: join(dir, 'elsewhere') });
    expect(await call('openExportFolder', { path: join(dir, 'elsewhere', 'x.exe') })).toMatchObject({ opened: false });
    expect(opened).toEqual([out]);
    expect(readFileSync(join(dir, 'elsewhere', 'x.exe'), 'utf8')).toBe('x');
  });
});
