// `npm run -s ledger -- import FILE …`: exit codes 0/1/2/3 and --json as exactly one object with
// exactly the listed keys.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/main/ledger/open';
import { runCliCaptured, tempFolders } from '../helpers/unit';

const root = resolve(__dirname, '../..');
const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const folder = tempFolders('import-cli-');
const cli = runCliCaptured;
/** Only `init` creates a ledger; the import goes into one that exists. */
function newLedger(path: string): string {
  openLedger(path).close();
  return path;
}
const JSON_KEYS = [
  'file',
  'sha256',
  'format',
  'sheet',
  'headerRow',
  'rows',
  'sheets',
  'needs',
  'requests',
  'persons',
  'placements',
  'issues',
  'error',
];

describe('ledger import (CLI)', () => {
  it('prints exactly one JSON object with exactly the listed keys; exit 1 for rows with errors, 0 committed, 3 already imported', async () => {
    const db = newLedger(join(folder(), 'l.sqlite'));
    const file = join(SAMPLES, 'decision-11-fall-en.xlsx');
    const dry = await cli(['import', file, '--db', db, '--dry-run', '--json']);
    expect(dry.code).toBe(1);
    expect(dry.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(dry.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(JSON_KEYS);
    expect(out).toMatchObject({
      file,
      format: 'xlsx',
      sheet: 'Decision',
      headerRow: 1,
      rows: { data: 252, valid: 239, invalid: 13, skipped: 6 },
      persons: { new: 239, updated: 0, unchanged: 0 },
      placements: { new: 239, moved: 0, unchanged: 0 },
    });
    expect(Object.keys(out.rows as object)).toEqual(['data', 'valid', 'invalid', 'skipped']);
    expect(Object.keys(out.persons as object)).toEqual(['new', 'updated', 'unchanged']);
    expect(Object.keys(out.placements as object)).toEqual(['new', 'moved', 'unchanged']);
    const issues = out.issues as Record<string, unknown>[];
    expect(issues).toHaveLength(13);
    expect(issues[0]).toEqual({
      row: 8,
      column: 'B',
      severity: 'error',
      code: 'missing_service_no',
      message: 'The service number is empty.',
    });
    expect(issues.every((i) => Object.keys(i).join() === 'row,column,severity,code,message')).toBe(true);

    const refused = await cli(['import', file, '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).rows.invalid).toBe(13);
    const ledger = openLedger(db);
    expect(ledger.db.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 0 });
    ledger.close();

    const committed = await cli(['import', file, '--db', db, '--skip-invalid', '--json']);
    expect(committed.code).toBe(0);
    const again = await cli(['import', file, '--db', db, '--json']);
    expect(again.code).toBe(3);
    expect(Object.keys(JSON.parse(again.stdout))).toEqual(JSON_KEYS);
    expect(again.stderr).toContain('already been imported');
  });

  it('exits 0 for a clean dry run and a clean commit, in Korean when asked', async () => {
    const db = newLedger(join(folder(), 'l.sqlite'));
    const file = join(SAMPLES, 'decision-11-fall-clean.xlsx');
    expect((await cli(['import', file, '--db', db, '--dry-run'])).code).toBe(0);
    const commit = await cli(['import', file, '--db', db], { LEDGER_LANG: 'ko' });
    expect(commit.code).toBe(0);
    expect(commit.stdout).toContain('들여왔습니다');
    expect(commit.stdout).toContain('인원: 새로 500');
  });

  it('exits 2 with a sentence when the file cannot be read at all, and on bad usage', async () => {
    const dir = folder();
    const db = newLedger(join(dir, 'l.sqlite'));
    writeFileSync(join(dir, 'scan.xlsx'), '%PDF-1.4\n');
    const pdf = await cli(['import', join(dir, 'scan.xlsx'), '--db', db]);
    expect(pdf).toMatchObject({ code: 2, stdout: '' });
    expect(pdf.stderr).toContain('is not an Excel (.xlsx) or CSV file');
    const missing = await cli(['import', join(dir, 'nope.xlsx'), '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot be opened');
    expect((await cli(['import', join(SAMPLES, 'decision-11-fall-clean.xlsx'), '--db', db, '--encoding', 'latin1'])).code).toBe(2);
    expect((await cli(['import', join(SAMPLES, 'decision-11-fall-clean.xlsx'), '--db', db, '--kind', 'persons'])).code).toBe(2);
    expect((await cli(['import', join(SAMPLES, 'decision-11-fall-clean.xlsx'), '--db', db, '--header-row', 'x'])).code).toBe(2);
    expect((await cli(['import', '--db', db])).code).toBe(2);
    const wrongSheet = await cli(['import', join(SAMPLES, 'decision-11-fall-clean.xlsx'), '--db', db, '--sheet', '없는표']);
    expect(wrongSheet.code).toBe(2);
    expect(wrongSheet.stderr).toContain('There is no sheet «없는표». Sheets: 배치명단');
  });

  it('honours --sheet, --header-row, --encoding and --kind, and saves the report with --report', async () => {
    const dir = folder();
    const db = newLedger(join(dir, 'l.sqlite'));
    const two = await cli([
      'import',
      join(SAMPLES, 'decision-11-summer-tworow.xlsx'),
      '--db',
      db,
      '--dry-run',
      '--json',
      '--sheet',
      '배치명단',
      '--header-row',
      '5',
    ]);
    expect(JSON.parse(two.stdout)).toMatchObject({ sheet: '배치명단', headerRow: 5, rows: { valid: 292 } });
    const badRow = await cli(['import', join(SAMPLES, 'decision-11-summer-tworow.xlsx'), '--db', db, '--dry-run', '--header-row', '9']);
    expect(badRow.code).toBe(2);
    expect(badRow.stderr).toContain('Row 9 is not a header');
    const cp949 = await cli([
      'import',
      join(SAMPLES, 'decision-11-summer-cp949.csv'),
      '--db',
      db,
      '--dry-run',
      '--json',
      '--encoding',
      'cp949',
    ]);
    expect(JSON.parse(cp949.stdout)).toMatchObject({ format: 'csv', sheet: null, headerRow: 1, rows: { valid: 190 } });
    const forced = await cli(['import', join(SAMPLES, 'decision-11-summer-cp949.csv'), '--db', db, '--dry-run', '--encoding', 'utf8']);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain('cannot be read as UTF8');
    const report = join(dir, 'report.xlsx');
    const requests = await cli([
      'import',
      join(SAMPLES, 'county-requests-11.xlsx'),
      '--db',
      db,
      '--kind',
      'requests',
      '--skip-invalid',
      '--json',
      '--report',
      report,
    ]);
    expect(requests.code).toBe(0);
    expect(JSON.parse(requests.stdout)).toMatchObject({
      rows: { data: 102, valid: 102, invalid: 0 },
      requests: { new: 102 },
      persons: { new: 0 },
    });
    expect(existsSync(report)).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(report);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Summary', 'Problems', 'Cities and counties']);
    expect(book.getWorksheet('Problems')!.rowCount).toBe(5);
  });

  it('reads every sheet of a per-county workbook, asks for --year once, and takes --term, --sheet and --skip-sheet', async () => {
    const db = newLedger(join(folder(), 'l.sqlite'));
    const file = join(SAMPLES, 'county-requests-12-per-sheet.xlsx');
    const ask = await cli(['import', file, '--db', db, '--dry-run']);
    expect(ask.code).toBe(1);
    const lines = ask.stdout.split('\n');
    expect(lines.filter((l) => l.includes('--year'))).toEqual([
      'The file does not state the year (rows waiting for it: 97). Give it with --year YYYY.',
    ]);
    expect(lines).toContain('Sheets read: 17');
    expect(lines).toContain('  «평강군» (Pyonggang-gun): Data rows 9, Valid 0, With errors 9');
    const ko = await cli(['import', file, '--db', db, '--dry-run'], { LEDGER_LANG: 'ko' });
    expect(ko.stdout).toContain('파일에 년도가 없어 97행을 들여올 수 없습니다. --year YYYY로 년도를 주십시오.');
    const given = await cli(['import', file, '--db', db, '--dry-run', '--json', '--year', '2027']);
    const out = JSON.parse(given.stdout) as {
      rows: unknown;
      needs: unknown;
      sheets: { name: string; data: number }[];
      issues: { sheet: string; row: number; code: string }[];
    };
    expect(out).toMatchObject({ rows: { data: 97, valid: 96, invalid: 1 }, needs: { year: 0, term: 0 } });
    expect(out.sheets).toHaveLength(17);
    expect(out.issues.filter((i) => i.code === 'duplicate_request').map((i) => [i.sheet, i.row])).toEqual([['평강군', 10]]);
    const some = JSON.parse(
      (await cli(['import', file, '--db', db, '--dry-run', '--json', '--year', '2027', '--sheet', '원산시', '--sheet', '철원군'])).stdout,
    ) as typeof out;
    expect(some.rows).toMatchObject({ data: 6, valid: 6 });
    const skipped = JSON.parse(
      (await cli(['import', file, '--db', db, '--dry-run', '--json', '--year', '2027', '--skip-sheet', '평강군'])).stdout,
    ) as typeof out;
    expect(skipped.rows).toMatchObject({ data: 88, valid: 88, invalid: 0 });
    // --term gives rows without a term theirs; a term the row states stays.
    const dir = folder();
    const noTerm = join(dir, 'no-term.xlsx');
    const book = new ExcelJS.Workbook();
    book
      .addWorksheet('로력요구')
      .addRows([['2027년 로력요구'], ['번호', '시,군', '작업장', '부문', '요구인원'], [1, '원산시', '원산 가구공장', '지방공업공장', 5]]);
    await book.xlsx.writeFile(noTerm);
    const termless = await cli(['import', noTerm, '--db', db, '--dry-run']);
    expect(termless.stdout).toContain('Rows without a term: 1. Give it with --term spring|summer|fall.');
    const withTerm = JSON.parse((await cli(['import', noTerm, '--db', db, '--json', '--term', 'fall'])).stdout) as {
      rows: unknown;
      requests: unknown;
    };
    expect(withTerm).toMatchObject({ rows: { valid: 1 }, requests: { new: 1 } });
    expect(openLedgerTerms(db)).toEqual([{ year: 2027, term: 'fall' }]);
    for (const bad of [
      ['--year', '27'],
      ['--term', 'winter'],
    ]) {
      const r = await cli(['import', file, '--db', db, '--dry-run', ...bad]);
      expect(r.code).toBe(2);
    }
  });

  it('runs as `npm run -s ledger -- import FILE --db PATH --json`', () => {
    const db = newLedger(join(folder(), 'l.sqlite'));
    const result = spawnSync(
      'npm',
      ['run', '-s', 'ledger', '--', 'import', join(SAMPLES, 'decision-11-spring-utf8.csv'), '--db', db, '--json', '--skip-invalid'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { rows: unknown; format: string };
    expect(out).toMatchObject({ format: 'csv', rows: { data: 202, valid: 192, invalid: 10, skipped: 1 } });
  });
});

function openLedgerTerms(path: string): unknown[] {
  const l = openLedger(path);
  try {
    return l.db.prepare('SELECT year, term FROM cohorts ORDER BY id').all();
  } finally {
    l.close();
  }
}
