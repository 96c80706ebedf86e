// Committing an import: one transaction, persons upserted by service number with every change in
// the audit log under one operation, cohorts and placements, the decision file recorded, the same
// file twice changing nothing, a backup first, skip-invalid recorded, undo of the whole import.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { undo, redo } from '../../src/main/audit/undo';
import { beginOperation, recordUpdate } from '../../src/main/audit/operations';
import { checkLedger } from '../../src/main/check/check';
import { inspectImport } from '../../src/main/import/service';
import { sha256File } from '../../src/main/import/staging';
import { listImportHistory } from '../../src/main/import/history';
import { undoImport } from '../../src/main/import/undo';
import { importOptionsSchema } from '../../src/shared/api/import.contract';
import { gridViewSchema } from '../../src/shared/api/grid.contract';
import { displayCell } from '../../src/shared/grid-display';
import { columnOf } from '../../src/shared/grids';
import { queryPage } from '../../src/main/grid/query';
import { importFile, ledgerDigest, ledgerRows, writeXlsx, type CellIn } from '../helpers/import';
import { tempLedger } from '../helpers/ledger';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function ledger() {
  const env = tempLedger();
  cleanups.push(env.cleanup);
  return env;
}

const HEADER = [
  '번호',
  '군번',
  '성명',
  '성별',
  '생년월일',
  '군사칭호',
  '제대날자',
  '제대시기',
  '고향(도)',
  '배치 도',
  '배치 시,군',
  '배치부문',
  '비고',
];
function person(n: number, patch: Partial<Record<'rank' | 'county' | 'sector' | 'name' | 'notes', string>> = {}): CellIn[] {
  return [
    n,
    `700-1000${n}`,
    patch.name ?? `리철${'진수남'[n % 3]}`,
    n % 2 ? '남' : '녀',
    '2001.05.0' + ((n % 9) + 1),
    patch.rank ?? '하사',
    '2027.04.20',
    '봄',
    '강원도',
    '강원도',
    patch.county ?? '회양군',
    patch.sector ?? '지방공업공장',
    patch.notes ?? '',
  ];
}
async function decisionFile(dir: string, name: string, rows: CellIn[][], title: CellIn[][] = []): Promise<string> {
  const path = join(dir, name);
  await writeXlsx(path, { strings: 'shared', sheets: [{ name: '배치명단', rows: () => [...title, HEADER, ...rows] }] });
  return path;
}

describe('committing a decision file', () => {
  it('writes persons, placements, the cohort and the decision file in one operation, after a backup', async () => {
    const { ledger: l, dir } = ledger();
    const path = join(SAMPLES, 'decision-11-fall-clean.xlsx');
    const { report } = await importFile(l, path);
    expect(report).toMatchObject({
      committed: true,
      rows: { data: 500, valid: 500, invalid: 0, skipped: 0 },
      persons: { new: 500, updated: 0, unchanged: 0 },
      placements: { new: 500, moved: 0, unchanged: 0 },
      cohorts: [{ year: 2027, term: 'fall', rows: 500, isNew: true }],
    });
    const db = l.db;
    const first = db.prepare("SELECT * FROM persons WHERE service_no = '463-88479'").get() as Record<string, unknown>;
    expect(first).toMatchObject({
      name: '염충성',
      sex: 'M',
      birth_date: '2001-02-25',
      discharge_date: '2027-10-14',
      home_province: 'south_hwanghae',
      home_county: '해주시',
      unit: '조선인민군 제5435군부대',
      rank: '하사',
      skill: '선반공',
      education: '고급중학교',
      notes: null,
    });
    const placement = db
      .prepare(
        `SELECT r.code, p.sector, p.status, c.year, c.term, d.file_name FROM placements p JOIN regions r ON r.id = p.dest_county_id
           JOIN cohorts c ON c.id = p.cohort_id JOIN decision_files d ON d.id = p.decision_file_id WHERE p.person_id = ?`,
      )
      .get(first.id);
    expect(placement).toEqual({
      code: 'kangwon.kimhwa-gun',
      sector: 'local_factory',
      status: 'decided',
      year: 2027,
      term: 'fall',
      file_name: 'decision-11-fall-clean.xlsx',
    });
    const file = db.prepare('SELECT * FROM decision_files').get() as Record<string, unknown>;
    expect(file).toMatchObject({
      file_name: 'decision-11-fall-clean.xlsx',
      sha256: await sha256File(path),
      kind: 'decision',
      rows_data: 500,
      rows_valid: 500,
      rows_invalid: 0,
      rows_skipped: 0,
      persons_new: 500,
      persons_updated: 0,
      placements_new: 500,
      placements_moved: 0,
      skipped_invalid: 0,
    });
    // One operation; the few rows it created one by one recorded whole, its persons and
    // placements by their ids ('+*': every id from entity_id to new_value), each covered once.
    expect(db.prepare('SELECT kind, count(*) AS n FROM operations GROUP BY kind').all()).toEqual([{ kind: 'import', n: 1 }]);
    expect(
      db.prepare("SELECT entity, field, count(*) AS n FROM audit_log WHERE field = '+' GROUP BY entity ORDER BY entity").all(),
    ).toEqual([
      { entity: 'cohort', field: '+', n: 1 },
      { entity: 'decision_file', field: '+', n: 1 },
    ]);
    for (const [entity, table] of [
      ['person', 'persons'],
      ['placement', 'placements'],
    ] as const) {
      const ranges = db
        .prepare(
          "SELECT entity_id AS first, CAST(new_value AS INTEGER) AS last FROM audit_log WHERE field = '+*' AND entity = ? ORDER BY entity_id",
        )
        .all(entity) as { first: number; last: number }[];
      const covered = ranges.flatMap((r) => Array.from({ length: r.last - r.first + 1 }, (_, k) => r.first + k));
      expect(covered).toEqual(db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all());
    }
    expect(first.id).toBeGreaterThan(0);
    // The backup was made before anything was written.
    expect(report.backupPath).toMatch(/backups\/ledger-before-import-.*\.sqlite$/);
    const backup = new Database(report.backupPath!, { readonly: true });
    expect(backup.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 0 });
    backup.close();
    expect(report.backupPath!.startsWith(dir)).toBe(true);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
  });

  it('detects the same file by its SHA-256 and changes nothing the second time', async () => {
    const { ledger: l } = ledger();
    const path = join(SAMPLES, 'decision-11-spring-utf8.csv');
    await importFile(l, path, { skipInvalid: true });
    const before = ledgerDigest(l.db);
    const again = await importFile(l, path, { skipInvalid: true });
    expect(again.report.alreadyImported).toMatchObject({
      fileName: 'decision-11-spring-utf8.csv',
      rowsValid: 192,
      rowsInvalid: 10,
      skippedInvalid: true,
    });
    expect(again.report.committed).toBe(false);
    expect(ledgerDigest(l.db)).toBe(before);
  });

  it('commits nothing when rows have errors, unless the clerk leaves them out — and records that choice', async () => {
    const { ledger: l } = ledger();
    const path = join(SAMPLES, 'decision-11-fall-en.xlsx');
    const before = ledgerDigest(l.db);
    const refused = await importFile(l, path);
    expect(refused.report).toMatchObject({ committed: false, rows: { data: 252, valid: 239, invalid: 13, skipped: 6 } });
    expect(ledgerDigest(l.db)).toBe(before);
    const { report } = await importFile(l, path, { skipInvalid: true });
    expect(report.committed).toBe(true);
    expect(l.db.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 239 });
    expect(l.db.prepare('SELECT rows_valid, rows_invalid, rows_skipped, skipped_invalid FROM decision_files').get()).toEqual({
      rows_valid: 239,
      rows_invalid: 13,
      rows_skipped: 6,
      skipped_invalid: 1,
    });
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => i.row)).toEqual([
      8, 107, 111, 123, 132, 141, 142, 143, 172, 182, 215, 255, 256,
    ]);
  });

  it('updates persons of an amended decision, moves placements, and audits every changed field under one operation', async () => {
    const { ledger: l, dir } = ledger();
    const first = await decisionFile(
      dir,
      'first.xlsx',
      [person(1), person(2), person(3)],
      [['결정번호: BMB-2027-014'], ['결정일자: 2027.03.01']],
    );
    await importFile(l, first);
    const amended = await decisionFile(
      dir,
      'amended.xlsx',
      [person(1, { rank: '중사' }), person(2, { county: 'Pyonggang' }), person(3), person(4)],
      [['결정번호: BMB-2027-014-1']],
    );
    const dry = await importFile(l, amended, { mode: 'dry' });
    const { report } = await importFile(l, amended);
    for (const r of [dry.report, report]) {
      expect([r.persons, r.placements]).toEqual([
        { new: 1, updated: 1, unchanged: 2 },
        { new: 1, moved: 1, unchanged: 2 },
      ]);
    }
    expect(report.issues.map((i) => [i.row, i.code, i.details.from ?? i.details.fields ?? null, i.details.to ?? null])).toEqual([
      [3, 'person_amended', 'rank', null],
      [4, 'placement_moved', '회양군', '평강군'],
    ]);
    const op = l.db.prepare("SELECT id FROM operations WHERE kind = 'import' ORDER BY id DESC LIMIT 1").pluck().get() as number;
    const changes = l.db
      .prepare(
        `SELECT entity, field, old_value, new_value FROM audit_log WHERE operation_id = ? AND field NOT IN ('+', '-', '+*') AND entity <> 'decision_file' ORDER BY id`,
      )
      .all(op) as { entity: string; field: string; old_value: string; new_value: string }[];
    const fileIds = l.db.prepare('SELECT id FROM decision_files ORDER BY id').pluck().all() as number[];
    const county = (code: string) => String(l.db.prepare('SELECT id FROM regions WHERE code = ?').pluck().get(code));
    expect(changes).toEqual([
      { entity: 'person', field: 'rank', old_value: '하사', new_value: '중사' },
      {
        entity: 'placement',
        field: 'dest_county_id',
        old_value: county('kangwon.hoeyang-gun'),
        new_value: county('kangwon.pyonggang-gun'),
      },
      { entity: 'placement', field: 'decision_file_id', old_value: String(fileIds[0]), new_value: String(fileIds[1]) },
    ]);
    expect(l.db.prepare('SELECT decision_no FROM decision_files ORDER BY id').pluck().all()).toEqual(['BMB-2027-014', 'BMB-2027-014-1']);
    expect(l.db.prepare('SELECT DISTINCT decided_on FROM placements ORDER BY 1').pluck().all()).toEqual([null, '2027-03-01']);
    expect(checkLedger(l.db).ok).toBe(true);
  });

  it('reports a person placed by an earlier decision of another term', async () => {
    const { ledger: l, dir } = ledger();
    await importFile(l, await decisionFile(dir, 'spring.xlsx', [person(1)]));
    const fall = person(1);
    fall[6] = '2027.10.01';
    fall[7] = '가을';
    const { report } = await importFile(l, await decisionFile(dir, 'fall.xlsx', [fall]), { mode: 'dry' });
    expect(
      report.issues.map((i) => [i.code, i.details.fields ?? i.details.year, i.details.term ?? null, i.details.county ?? null]),
    ).toEqual([
      ['person_amended', 'discharge_date', null, null],
      ['placed_other_term', 2027, 'spring', '회양군'],
    ]);
    expect(report.placements).toEqual({ new: 1, moved: 0, unchanged: 0 });
    expect(report.persons).toEqual({ new: 0, updated: 1, unchanged: 0 });
  });
});

describe('undoing an import', () => {
  it('takes back the whole import as one operation, so the ledger is as before and the file can come again', async () => {
    const { ledger: l, dir } = ledger();
    await importFile(l, await decisionFile(dir, 'base.xlsx', [person(1), person(2)]));
    // The rows' values come back; their versions only ever move on (a stale copy stays stale).
    const beforeRows = ledgerRows(l.db, ['updated_at', 'version']);
    const amended = await decisionFile(dir, 'amended.xlsx', [
      person(1, { rank: '상사', name: '리철호' }),
      person(2, { county: 'Cholwon' }),
      person(5),
      person(6),
    ]);
    const { report } = await importFile(l, amended);
    expect(report.committed).toBe(true);
    const result = undoImport(l.db, report.decisionFileId!, '김영호');
    expect(result.entriesReverted).toBeGreaterThan(0);
    expect(ledgerRows(l.db, ['updated_at', 'version'])).toEqual(beforeRows);
    expect(l.db.prepare("SELECT version FROM persons WHERE service_no = '700-10001'").pluck().get()).toBeGreaterThan(2);
    expect(l.db.prepare("SELECT name, rank FROM persons WHERE service_no = '700-10001'").get()).toEqual({ name: '리철수', rank: '하사' });
    expect(l.db.prepare('SELECT kind, undone, reverts_operation_id IS NOT NULL AS reverts FROM operations ORDER BY id').all()).toEqual([
      { kind: 'import', undone: 0, reverts: 0 },
      { kind: 'import', undone: 1, reverts: 0 },
      { kind: 'undo', undone: 0, reverts: 1 },
    ]);
    expect(checkLedger(l.db)).toEqual({ ok: true, problems: [] });
    const history = listImportHistory(l.db, 10);
    expect(history.map((h) => [h.fileName, h.undone])).toEqual([
      ['amended.xlsx', true],
      ['base.xlsx', false],
    ]);
    expect(() => undoImport(l.db, report.decisionFileId!, '김영호')).toThrow(expect.objectContaining({ code: 'import_undo_not_found' }));
    const again = await importFile(l, amended);
    expect(again.report.committed).toBe(true);
  });

  it('refuses to undo an import whose rows a later change touched, and changes nothing', async () => {
    const { ledger: l, dir } = ledger();
    const { report } = await importFile(l, await decisionFile(dir, 'a.xlsx', [person(1), person(2)]));
    const id = l.db.prepare("SELECT id FROM persons WHERE service_no = '700-10002'").pluck().get() as number;
    l.db.transaction(() => {
      const op = beginOperation(l.db, 'edit', '김영호');
      l.db.prepare("UPDATE persons SET rank = '상사' WHERE id = ?").run(id);
      recordUpdate(op, 'person', id, { rank: '하사' }, { rank: '상사' });
    })();
    const before = ledgerDigest(l.db);
    expect(() => undoImport(l.db, report.decisionFileId!, '김영호')).toThrow(expect.objectContaining({ code: 'import_undo_conflict' }));
    expect(ledgerDigest(l.db)).toBe(before);
  });

  it('follows the audit convention, so the grid’s undo and redo take back and bring back an import too', async () => {
    const { ledger: l, dir } = ledger();
    const empty = ledgerRows(l.db);
    await importFile(l, await decisionFile(dir, 'a.xlsx', [person(1), person(2), person(3)]));
    const imported = ledgerRows(l.db, ['updated_at']);
    undo(l.db, '김영호');
    expect(ledgerRows(l.db)).toEqual(empty);
    redo(l.db, '김영호');
    expect(ledgerRows(l.db, ['updated_at'])).toEqual(imported);
    expect(checkLedger(l.db).ok).toBe(true);
  });
});

describe('rows an import creates, audited by their ids', () => {
  it('keeps one entry per run of ids across batches; history finds a person in it; undo, redo and undo again restore each state', async () => {
    const { ledger: l, dir } = ledger();
    const db = l.db;
    const empty = ledgerRows(db);
    const rows = Array.from({ length: 4500 }, (_, k) => person(k + 10));
    const { report } = await importFile(l, await decisionFile(dir, 'big.xlsx', rows));
    expect(report).toMatchObject({ committed: true, persons: { new: 4500 }, placements: { new: 4500 } });
    const imported = ledgerRows(db, ['updated_at']);
    // The name index, built once after loading into an empty table, is there and whole.
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'persons_name_sort'").pluck().get()).toMatch(
      /ON persons\(name_sort_key, id\)/,
    );
    expect(db.prepare("SELECT count(*) FROM persons INDEXED BY persons_name_sort WHERE name_sort_key > ''").pluck().get()).toBe(4500);
    // Read in several batches, yet one entry per entity: each batch's ids continue the last.
    expect(db.prepare("SELECT entity, entity_id, new_value FROM audit_log WHERE field = '+*' ORDER BY id").all()).toEqual([
      { entity: 'person', entity_id: 1, new_value: '4500' },
      { entity: 'placement', entity_id: 1, new_value: '4500' },
    ]);

    // A person's own history shows the import that created them and their placement.
    const personId = db.prepare("SELECT id FROM persons WHERE service_no = '700-10002000'").pluck().get() as number;
    const own = queryPage(db, 'history', gridViewSchema.parse({ personId }), 0, 50).rows;
    expect(own.map((r) => [r.operation, r.entity, r.field, r.new_value])).toEqual([
      ['import', 'placement', '+*', 4500],
      ['import', 'person', '+*', 4500],
    ]);
    expect(
      queryPage(db, 'history', gridViewSchema.parse({ search: '700-100020' }), 0, 50).rows.filter((r) => r.field === '+*'),
    ).toHaveLength(2);
    expect(queryPage(db, 'history', gridViewSchema.parse({ search: '없는이름' }), 0, 50).rowCount).toBe(0);
    const field = columnOf('history', 'field')!;
    const count = columnOf('history', 'new_value')!;
    expect(displayCell('history', field, '+*', 'ko', null, own[1])).toBe('여러 행 추가');
    expect(displayCell('history', count, own[1]!.new_value, 'ko', null, own[1])).toBe('4,500행');
    expect(displayCell('history', count, own[1]!.new_value, 'en', null, own[1])).toBe('4,500 rows');
    expect(own[1]!.subject).toBe('700-100010 리철수 … 700-10004509 리철진');

    undo(db, '김영호');
    expect(ledgerRows(db)).toEqual(empty);
    // The undo kept every row it deleted, whole: that is what a redo brings back.
    expect(
      db
        .prepare("SELECT count(*) FROM audit_log a JOIN operations o ON o.id = a.operation_id WHERE o.kind = 'undo' AND a.field = '-'")
        .pluck()
        .get(),
    ).toBe(9002);
    redo(db, '김영호');
    expect(ledgerRows(db, ['updated_at'])).toEqual(imported);
    undo(db, '김영호');
    expect(ledgerRows(db)).toEqual(empty);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
  });
});

describe('county request sheets', () => {
  it('imports the combined sheet into county_requests, one cohort per term, and updates an amended request', async () => {
    const { ledger: l, dir } = ledger();
    const { report } = await importFile(l, join(SAMPLES, 'county-requests-11.xlsx'), { skipInvalid: true });
    expect(report).toMatchObject({
      kind: 'requests',
      committed: true,
      rows: { data: 102, valid: 102, invalid: 0 },
      requests: { new: 102, updated: 0, unchanged: 0 },
    });
    expect(
      l.db
        .prepare(
          'SELECT c.year, c.term, count(*) AS n FROM county_requests q JOIN cohorts c ON c.id = q.cohort_id GROUP BY c.id ORDER BY c.term',
        )
        .all(),
    ).toEqual([
      { year: 2027, term: 'fall', n: expect.any(Number) },
      { year: 2027, term: 'spring', n: expect.any(Number) },
      { year: 2027, term: 'summer', n: expect.any(Number) },
    ]);
    expect(
      l.db
        .prepare(
          `SELECT r.name_ko, q.workplace, q.sector, q.headcount, q.skills_wanted, q.priority, q.housing_provided, q.dev_20x10, q.notes
             FROM county_requests q JOIN regions r ON r.id = q.county_id WHERE q.workplace = '고성 일용품공장' ORDER BY q.id`,
        )
        .get(),
    ).toEqual({
      name_ko: '고성군',
      workplace: '고성 일용품공장',
      sector: 'local_factory',
      headcount: 49,
      skills_wanted: '미장공, 목수',
      priority: 1,
      housing_provided: 1,
      dev_20x10: 1,
      notes: '20×10 대상',
    });
    expect(l.db.prepare('SELECT kind, skipped_invalid FROM decision_files').get()).toEqual({ kind: 'requests', skipped_invalid: 0 });
    // An amended sheet: one request with another headcount.
    const amended = join(dir, 'amended-requests.xlsx');
    await writeXlsx(amended, {
      strings: 'shared',
      sheets: [
        {
          name: '로력요구',
          rows: () => [
            ['2027년 로력요구 (수정)'],
            ['번호', '시,군', '작업장', '부문', '요구인원', '요구기술', '시기', '우선순위', '살림집보장', '비고'],
            [1, '원산시', '원산 가구공장', '지방공업공장', 20, '전기공', '여름', 3, '보장', ''],
          ],
        },
      ],
    });
    const again = await importFile(l, amended);
    expect(again.report.requests).toEqual({ new: 0, updated: 1, unchanged: 0 });
    expect(again.report.issues.map((i) => [i.code, i.details.fields])).toEqual([['request_amended', 'headcount']]);
    expect(checkLedger(l.db).ok).toBe(true);
  });

  it('imports one sheet per city/county, named after it, past a cover sheet', async () => {
    const { ledger: l, dir } = ledger();
    const path = join(dir, 'per-county.xlsx');
    const header = ['번호', '작업장', '부문', '요구인원', '요구기술', '시기', '우선순위', '살림집보장', '비고'];
    await writeXlsx(path, {
      strings: 'inline',
      sheets: [
        { name: '표지', rows: () => [['2027년 시,군별 로력요구']] },
        {
          name: '원산시',
          rows: () => [
            ['원산시 로력요구'],
            header,
            [1, '원산 가구공장', '지방공업공장', 16, '전기공', '봄', 1, '보장', ''],
            [2, '원산 신발공장', '지방공업공장', 8, '', '봄', 2, '미보장', ''],
          ],
        },
        {
          name: '회양군',
          rows: () => [
            header,
            [1, '회양 식료공장', '지방공업공장', 12, '운전수', '봄', 1, '보장', '20×10 대상'],
            [2, '원산 가구공장', '농업근로작업반', 5, '', '봄', 3, '', ''],
          ],
        },
      ],
    });
    const inspect = await inspectImport({
      ledger: l,
      file: { path, fileName: 'per-county.xlsx', size: 0, sha256: await sha256File(path) },
      options: importOptionsSchema.parse({}),
    });
    expect(inspect).toMatchObject({ kind: 'requests', sheet: '원산시', missingFields: [] });
    expect(inspect.headerSheets.map((h) => [h.name, h.countyKo, h.headerRow])).toEqual([
      ['원산시', '원산시', 2],
      ['회양군', '회양군', 1],
    ]);
    const { report } = await importFile(l, path);
    expect(report).toMatchObject({ committed: true, rows: { data: 4, valid: 4, invalid: 0 }, requests: { new: 4 } });
    expect(
      l.db
        .prepare('SELECT r.name_ko, q.workplace, q.dev_20x10 FROM county_requests q JOIN regions r ON r.id = q.county_id ORDER BY q.id')
        .all(),
    ).toEqual([
      { name_ko: '원산시', workplace: '원산 가구공장', dev_20x10: 0 },
      { name_ko: '원산시', workplace: '원산 신발공장', dev_20x10: 0 },
      { name_ko: '회양군', workplace: '회양 식료공장', dev_20x10: 1 },
      { name_ko: '회양군', workplace: '원산 가구공장', dev_20x10: 0 },
    ]);
  });
});

describe('remembered header mappings', () => {
  it('remembers a mapping the clerk corrected and uses it for the next file with the same headers', async () => {
    const { ledger: l, dir } = ledger();
    const odd = ['번호', '군번', '성명', '출신', '가는 곳', '시기'];
    const write = async (name: string, n: number) => {
      const path = join(dir, name);
      await writeXlsx(path, {
        strings: 'inline',
        sheets: [{ name: '명단', rows: () => [odd, [1, `800-1000${n}`, '리영호', '원산시', '회양군', '봄']] }],
      });
      return path;
    };
    const first = await write('first.xlsx', 1);
    const inspect = async (path: string) =>
      inspectImport({
        ledger: l,
        file: { path, fileName: 'x.xlsx', size: 0, sha256: await sha256File(path) },
        options: importOptionsSchema.parse({}),
      });
    const before = await inspect(first);
    expect(before.columns.map((c) => c.field)).toEqual(['rowNo', 'serviceNo', 'name', null, null, 'term']);
    const mapping = { '3': 'homeCounty', '4': 'destCounty' } as const;
    const run = await importFile(l, first, { options: { mapping, year: 2027 } });
    expect(run.report.committed).toBe(true);
    expect(l.db.prepare('SELECT kind, headers, uses FROM import_header_mappings').get()).toEqual({
      kind: 'decision',
      headers: JSON.stringify(odd),
      uses: 1,
    });
    const after = await inspect(await write('second.xlsx', 2));
    expect(after.remembered).toBe(true);
    expect(after.columns.map((c) => [c.field, c.source])).toEqual([
      ['rowNo', 'auto'],
      ['serviceNo', 'auto'],
      ['name', 'auto'],
      ['homeCounty', 'remembered'],
      ['destCounty', 'remembered'],
      ['term', 'auto'],
    ]);
    expect(existsSync(join(dir, 'backups'))).toBe(true);
  });
});
