import { afterEach, describe, expect, it } from 'vitest';
import { gridViewSchema } from '../../src/shared/api/grid.contract';
import { LedgerError } from '../../src/shared/errors';
import { cellSentence, errorSentence } from '../../src/shared/i18n';
import { redo, undo, undoState } from '../../src/main/audit/undo';
import { checkLedger } from '../../src/main/check/check';
import { isPlainColumn } from '../../src/main/grid/cells';
import { GridEditor } from '../../src/main/grid/edit';
import { listCohorts, placeByHand, placementCandidates } from '../../src/main/grid/placing';
import { queryPage, rowById } from '../../src/main/grid/query';
import { openLedger } from '../../src/main/ledger/open';
import { insertCohort, insertPerson, insertPlacement, insertRequest, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const allRows = gridViewSchema.parse({});

function setup(persons = 25) {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const { db } = t.ledger;
  const cohort = insertCohort(db, 2027, 'spring');
  for (let i = 0; i < persons; i++) {
    const id = insertPerson(db, {
      serviceNo: `200-${String(i).padStart(5, '0')}`,
      name: `김철${i}`,
      sex: 'M',
      birthDate: '1998-01-01',
      dischargeDate: '2027-04-01',
      cohortId: cohort,
    });
    insertPlacement(db, { personId: id, cohortId: cohort, countyCode: 'kangwon.hoeyang-gun', sector: 'local_factory' });
  }
  const editor = new GridEditor(db, () => '김영호');
  return { ...t, db, cohort, editor };
}

function refusal(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const audit = (db: import('better-sqlite3').Database) =>
  db
    .prepare(
      'SELECT o.kind, a.entity, a.entity_id, a.field, a.old_value, a.new_value, a.clerk FROM audit_log a JOIN operations o ON o.id = a.operation_id ORDER BY a.id',
    )
    .all();

describe('editing a cell', () => {
  it('stores a valid value in its normal form and audits the change', () => {
    const { db, editor } = setup(2);
    const row = editor.updateCell('persons', 1, 'birth_date', '1997년 6월 11일');
    expect(row.birth_date).toBe('1997-06-11');
    expect(editor.updateCell('persons', 1, 'sex', '녀').sex).toBe('F');
    expect(editor.updateCell('persons', 1, 'name', '리영희').name).toBe('리영희');
    expect(audit(db)).toEqual([
      {
        kind: 'edit',
        entity: 'person',
        entity_id: 1,
        field: 'birth_date',
        old_value: '1998-01-01',
        new_value: '1997-06-11',
        clerk: '김영호',
      },
      { kind: 'edit', entity: 'person', entity_id: 1, field: 'sex', old_value: 'M', new_value: 'F', clerk: '김영호' },
      { kind: 'edit', entity: 'person', entity_id: 1, field: 'name', old_value: '김철0', new_value: '리영희', clerk: '김영호' },
    ]);
    expect(checkLedger(db).ok).toBe(true);
  });

  it('refuses an invalid value with its reason in Korean and English, keeping the old value', () => {
    const { db, editor } = setup(2);
    const bad = refusal(() => editor.updateCell('persons', 1, 'birth_date', '1997.02.30'));
    expect(bad.code).toBe('cell_invalid');
    expect(errorSentence(bad.toData(), 'ko')).toBe(
      '«난날»은(는) 날자로 읽을 수 없습니다. 2027.03.14, 2027-03-14, 2027년 3월 14일처럼 쓰십시오. 값은 바뀌지 않았습니다.',
    );
    expect(errorSentence(bad.toData(), 'en')).toContain('“Date of birth” cannot be read as a date.');
    const late = refusal(() => editor.updateCell('persons', 1, 'birth_date', '2028-01-01'));
    expect(late.details).toMatchObject({ field: 'birth_date', rule: 'birth_after_discharge' });
    const dup = refusal(() => editor.updateCell('persons', 1, 'service_no', '200-00001'));
    expect(dup.details).toMatchObject({ field: 'service_no', rule: 'duplicate' });
    const empty = refusal(() => editor.updateCell('persons', 1, 'name', '  '));
    expect(empty.details).toMatchObject({ field: 'name', rule: 'required' });
    expect(rowById(db, 'persons', 1)).toMatchObject({ name: '김철0', birth_date: '1998-01-01', service_no: '200-00000' });
    expect(audit(db)).toEqual([]);
  });

  it('keeps a city/county within its province and clears a placement’s workplace when its county changes', () => {
    const { db, editor, cohort } = setup(1);
    const request = insertRequest(db, { countyCode: 'kangwon.hoeyang-gun', cohortId: cohort, workplace: '회양식료공장' });
    db.prepare('UPDATE placements SET request_id = ? WHERE id = 1').run(request);
    const moved = editor.updateCell('placements', 1, 'dest_county', 'kangwon.wonsan-si');
    expect(moved).toMatchObject({ dest_county: 'kangwon.wonsan-si', dest_province: 'kangwon', workplace: null });
    const wrong = refusal(() => editor.updateCell('placements', 1, 'dest_province', 'north_hamgyong'));
    expect(wrong.details).toMatchObject({ field: 'dest_county', rule: 'county_not_in_province' });
    expect(editor.updateCell('persons', 1, 'home_province', '강원도').home_province).toBe('kangwon');
    expect(editor.updateCell('persons', 1, 'home_county', '회양').home_county).toBe('회양군');
    const foreign = refusal(() => editor.updateCell('persons', 1, 'home_county', '경성군'));
    expect(foreign.details).toMatchObject({ rule: 'county_not_in_province' });
    expect(editor.updateCell('placements', 1, 'status', 'arrived')).toMatchObject({
      status: 'arrived',
      arrival_date: new Date().toISOString().slice(0, 10),
    });
  });
  it('reads a city/county as the import does: romanized, with the province in front, ㄹ/ㄴ variants', () => {
    const { db, editor } = setup(1);
    // Each spelling here is one the import accepts (RegionMatcher); the grid is the same matcher.
    for (const [typed, code] of [
      ['Wonsan', 'kangwon.wonsan-si'],
      ['Hoeyang-gun', 'kangwon.hoeyang-gun'],
      ['강원도 원산시', 'kangwon.wonsan-si'],
      ['회양 군', 'kangwon.hoeyang-gun'],
    ] as const) {
      expect(editor.updateCell('placements', 1, 'dest_county', typed), typed).toMatchObject({ dest_county: code });
    }
    expect(editor.updateCell('persons', 1, 'home_province', '함남').home_province).toBe('south_hamgyong');
    expect(editor.updateCell('persons', 1, 'home_county', '이원군').home_county).toBe('리원군');
    expect(editor.updateCell('persons', 1, 'home_county', 'Riwon').home_county).toBe('리원군');
    expect(editor.updateCell('persons', 1, 'home_province', 'Kangwon').home_province).toBe('kangwon');
    // A slip the import only guesses at (one syllable off) is refused, never taken as the guess.
    expect(refusal(() => editor.updateCell('placements', 1, 'dest_county', '회앙군')).details).toMatchObject({ rule: 'invalid_value' });
    expect(refusal(() => editor.updateCell('placements', 1, 'dest_county', 'Atlantis')).details).toMatchObject({ rule: 'invalid_value' });
    db.close();
  });
  it("stores, stamps and audits a column kept as typed (text, number, a cohort's notes); an unchanged value writes nothing", () => {
    const { db, editor, cohort } = setup(1);
    expect([isPlainColumn('persons', 'unit'), isPlainColumn('requests', 'headcount'), isPlainColumn('cohorts', 'notes')]).toEqual([
      true,
      true,
      true,
    ]);
    expect([
      isPlainColumn('persons', 'name'),
      isPlainColumn('persons', 'cohort'),
      isPlainColumn('requests', 'housing_provided'),
      isPlainColumn('persons', 'id'),
    ]).toEqual([false, false, false, false]);
    const request = insertRequest(db, { countyCode: 'kangwon.hoeyang-gun', cohortId: cohort, workplace: '회양식료공장' });

    const row = editor.updateCell('persons', 1, 'unit', '  제１군단  ');
    expect(row.unit).toBe('제1군단');
    const stamp = db.prepare("SELECT started_at FROM operations WHERE kind = 'edit' ORDER BY id DESC LIMIT 1").pluck().get();
    expect(db.prepare('SELECT updated_at FROM persons WHERE id = 1').pluck().get()).toBe(stamp);
    expect(editor.updateCell('requests', request, 'headcount', '1,200').headcount).toBe(1200);
    expect(editor.updateCell('cohorts', cohort, 'notes', '봄 제대').notes).toBe('봄 제대');
    const tooLong = refusal(() => editor.updateCell('persons', 1, 'unit', '부'.repeat(101)));
    expect(tooLong.details).toMatchObject({ field: 'unit', rule: 'too_long', limit: 100 });
    const tooBig = refusal(() => editor.updateCell('requests', request, 'headcount', '100001'));
    expect(tooBig.details).toMatchObject({ field: 'headcount', rule: 'too_big' });
    const entries = audit(db);
    expect(entries).toEqual([
      { kind: 'edit', entity: 'person', entity_id: 1, field: 'unit', old_value: null, new_value: '제1군단', clerk: '김영호' },
      {
        kind: 'edit',
        entity: 'county_request',
        entity_id: request,
        field: 'headcount',
        old_value: '10',
        new_value: '1200',
        clerk: '김영호',
      },
      { kind: 'edit', entity: 'cohort', entity_id: cohort, field: 'notes', old_value: null, new_value: '봄 제대', clerk: '김영호' },
    ]);
    // Typed again, pasted again, filled with what is there: no operation for Ctrl+Z to take back.
    const operations = () => db.prepare('SELECT count(*) FROM operations').pluck().get();
    const before = operations();
    expect(editor.updateCell('persons', 1, 'unit', ' 제1군단').unit).toBe('제1군단');
    expect(editor.paste('persons', allRows, 0, ['unit'], [['제1군단']])).toEqual({
      status: 'applied',
      updatedRows: 1,
      addedRows: 0,
      changedCells: 0,
    });
    expect(operations()).toBe(before);
    expect(audit(db)).toEqual(entries);
    undo(db, '김영호');
    expect(rowById(db, 'cohorts', cohort)!.notes).toBeNull();
    expect(db.prepare('SELECT updated_at FROM persons WHERE id = 1').pluck().get()).toBe(stamp);
    expect(checkLedger(db).ok).toBe(true);
    // Retyping a name still repairs a sort key the ledger check found wrong (a write with no entry of its own).
    db.prepare("UPDATE persons SET name_sort_key = 'stale' WHERE id = 1").run();
    expect(checkLedger(db).ok).toBe(false);
    editor.updateCell('persons', 1, 'name', '김철0');
    expect(checkLedger(db).ok).toBe(true);
  });
});

describe('adding rows', () => {
  it('names every missing required cell, then adds a valid row with one audit entry', () => {
    const { db, editor } = setup(0);
    const rejected = editor.addRow('persons', { name: '박순희' });
    expect(rejected).toEqual({ status: 'rejected', problems: [{ row: 0, colId: 'service_no', rule: 'required', value: '' }] });
    const added = editor.addRow('persons', {
      service_no: ' ０１２-３４５ ',
      name: '박순희',
      sex: '녀',
      birth_date: '1999.1.2',
      cohort: '2027 봄',
    });
    expect(added.status).toBe('added');
    if (added.status !== 'added') return;
    expect(added.row).toMatchObject({ service_no: '012-345', name: '박순희', sex: 'F', birth_date: '1999-01-02', cohort: 1 });
    const entries = audit(db) as { kind: string; field: string; new_value: string }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'add', field: '+' });
    expect(JSON.parse(entries[0]!.new_value)).toMatchObject({ service_no: '012-345', name: '박순희', sex: 'F' });
    const cohortRow = editor.addRow('cohorts', { year: '2027', term: '여름' });
    expect(cohortRow).toMatchObject({ status: 'added', row: { year: 2027, term: 'summer' } });
    expect(editor.addRow('cohorts', { year: '2027', term: 'summer' })).toMatchObject({
      status: 'rejected',
      problems: [{ colId: 'term', rule: 'duplicate' }],
    });
    expect(listCohorts(db).map((c) => `${c.year} ${c.term}`)).toEqual(['2027 summer', '2027 spring']);
  });

  it('adds a placement only for a known person, in the province of the chosen county', () => {
    const { editor } = setup(1);
    expect(
      editor.addRow('placements', {
        service_no: '999-99999',
        cohort: '2027 봄',
        dest_province: 'kangwon',
        dest_county: '회양군',
        sector: '농업근로작업반',
      }),
    ).toMatchObject({
      status: 'rejected',
      problems: [{ colId: 'service_no', rule: 'unknown_person' }],
    });
    expect(
      editor.addRow('placements', {
        service_no: '200-00000',
        cohort: '2027 봄',
        dest_province: 'north_hamgyong',
        dest_county: '회양군',
        sector: 'farm_team',
      }),
    ).toMatchObject({
      status: 'rejected',
      problems: [{ colId: 'dest_county', rule: 'county_not_in_province' }],
    });
    // The person already has a placement this term.
    expect(
      editor.addRow('placements', {
        service_no: '200-00000',
        cohort: '2027 봄',
        dest_province: 'kangwon',
        dest_county: '회양군',
        sector: 'farm_team',
      }),
    ).toMatchObject({
      status: 'rejected',
      problems: [{ colId: 'cohort', rule: 'duplicate' }],
    });
  });
});

describe('pasting a block', () => {
  const block = (badRow?: number) =>
    Array.from({ length: 20 }, (_, r) => [
      `리명${r}`,
      r % 2 ? '남' : '녀',
      r === badRow ? '2027.13.45' : `1999.0${(r % 9) + 1}.1${r % 10}`,
    ]);

  it('applies nothing when one cell is invalid, and says which', () => {
    const { db, editor } = setup(25);
    const before = queryPage(db, 'persons', allRows, 0, 25).rows;
    const result = editor.paste('persons', allRows, 2, ['name', 'sex', 'birth_date'], block(7));
    expect(result).toEqual({ status: 'rejected', problems: [{ row: 7, colId: 'birth_date', rule: 'invalid_date', value: '2027.13.45' }] });
    expect(cellSentence({ colId: 'birth_date', rule: 'invalid_date' }, 'ko')).toContain('«난날»은(는) 날자로 읽을 수 없습니다');
    expect(queryPage(db, 'persons', allRows, 0, 25).rows).toEqual(before);
    expect(audit(db)).toEqual([]);
  });

  it('applies a valid block as one operation that one undo takes back', () => {
    const { db, editor } = setup(25);
    const before = queryPage(db, 'persons', allRows, 0, 25).rows;
    const result = editor.paste('persons', allRows, 2, ['name', 'sex', 'birth_date'], block());
    // 20 names, 20 dates, and the 10 rows whose sex changes (the others are men already).
    expect(result).toEqual({ status: 'applied', updatedRows: 20, addedRows: 0, changedCells: 50 });
    const after = queryPage(db, 'persons', allRows, 0, 25).rows;
    expect(after.slice(2, 22).map((r) => [r.name, r.sex, r.birth_date])).toEqual(
      block().map(([name, sex, date]) => [name, sex === '남' ? 'M' : 'F', date!.replace(/\./g, '-')]),
    );
    expect(db.prepare("SELECT count(*) AS n FROM operations WHERE kind = 'paste'").get()).toEqual({ n: 1 });
    expect(undoState(db)).toMatchObject({ canUndo: true, undoKind: 'paste' });
    undo(db, '김영호');
    expect(queryPage(db, 'persons', allRows, 0, 25).rows.map((r) => [r.name, r.sex, r.birth_date])).toEqual(
      before.map((r) => [r.name, r.sex, r.birth_date]),
    );
    expect(checkLedger(db).ok).toBe(true);
  });

  it('turns pasted rows past the last row into new rows, and takes them back on undo', () => {
    const { db, editor } = setup(3);
    const result = editor.paste(
      'persons',
      allRows,
      2,
      ['service_no', 'name'],
      [
        ['200-00002', '김철이'],
        ['300-00001', '새사람'],
        ['300-00002', '또사람'],
      ],
    );
    expect(result).toEqual({ status: 'applied', updatedRows: 1, addedRows: 2, changedCells: 1 });
    expect(queryPage(db, 'persons', allRows, 0, 10).rows.map((r) => r.name)).toEqual(['김철0', '김철1', '김철이', '새사람', '또사람']);
    undo(db, 'x');
    expect(queryPage(db, 'persons', allRows, 0, 10).rows.map((r) => r.name)).toEqual(['김철0', '김철1', '김철2']);
  });

  it('refuses to paste into a read-only column', () => {
    const { editor } = setup(2);
    expect(editor.paste('persons', allRows, 0, ['dest_county'], [['평양']])).toMatchObject({
      status: 'rejected',
      problems: [{ colId: 'dest_county', rule: 'not_editable' }],
    });
  });
});

describe('fill down, delete, undo and redo', () => {
  it('fills the first selected row’s value into the others (Ctrl+D)', () => {
    const { db, editor } = setup(5);
    editor.updateCell('persons', 2, 'unit', '제234군부대');
    expect(editor.fillDown('persons', [2, 3, 4, 5], 'unit')).toEqual({ changedCells: 3 });
    expect(queryPage(db, 'persons', allRows, 0, 5).rows.map((r) => r.unit)).toEqual([
      null,
      '제234군부대',
      '제234군부대',
      '제234군부대',
      '제234군부대',
    ]);
    undo(db, 'x');
    expect(queryPage(db, 'persons', allRows, 0, 5).rows.map((r) => r.unit)).toEqual([null, '제234군부대', null, null, null]);
  });

  it('explains what deleting persons with placements would do and offers the safe choice first', () => {
    const { db, editor } = setup(3);
    const preview = editor.deletePreview('persons', [1, 2]);
    expect(preview).toEqual({
      count: 2,
      labels: ['200-00000 김철0', '200-00001 김철1'],
      dependents: { placements: 2, persons: 0, requests: 0 },
      modes: ['cancel_placements', 'delete_with_placements'],
      blocked: false,
    });
    expect(() => editor.delete('persons', [1, 2], 'delete')).toThrow(LedgerError);
    editor.delete('persons', [1], 'cancel_placements');
    expect(queryPage(db, 'placements', allRows, 0, 3).rows.map((r) => r.status)).toEqual(['cancelled', 'decided', 'decided']);
    editor.delete('persons', [2], 'delete_with_placements');
    expect(queryPage(db, 'persons', allRows, 0, 5).rows.map((r) => r.name)).toEqual(['김철0', '김철2']);
    undo(db, 'x');
    expect(queryPage(db, 'persons', allRows, 0, 5).rows.map((r) => r.name)).toEqual(['김철0', '김철1', '김철2']);
    expect(queryPage(db, 'placements', allRows, 0, 5).rowCount).toBe(3);
    expect(checkLedger(db).ok).toBe(true);
    const cohortPreview = editor.deletePreview('cohorts', [1]);
    expect(cohortPreview).toMatchObject({ blocked: true, modes: [], dependents: { persons: 3, placements: 3 } });
  });

  it('undoes and redoes a delete whose row others referred to, each step in the order it was done', () => {
    const { db, editor, cohort } = setup(3);
    const request = insertRequest(db, { countyCode: 'kangwon.hoeyang-gun', cohortId: cohort, workplace: '회양 식료공장' });
    db.prepare('UPDATE placements SET request_id = ? WHERE id <= 2').run(request);
    const state = () => ({
      requests: db.prepare('SELECT * FROM county_requests ORDER BY id').all(),
      placements: db.prepare('SELECT id, request_id FROM placements ORDER BY id').all(),
    });
    const before = state();
    // The placements let go of the request first, then the request goes.
    editor.delete('requests', [request], 'unallocate_and_delete');
    const after = state();
    expect(after.requests).toEqual([]);
    undo(db, 'x');
    expect(state()).toEqual(before);
    redo(db, 'x');
    expect(state()).toEqual(after);
    undo(db, 'x');
    expect(state()).toEqual(before);
    expect(checkLedger(db).ok).toBe(true);
  });

  it('undo and redo survive closing and reopening the ledger', () => {
    const { db, editor, path, ledger } = setup(2);
    editor.updateCell('persons', 1, 'name', '첫째');
    editor.updateCell('persons', 1, 'name', '둘째');
    ledger.close();
    const reopened = openLedger(path);
    cleanups.push(() => reopened.close());
    const rdb = reopened.db;
    expect(undoState(rdb)).toMatchObject({ canUndo: true, canRedo: false, undoKind: 'edit' });
    undo(rdb, 'x');
    expect(rowById(rdb, 'persons', 1)?.name).toBe('첫째');
    undo(rdb, 'x');
    expect(rowById(rdb, 'persons', 1)?.name).toBe('김철0');
    expect(undoState(rdb)).toMatchObject({ canUndo: false, canRedo: true });
    expect(() => undo(rdb, 'x')).toThrow(/nothing to undo/);
    redo(rdb, 'x');
    expect(rowById(rdb, 'persons', 1)?.name).toBe('첫째');
    // A new edit clears what could be redone.
    new GridEditor(rdb, () => 'x').updateCell('persons', 2, 'name', '셋째');
    expect(undoState(rdb)).toMatchObject({ canUndo: true, canRedo: false });
    const kinds = rdb.prepare('SELECT kind FROM operations ORDER BY id').pluck().all();
    expect(kinds).toEqual(['edit', 'edit', 'undo', 'undo', 'redo', 'edit']);
    expect(checkLedger(rdb).ok).toBe(true);
    void db;
  });
});

describe('placing by hand', () => {
  it('offers the requests of the county and term, same sector first, and asks before over-filling', () => {
    const { db, cohort } = setup(4);
    const small = insertRequest(db, {
      countyCode: 'kangwon.hoeyang-gun',
      cohortId: cohort,
      workplace: '회양협동농장',
      sector: 'farm_team',
      headcount: 10,
      priority: 1,
    });
    const factory = insertRequest(db, {
      countyCode: 'kangwon.hoeyang-gun',
      cohortId: cohort,
      workplace: '회양식료공장',
      sector: 'local_factory',
      headcount: 2,
      priority: 2,
    });
    insertRequest(db, { countyCode: 'kangwon.wonsan-si', cohortId: cohort, workplace: '원산편직공장' });
    const offer = placementCandidates(db, [1, 2, 3]);
    expect(offer.countyName).toBe('회양군');
    expect(offer.candidates.map((c) => [c.workplace, c.sectorMatches, c.remaining])).toEqual([
      ['회양식료공장', true, 2],
      ['회양협동농장', false, 10],
    ]);
    expect(placeByHand(db, 'x', [1, 2, 3], factory)).toEqual({
      status: 'needs_confirmation',
      remaining: 2,
      requested: 3,
      workplace: '회양식료공장',
    });
    expect(db.prepare('SELECT count(*) AS n FROM placements WHERE request_id IS NOT NULL').get()).toEqual({ n: 0 });
    expect(placeByHand(db, 'x', [1, 2, 3], factory, { confirmOverfill: true })).toEqual({ status: 'placed', count: 3 });
    expect(placementCandidates(db, [4]).candidates[0]).toMatchObject({ workplace: '회양식료공장', remaining: -1 });
    // A request of another sector: asked first, then the person's sector follows the request's,
    // so the ledger and the roster say the same.
    expect(placeByHand(db, 'x', [4], small)).toEqual({
      status: 'needs_sector_confirmation',
      workplace: '회양협동농장',
      sector: 'farm_team',
      count: 1,
      from: ['local_factory'],
    });
    expect(db.prepare('SELECT request_id, sector FROM placements WHERE id = 4').get()).toEqual({
      request_id: null,
      sector: 'local_factory',
    });
    expect(placeByHand(db, 'x', [4], small, { confirmSectorChange: true })).toEqual({ status: 'placed', count: 1 });
    expect(db.prepare('SELECT request_id, sector FROM placements WHERE id = 4').get()).toEqual({ request_id: small, sector: 'farm_team' });
    undo(db, 'x');
    expect(db.prepare('SELECT request_id, sector FROM placements WHERE id = 4').get()).toEqual({
      request_id: null,
      sector: 'local_factory',
    });
    undo(db, 'x');
    expect(db.prepare('SELECT count(*) AS n FROM placements WHERE request_id IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('refuses placements of different counties together', () => {
    const { db, editor } = setup(2);
    editor.updateCell('placements', 2, 'dest_county', 'kangwon.wonsan-si');
    expect(() => placementCandidates(db, [1, 2])).toThrow(/several counties/);
  });
});

describe('history', () => {
  it('lists audit entries filtered by entity, clerk, date and one person', () => {
    const { db, editor } = setup(3);
    editor.updateCell('persons', 1, 'unit', '제1부대');
    editor.updateCell('persons', 2, 'unit', '제2부대');
    editor.updateCell('placements', 1, 'status', 'notified');
    const all = queryPage(db, 'history', allRows, 0, 50);
    expect(all.rowCount).toBe(4);
    expect(all.rows[0]).toMatchObject({ operation: 'edit', entity: 'placement', subject: '200-00000 김철0', field: 'notified_on' });
    const onePerson = queryPage(db, 'history', gridViewSchema.parse({ personId: 1 }), 0, 50);
    expect(onePerson.rows.map((r) => r.field)).toEqual(['notified_on', 'status', 'unit']);
    const persons = queryPage(
      db,
      'history',
      gridViewSchema.parse({ filters: { entity: { filterType: 'text', type: 'equals', filter: '인원' } } }),
      0,
      50,
    );
    expect(persons.rows.map((r) => r.new_value)).toEqual(['제2부대', '제1부대']);
    const today = new Date().toISOString().slice(0, 10);
    const dated = gridViewSchema.parse({ filters: { at: { filterType: 'date', type: 'equals', dateFrom: `${today} 00:00:00` } } });
    expect(queryPage(db, 'history', dated, 0, 50).rowCount).toBe(4);
    const yesterday = gridViewSchema.parse({ filters: { at: { filterType: 'date', type: 'lessThan', dateFrom: `${today} 00:00:00` } } });
    expect(queryPage(db, 'history', yesterday, 0, 50).rowCount).toBe(0);
    const clerk = gridViewSchema.parse({ filters: { clerk: { filterType: 'text', type: 'equals', filter: '김영호' } } });
    expect(queryPage(db, 'history', clerk, 0, 50).rowCount).toBe(4);
    expect(queryPage(db, 'history', gridViewSchema.parse({ search: '200-00001' }), 0, 50).rows.map((r) => r.new_value)).toEqual([
      '제2부대',
    ]);
  });
});
