// The import calls through the one API entry point (dispatch), as the window and the web host use
// them: upload in chunks → inspect → dry run → commit → report xlsx → history → undo, all as jobs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ImportHistoryEntry,
  ImportReport,
  ImportUndoResult,
  InspectResult,
  StagedImportFile,
} from '../../src/shared/api/import.contract';
import type { JobStatus } from '../../src/shared/api/jobs';
import type { Result } from '../../src/shared/errors';
import { dispatch } from '../../src/main/api/dispatch';
import { createHandlers } from '../../src/main/api/handlers';
import { desktop, setDesktop } from '../helpers/desktop';
import { JobRegistry } from '../../src/main/jobs/registry';
import { ledgerDigest, writeXlsx, decisionRows, writePersonsCsv } from '../helpers/import';
import { tempLedger } from '../helpers/ledger';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  setDesktop({});
});

function api() {
  const env = tempLedger();
  cleanups.push(env.cleanup);
  const jobs = new JobRegistry(() => undefined);
  const handlers = createHandlers({ ledger: env.ledger, appVersion: 'test', jobs, desktop });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = (await dispatch(handlers, env.ledger, name, input, () => undefined)) as Result<T>;
    if (!result.ok) throw Object.assign(new Error(result.error.message), { data: result.error });
    return result.value;
  };
  const fail = async (name: string, input: unknown) => {
    const result = await dispatch(handlers, env.ledger, name, input, () => undefined);
    if (result.ok) throw new Error(`${name} succeeded`);
    return result.error;
  };
  const settle = async (job: JobStatus): Promise<JobStatus> => jobs.settled(job.id, 10);
  return { env, jobs, call, fail, settle };
}

async function upload(call: ReturnType<typeof api>['call'], path: string, name: string, chunk = 100_000): Promise<StagedImportFile> {
  const bytes = readFileSync(path);
  const { uploadId } = await call<{ uploadId: string }>('beginImportUpload', { fileName: name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    await call('appendImportUpload', { uploadId, offset, data: bytes.subarray(offset, offset + chunk).toString('base64') });
  }
  return call<StagedImportFile>('finishImportUpload', { uploadId });
}

describe('the import API', () => {
  it('uploads in chunks, inspects, dry-runs, commits, saves the report, lists and undoes — each long step a job', async () => {
    const { env, call, settle } = api();
    const before = ledgerDigest(env.ledger.db, { audit: false });
    const file = await upload(call, join(SAMPLES, 'decision-11-spring-ko.xlsx'), 'decision-11-spring-ko.xlsx');
    expect(file).toMatchObject({ fileName: 'decision-11-spring-ko.xlsx', size: 45737 });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);

    const inspect = await settle(await call<JobStatus>('startImportInspect', { fileId: file.fileId }));
    expect(inspect.state).toBe('done');
    const layout = inspect.result as InspectResult;
    expect(layout).toMatchObject({
      format: 'xlsx',
      sheet: '배치명단',
      kind: 'decision',
      headerRow: 4,
      remembered: false,
      missingFields: [],
      alreadyImported: null,
    });
    expect(layout.title).toMatchObject({ decisionNo: 'BMB-2027-014' });
    expect(layout.columns.find((c) => c.letter === 'F')).toMatchObject({ header: '소속부대', field: 'unit', hidden: true });
    expect(layout.columns.find((c) => c.letter === 'B')!.samples.slice(0, 2)).toEqual(['254-16403', '457-95455']);
    expect(layout.preview[0]).toMatchObject({ row: 5 });
    expect(layout.titleRows.map((r) => r.row)).toEqual([1, 2]);

    const dry = await settle(
      await call<JobStatus>('startImportDryRun', { fileId: file.fileId, options: { sheet: '배치명단', headerRow: 4 } }),
    );
    const report = dry.result as ImportReport;
    expect(report).toMatchObject({ dryRun: true, committed: false, rows: { data: 402, valid: 376, invalid: 26, skipped: 8 } });
    expect(report.issuesTotal).toBe(report.issues.length);
    expect(report.countyMatches.find((m) => m.source === '무릉도원군')).toMatchObject({ regionCode: null, how: 'none' });

    const saved = await call<{ fileName: string; data: string }>('exportImportReport', { reportId: report.reportId, language: 'ko' });
    expect(saved.fileName).toBe('decision-11-spring-ko-검사보고서.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(saved.data, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['요약', '문제', '시·군 대조']);
    const problems = book.getWorksheet('문제')!;
    expect(problems.getRow(2).values).toEqual([
      undefined,
      8,
      '825-59702',
      '변성진',
      'O',
      '배치 시,군',
      '오류',
      '«무릉도원군»은(는) 강원도의 시·군으로 대장에 없습니다.',
    ]);
    expect(ledgerDigest(env.ledger.db, { audit: false })).toBe(before);

    const refused = await settle(await call<JobStatus>('startImportCommit', { fileId: file.fileId, options: {} }));
    expect(refused.result).toMatchObject({ committed: false });
    const commit = await settle(await call<JobStatus>('startImportCommit', { fileId: file.fileId, options: {}, skipInvalid: true }));
    expect(commit.state).toBe('done');
    const committed = commit.result as ImportReport;
    expect(committed).toMatchObject({ committed: true, skipInvalid: true, persons: { new: 376 } });
    expect(env.ledger.db.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 376 });

    const history = await call<ImportHistoryEntry[]>('listImports', {});
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      fileName: 'decision-11-spring-ko.xlsx',
      decisionNo: 'BMB-2027-014',
      rowsValid: 376,
      rowsInvalid: 26,
      skippedInvalid: true,
      undone: false,
    });

    const again = await settle(await call<JobStatus>('startImportInspect', { fileId: file.fileId }));
    expect((again.result as InspectResult).alreadyImported).toMatchObject({ decisionFileId: committed.decisionFileId });

    const undo = await settle(await call<JobStatus>('startImportUndo', { decisionFileId: committed.decisionFileId }));
    expect(undo.state).toBe('done');
    expect((undo.result as ImportUndoResult).decisionFileId).toBe(committed.decisionFileId);
    expect(ledgerDigest(env.ledger.db, { audit: false, ignore: [] })).toBe(before);
    expect((await call<ImportHistoryEntry[]>('listImports', {}))[0]).toMatchObject({ undone: true });
    // The undo runs in a worker: a refusal there reaches the clerk with its own code.
    const twice = await settle(await call<JobStatus>('startImportUndo', { decisionFileId: committed.decisionFileId }));
    expect(twice).toMatchObject({ state: 'failed', error: { code: 'import_undo_not_found' } });
  });

  it('refuses a chunk at the wrong offset, an unknown file and a native dialog that is not there', async () => {
    const { call, fail } = api();
    const { uploadId } = await call<{ uploadId: string }>('beginImportUpload', { fileName: 'a.csv', size: 10 });
    expect((await fail('appendImportUpload', { uploadId, offset: 5, data: 'YWJj' })).code).toBe('import_upload_invalid');
    expect((await fail('finishImportUpload', { uploadId })).code).toBe('import_upload_invalid');
    expect((await fail('startImportInspect', { fileId: 'AAAAAAAAAAAAAAAA' })).code).toBe('import_upload_unknown');
    expect((await fail('chooseImportFile', {})).code).toBe('import_dialog_unavailable');
    expect(await call('getImportCapabilities', {})).toMatchObject({ nativeDialog: false, chunkBytes: 4 * 1024 * 1024 });
    expect((await fail('beginImportUpload', { fileName: 'big.xlsx', size: 2 * 1024 * 1024 * 1024 })).code).toBe('invalid_input');
  });

  it('takes a file from the native dialog when the app registers one', async () => {
    const { call } = api();
    setDesktop({ chooseImportFile: async () => join(SAMPLES, 'decision-11-fall-clean.xlsx') });
    expect(await call('getImportCapabilities', {})).toMatchObject({ nativeDialog: true });
    const { file } = await call<{ file: StagedImportFile }>('chooseImportFile', {});
    expect(file).toMatchObject({ fileName: 'decision-11-fall-clean.xlsx', size: 52157 });
    setDesktop({ chooseImportFile: async () => null });
    expect(await call('chooseImportFile', {})).toEqual({ file: null });
  });

  it('lists identity conflicts in the dry run and commits them only for the persons the clerk accepted, recorded with the import', async () => {
    const { env, call, settle } = api();
    const first = await upload(
      call,
      writePersonsCsv(join(env.dir, 'first.csv'), [{ sno: '123-45678', name: '백룡철', sex: '남', birth: '1998.05.08' }]),
      'first.csv',
    );
    expect((await settle(await call<JobStatus>('startImportCommit', { fileId: first.fileId, options: {} }))).result).toMatchObject({
      committed: true,
    });
    const path = writePersonsCsv(join(env.dir, 'second.csv'), [
      { sno: '123-45678', name: '옥금옥', sex: '녀', birth: '2000.04.10', county: '원산시' },
      { sno: '123-40002', name: '정영호', sex: '남', birth: '1999.03.04' },
    ]);
    const file = await upload(call, path, 'second.csv');
    const dry = (await settle(await call<JobStatus>('startImportDryRun', { fileId: file.fileId, options: {} }))).result as ImportReport;
    expect(dry.rows).toEqual({ data: 2, valid: 1, invalid: 1, skipped: 0 });
    expect(dry.identityConflicts).toEqual([
      {
        row: 2,
        column: 'B',
        field: 'serviceNo',
        severity: 'error',
        code: 'identity_conflict',
        details: {
          value: '123-45678',
          ledgerName: '백룡철',
          ledgerSex: 'M',
          ledgerBirth: '1998-05-08',
          name: '옥금옥',
          sex: 'F',
          birth: '2000-04-10',
        },
        serviceNo: '123-45678',
        name: '옥금옥',
      },
    ]);
    const before = ledgerDigest(env.ledger.db);

    // Without the clerk's consent nothing is written; a consent for another number is none.
    const refused = (
      await settle(await call<JobStatus>('startImportCommit', { fileId: file.fileId, options: {}, acceptIdentityChanges: ['999-99999'] }))
    ).result as ImportReport;
    expect(refused).toMatchObject({ committed: false, rows: { valid: 1, invalid: 1 } });
    expect(ledgerDigest(env.ledger.db)).toBe(before);

    const accepted = (
      await settle(await call<JobStatus>('startImportCommit', { fileId: file.fileId, options: {}, acceptIdentityChanges: ['123-45678'] }))
    ).result as ImportReport;
    expect(accepted).toMatchObject({
      committed: true,
      rows: { valid: 2, invalid: 0 },
      persons: { new: 1, updated: 1 },
      placements: { moved: 1 },
    });
    expect(accepted.issues.map((i) => i.code)).toContain('identity_changed');
    const person = env.ledger.db.prepare("SELECT name, sex, birth_date FROM persons WHERE service_no = '123-45678'").get();
    expect(person).toEqual({ name: '옥금옥', sex: 'F', birth_date: '2000-04-10' });
    const consent = env.ledger.db
      .prepare('SELECT value FROM settings WHERE key = ?')
      .pluck()
      .get(`import.identity_changes.${accepted.decisionFileId}`) as string;
    expect(JSON.parse(consent)).toMatchObject([{ serviceNo: '123-45678', from: { name: '백룡철' }, to: { name: '옥금옥' } }]);
    expect(
      env.ledger.db
        .prepare("SELECT count(*) FROM audit_log WHERE operation_id = ? AND entity = 'setting'")
        .pluck()
        .get(accepted.operationId),
    ).toBe(1);

    // Undoing the import takes the change and the record of the consent back.
    expect((await settle(await call<JobStatus>('startImportUndo', { decisionFileId: accepted.decisionFileId }))).state).toBe('done');
    expect(env.ledger.db.prepare("SELECT name FROM persons WHERE service_no = '123-45678'").pluck().get()).toBe('백룡철');
    expect(env.ledger.db.prepare('SELECT count(*) FROM settings WHERE key LIKE ?').pluck().get('import.identity_changes.%')).toBe(0);
  });

  it('lets the window write while a commit only reads the file; refuses at once while it writes', async () => {
    const { env, call, settle, jobs } = api();
    const path = join(env.dir, 'read-then-write.xlsx');
    await writeXlsx(path, { strings: 'inline', sheets: [{ name: '배치명단', rows: () => decisionRows(30_000) }] });
    const file = await upload(call, path, 'read-then-write.xlsx', 4 * 1024 * 1024);
    const job = await call<JobStatus>('startImportCommit', { fileId: file.fileId, options: {} });
    const answers: Record<string, string> = {};
    for (let i = 0; i < 6000 && jobs.get(job.id).state === 'running'; i++) {
      const phase = jobs.get(job.id).progress.phase;
      if ((phase === 'reading' || phase === 'writing') && !answers[phase] && jobs.get(job.id).progress.done > 0) {
        const name = `김${phase === 'reading' ? '읽기' : '쓰기'}`;
        try {
          await call('updateSettings', { clerkName: name });
          answers[phase] = 'ok';
        } catch (error) {
          answers[phase] = (error as { data: { code: string } }).data.code;
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect((await settle(job)).result).toMatchObject({ committed: true });
    expect(answers).toEqual({ reading: 'ok', writing: 'long_write_running' });
  });

  it('cancels a running commit: the job ends cancelled, the ledger is unchanged and stays usable', async () => {
    const { env, call, settle, jobs } = api();
    const path = join(env.dir, 'big.xlsx');
    await writeXlsx(path, { strings: 'inline', sheets: [{ name: '배치명단', rows: () => decisionRows(60_000) }] });
    const before = ledgerDigest(env.ledger.db);
    const file = await upload(call, path, 'big.xlsx', 4 * 1024 * 1024);
    const job = await call<JobStatus>('startImportCommit', { fileId: file.fileId, options: {} });
    // The file is read whole first (no write transaction open), then written: cancel while it writes.
    for (let i = 0; i < 3000; i++) {
      const status = jobs.get(job.id);
      if (status.progress.phase === 'writing' && status.progress.done > 1000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // While it writes, the app's own connection still answers (the event loop is free).
    const started = Date.now();
    expect(await call('getInfo', {})).toMatchObject({ counts: { persons: 0 } });
    expect(Date.now() - started).toBeLessThan(1000);
    await call('cancelJob', { jobId: job.id });
    expect((await settle(job)).state).toBe('cancelled');
    expect(ledgerDigest(env.ledger.db)).toBe(before);
    // Nothing is left locked: the next import commits.
    const small = await upload(call, join(SAMPLES, 'decision-11-fall-clean.xlsx'), 'decision-11-fall-clean.xlsx');
    const done = await settle(await call<JobStatus>('startImportCommit', { fileId: small.fileId, options: {} }));
    expect(done.result).toMatchObject({ committed: true });
  });
});
