// Rows carry a version (migration 0012) and a write based on a stale row is refused with who
// changed it and when — never written over (docs/hub.md "Many clerks at once"). Two clerks on
// one real ledger file, each with their own editor.
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { gridViewSchema } from '../../src/shared/api/grid.contract';
import type { LedgerErrorData } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { localDateTime } from '../../src/shared/grid-display';
import { redo, undo, undoState } from '../../src/main/audit/undo';
import { checkLedger } from '../../src/main/check/check';
import { GridEditor } from '../../src/main/grid/edit';
import { placeByHand } from '../../src/main/grid/placing';
import { queryPage } from '../../src/main/grid/query';
import { setPlacementStatus } from '../../src/main/grid/status';
import { insertCohort, insertPerson, insertPlacement, insertRequest, tempLedger } from '../helpers/ledger';
import { refusal } from '../helpers/unit';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const allRows = gridViewSchema.parse({});

function setup(persons = 6) {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const { db } = t.ledger;
  const cohort = insertCohort(db, 2027, 'spring');
  for (let i = 0; i < persons; i++) {
    const id = insertPerson(db, { serviceNo: `300-${String(i).padStart(4, '0')}`, name: `리영${i}`, cohortId: cohort });
    insertPlacement(db, { personId: id, cohortId: cohort, countyCode: 'kangwon.hoeyang-gun', sector: 'local_factory' });
  }
  return { db, cohort, a: new GridEditor(db, () => '김철수'), b: new GridEditor(db, () => '박영희') };
}

const version = (db: Database.Database, table: string, id: number) =>
  db.prepare(`SELECT version FROM ${table} WHERE id = ?`).pluck().get(id) as number;

const operations = (db: Database.Database) => db.prepare('SELECT count(*) FROM operations').pluck().get() as number;

describe('the rows’ versions', () => {
  it('start at 1, move on with every update — also by a writer that does not know them — and reach the grid', () => {
    const { db, a } = setup(2);
    expect(version(db, 'persons', 1)).toBe(1);
    for (const table of ['persons', 'placements', 'cohorts']) {
      db.prepare(`UPDATE ${table} SET created_at = created_at WHERE id = 1`).run();
      expect(version(db, table, 1)).toBe(2);
    }
    const row = a.updateCell('persons', 1, 'unit', '제1호 부대', 2);
    expect(row.version).toBe(3);
    expect(queryPage(db, 'persons', allRows, 0, 10).rows.map((r) => [r.id, r.version])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    // Never recorded as a field of its own: undo only ever moves it forward.
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE field = 'version'").pluck().get()).toBe(0);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
  });

  it('refuses a stale cell edit with who changed the row and when, and writes nothing over it', () => {
    const { db, a, b } = setup();
    const seen = version(db, 'persons', 3);
    a.updateCell('persons', 3, 'unit', '제7호 부대', seen);
    const before = operations(db);
    const error = refusal(() => b.updateCell('persons', 3, 'unit', '제9호 부대', seen));
    const at = db
      .prepare("SELECT at FROM audit_log WHERE entity = 'person' AND entity_id = 3 ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(error.code).toBe('row_changed');
    expect(error.details).toMatchObject({ clerk: '김철수', at: localDateTime(at, { seconds: false }), rowId: 3 });
    expect(String(error.details?.at)).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/);
    expect(db.prepare('SELECT unit FROM persons WHERE id = 3').pluck().get()).toBe('제7호 부대');
    expect(operations(db)).toBe(before);
    const ko = errorSentence(error.toData(), 'ko');
    expect(ko).toContain('김철수 님이');
    expect(ko).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(errorSentence(error.toData(), 'en')).toContain('김철수 changed this row at');
    // Based on the version it has now, the same edit goes through.
    expect(b.updateCell('persons', 3, 'unit', '제9호 부대', version(db, 'persons', 3)).unit).toBe('제9호 부대');
  });

  it('names the colleague who deleted the row', () => {
    const { db, a, b } = setup();
    const seen = version(db, 'persons', 2);
    a.delete('persons', [2], 'delete_with_placements', [[2, seen]]);
    const error = refusal(() => b.updateCell('persons', 2, 'unit', 'x', seen));
    expect(error.code).toBe('row_changed');
    expect(error.details).toMatchObject({ clerk: '김철수', rowId: 2 });
  });

  it('refuses a whole paste when one of its rows changed, naming the first, and writes none of it', () => {
    const { db, a, b } = setup();
    const page = queryPage(db, 'persons', allRows, 0, 10).rows;
    const seen = page.slice(1, 5).map((r) => [r.id, r.version!] as [number, number]);
    a.updateCell('persons', 4, 'skill', '선반', version(db, 'persons', 4));
    a.updateCell('persons', 5, 'skill', '용접', version(db, 'persons', 5));
    const before = db.prepare('SELECT id, unit, version FROM persons ORDER BY id').all();
    const cells = [['A'], ['B'], ['C'], ['D']];
    const error = refusal(() => b.paste('persons', allRows, 1, ['unit'], cells, seen));
    expect(error.code).toBe('row_changed');
    expect(error.details).toMatchObject({ clerk: '김철수', rowId: 4 });
    expect(db.prepare('SELECT id, unit, version FROM persons ORDER BY id').all()).toEqual(before);
    // A row inserted above by a colleague moves the rows the clerk saw: refused too.
    const fresh = queryPage(db, 'persons', { ...allRows, sort: [{ colId: 'service_no', sort: 'desc' }] }, 0, 10).rows;
    a.addRow('persons', { service_no: '399-0000', name: '새사람' });
    const moved = refusal(() =>
      b.paste(
        'persons',
        { ...allRows, sort: [{ colId: 'service_no', sort: 'desc' }] },
        0,
        ['unit'],
        [['Z']],
        [[fresh[0]!.id, fresh[0]!.version!]],
      ),
    );
    expect(moved.details).toMatchObject({ clerk: '김철수', rowId: fresh[0]!.id });
    // Based on what is there now, it goes through.
    const now = queryPage(db, 'persons', allRows, 0, 10).rows.slice(1, 5);
    const applied = b.paste(
      'persons',
      allRows,
      1,
      ['unit'],
      cells,
      now.map((r) => [r.id, r.version!]),
    );
    expect(applied).toMatchObject({ status: 'applied', changedCells: 4 });
  });

  it('refuses a stale fill-down, delete, hand placing and status change', () => {
    const { db, cohort, a, b } = setup();
    const stale = (id: number): [number, number] => [id, version(db, 'placements', id)];
    const seen = [stale(1), stale(2), stale(3)];
    const personsSeen: [number, number][] = [
      [1, version(db, 'persons', 1)],
      [2, version(db, 'persons', 2)],
    ];
    a.updateCell('placements', 2, 'notes', '먼저', seen[1]![1]);
    a.updateCell('persons', 2, 'unit', '먼저', personsSeen[1]![1]);
    const request = insertRequest(db, { countyCode: 'kangwon.hoeyang-gun', cohortId: cohort, workplace: '회양식료공장' });
    const before = db.prepare('SELECT * FROM placements ORDER BY id').all();
    expect(refusal(() => b.fillDown('placements', [1, 2, 3], 'notes', seen)).code).toBe('row_changed');
    expect(refusal(() => b.delete('placements', [1, 2], 'delete', seen.slice(0, 2))).code).toBe('row_changed');
    expect(refusal(() => b.delete('persons', [1, 2], 'cancel_placements', personsSeen)).code).toBe('row_changed');
    expect(refusal(() => placeByHand(db, '박영희', [1, 2, 3], request, {}, seen)).code).toBe('row_changed');
    expect(
      refusal(() => setPlacementStatus(db, '박영희', [1, 2, 3], { status: 'notified', date: '2027.05.01' }, seen)).details,
    ).toMatchObject({ clerk: '김철수', rowId: 2 });
    expect(db.prepare('SELECT * FROM placements ORDER BY id').all()).toEqual(before);
    // Without versions (the command line, an older window) nothing is checked.
    expect(placeByHand(db, '박영희', [1, 2, 3], request)).toMatchObject({ status: 'placed', count: 3 });
  });

  it('moves on with undo and redo, so a copy from before either is stale', () => {
    const { db, a, b } = setup();
    a.updateCell('persons', 1, 'unit', '제1호', 1);
    expect(version(db, 'persons', 1)).toBe(2);
    undo(db, '김철수');
    expect(version(db, 'persons', 1)).toBe(3);
    expect(refusal(() => b.updateCell('persons', 1, 'unit', 'x', 2)).details).toMatchObject({ clerk: '김철수' });
    redo(db, '김철수');
    expect(version(db, 'persons', 1)).toBe(4);
    expect(db.prepare('SELECT unit FROM persons WHERE id = 1').pluck().get()).toBe('제1호');
    // A deleted row comes back by undo with the version it had; a delete and its undo are two
    // changes the clerk's copy missed only when the row changed meanwhile.
    a.delete('persons', [6], 'delete_with_placements', [[6, 1]]);
    undo(db, '김철수');
    expect(version(db, 'persons', 6)).toBe(1);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
  });

  it('brings back rows recorded whole before the migration (no version) with the default', () => {
    const { db, a } = setup();
    a.delete('placements', [3], 'delete', [[3, 1]]);
    a.delete('persons', [3], 'delete', [[3, 1]]);
    // As a ledger migrated after the delete holds it: the whole-row JSON without `version`.
    db.prepare("UPDATE audit_log SET old_value = json_remove(old_value, '$.version') WHERE field = '-'").run();
    undo(db, '김철수');
    undo(db, '김철수');
    expect(db.prepare('SELECT version FROM persons WHERE id = 3').pluck().get()).toBe(1);
    expect(db.prepare('SELECT version FROM placements WHERE id = 3').pluck().get()).toBe(1);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
  });

  it('check finds a versioned table that lost its trigger', () => {
    const { db } = setup(1);
    db.exec('DROP TRIGGER placements_version');
    expect(checkLedger(db).problems.map((p) => p.code)).toEqual(['row_version_triggers']);
  });
});

describe('a long write refusing a colleague', () => {
  it('names who runs it and what; the clerk who runs it reads today’s sentence', async () => {
    const { startLongWrite, assertNoLongWrite } = await import('../../src/main/ledger/long-write');
    const t = tempLedger();
    cleanups.push(t.cleanup);
    const { ledger } = t;
    const setClerk = (name: string) =>
      ledger.db
        .prepare("INSERT INTO settings (key, value) VALUES ('clerk.name', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(name);
    setClerk('김철수');
    const end = startLongWrite(ledger, 'import-commit');
    const own = refusal(() => assertNoLongWrite(ledger));
    expect(own.details).toEqual({ what: 'import-commit' });
    expect(errorSentence(own.toData(), 'ko')).toBe(
      '자료 들여오기나 많은 행의 되돌리기가 진행 중입니다. 그것이 끝난 뒤 다시 하십시오. 아무것도 바꾸지 않았습니다.',
    );
    setClerk('박영희');
    const colleague = refusal(() => assertNoLongWrite(ledger));
    expect(colleague.details).toEqual({ what: 'import-commit', clerk: '김철수' });
    expect(errorSentence(colleague.toData(), 'ko')).toBe(
      '김철수 님이 자료를 들여오는 중입니다. 그것이 끝난 뒤 다시 하십시오. 아무것도 바꾸지 않았습니다.',
    );
    expect(errorSentence(colleague.toData(), 'en')).toBe('김철수 is importing data. Try again when it has finished. Nothing was changed.');
    end();
    expect(() => assertNoLongWrite(ledger)).not.toThrow();
  });
});

describe('undo through the hub: each clerk their own', () => {
  it('takes back the clerk’s own newest operation and brings back their own, leaving the colleague’s', () => {
    const { db, a, b } = setup();
    a.updateCell('persons', 1, 'unit', 'A의 값');
    b.updateCell('persons', 2, 'unit', 'B의 값');
    expect(undoState(db, '김철수')).toMatchObject({ canUndo: true, canRedo: false });
    // 김철수's Ctrl+Z: their edit of row 1, not 박영희's newer edit of row 2.
    const after = undo(db, '김철수', undefined, '김철수');
    expect(db.prepare('SELECT id, unit FROM persons WHERE id IN (1, 2) ORDER BY id').all()).toEqual([
      { id: 1, unit: null },
      { id: 2, unit: 'B의 값' },
    ]);
    expect(after).toMatchObject({ canUndo: false, canRedo: true });
    expect(undoState(db, '박영희')).toMatchObject({ canUndo: true, canRedo: false });
    expect(refusal(() => undo(db, '김철수', undefined, '김철수')).code).toBe('nothing_to_undo');
    // 박영희 edits again: 김철수's redo is still theirs to make.
    b.updateCell('persons', 3, 'unit', 'B의 둘째 값');
    redo(db, '김철수', undefined, '김철수');
    expect(db.prepare('SELECT unit FROM persons WHERE id = 1').pluck().get()).toBe('A의 값');
    expect(version(db, 'persons', 1)).toBe(4);
    undo(db, '박영희', undefined, '박영희');
    expect(db.prepare('SELECT id, unit FROM persons WHERE id IN (1, 2, 3) ORDER BY id').all()).toEqual([
      { id: 1, unit: 'A의 값' },
      { id: 2, unit: 'B의 값' },
      { id: 3, unit: null },
    ]);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
  });

  it('refuses where a colleague changed the same rows since, naming them and when', () => {
    const { db, a, b } = setup();
    a.updateCell('persons', 1, 'unit', 'A의 값');
    a.paste('persons', allRows, 2, ['unit'], [['가'], ['나']]);
    b.updateCell('persons', 1, 'notes', 'B의 메모'); // another column of 김철수's row 1
    const before = db.prepare('SELECT * FROM persons ORDER BY id').all();
    // 김철수's newest (the paste of rows 3 and 4) nobody touched since: undone.
    undo(db, '김철수', undefined, '김철수');
    const error = refusal(() => undo(db, '김철수', undefined, '김철수'));
    const at = db.prepare("SELECT started_at FROM operations WHERE clerk = '박영희'").pluck().get() as string;
    expect(error.code).toBe('undo_colleague_later');
    expect(error.details).toMatchObject({ clerk: '박영희', at: localDateTime(at, { seconds: false }) });
    expect(errorSentence(error.toData(), 'ko')).toContain('박영희 님이');
    expect(db.prepare('SELECT unit FROM persons WHERE id = 1').pluck().get()).toBe('A의 값');
    expect(db.prepare('SELECT * FROM persons WHERE id NOT IN (3, 4) ORDER BY id').all()).toEqual(
      before.filter((r) => ![3, 4].includes((r as { id: number }).id)),
    );
    // Once 박영희 takes their change back, 김철수's undo goes through.
    undo(db, '박영희', undefined, '박영희');
    undo(db, '김철수', undefined, '김철수');
    expect(db.prepare('SELECT unit, notes FROM persons WHERE id = 1').get()).toEqual({ unit: null, notes: null });
    // Locally (no account) undo is as it was: the newest of all, no colleague check.
    a.updateCell('persons', 5, 'unit', 'x');
    b.updateCell('persons', 5, 'notes', 'y');
    undo(db, '김철수');
    expect(db.prepare('SELECT unit, notes FROM persons WHERE id = 5').get()).toEqual({ unit: 'x', notes: null });
  });

  it('refuses undoing a row the clerk added once a colleague has edited it', () => {
    const { db, a, b } = setup();
    const added = a.addRow('persons', { service_no: '301-0001', name: '새사람' });
    if (added.status !== 'added') throw new Error('not added');
    b.updateCell('persons', added.row.id, 'unit', '제2호', added.row.version);
    expect(refusal(() => undo(db, '김철수', undefined, '김철수')).details).toMatchObject({ clerk: '박영희' });
    expect(db.prepare('SELECT unit FROM persons WHERE id = ?').pluck().get(added.row.id)).toBe('제2호');
  });
});

describe('through the hub’s calls, as two accounts', () => {
  it('each account’s Ctrl+Z takes back their own edit; a stale edit and a colleague’s long write are refused by name', async () => {
    const { createHandlers } = await import('../../src/main/api/handlers');
    const { dispatch } = await import('../../src/main/api/dispatch');
    const { runAsClerk } = await import('../../src/main/hub/request-clerk');
    const { startLongWrite } = await import('../../src/main/ledger/long-write');
    const t = tempLedger();
    cleanups.push(t.cleanup);
    const { ledger } = t;
    const cohort = insertCohort(ledger.db, 2027, 'spring');
    for (let i = 0; i < 3; i++) insertPerson(ledger.db, { serviceNo: `600-${i}`, name: `차${i}`, cohortId: cohort });
    const handlers = createHandlers({ ledger, appVersion: 'test' });
    const as = (name: string) => (call: string, input: unknown) =>
      runAsClerk({ name, role: 'clerk' }, () => Promise.resolve(dispatch(handlers, ledger, call, input)));
    const kim = as('김철수');
    const park = as('박영희');
    expect(await kim('gridUpdateCell', { grid: 'persons', id: 1, colId: 'unit', value: 'K', baseVersion: 1 })).toMatchObject({ ok: true });
    expect(await park('gridUpdateCell', { grid: 'persons', id: 2, colId: 'unit', value: 'P', baseVersion: 1 })).toMatchObject({ ok: true });
    // 박영희 based an edit of row 1 on the version before 김철수's: refused, by name.
    expect(await park('gridUpdateCell', { grid: 'persons', id: 1, colId: 'unit', value: 'P2', baseVersion: 1 })).toMatchObject({
      ok: false,
      error: { code: 'row_changed', details: { clerk: '김철수' } },
    });
    expect(await kim('getUndoState', {})).toMatchObject({ ok: true, value: { canUndo: true, undoDescription: 'persons: unit' } });
    expect(await kim('undo', {})).toMatchObject({ ok: true, value: { canUndo: false, canRedo: true } });
    expect(ledger.db.prepare('SELECT id, unit FROM persons ORDER BY id').all()).toEqual([
      { id: 1, unit: null },
      { id: 2, unit: 'P' },
      { id: 3, unit: null },
    ]);
    expect(await park('getUndoState', {})).toMatchObject({ ok: true, value: { canUndo: true, canRedo: false } });
    // 김철수's long write (an import committing) refuses 박영희's edit by name, and 김철수's own in today's words.
    const end = runAsClerk({ name: '김철수', role: 'clerk' }, () => startLongWrite(ledger, 'import-commit'));
    const refused = await park('gridUpdateCell', { grid: 'persons', id: 3, colId: 'unit', value: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'long_write_running', details: { clerk: '김철수' } } });
    expect(errorSentence((refused as { error: LedgerErrorData }).error, 'ko')).toBe(
      '김철수 님이 자료를 들여오는 중입니다. 그것이 끝난 뒤 다시 하십시오. 아무것도 바꾸지 않았습니다.',
    );
    expect(await kim('gridUpdateCell', { grid: 'persons', id: 3, colId: 'unit', value: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'long_write_running', details: { what: 'import-commit' } },
    });
    end();
  });
});
