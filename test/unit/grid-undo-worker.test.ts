// Ctrl+Z / Ctrl+Y of a big operation (an import, a paste of thousands of cells) runs in a worker
// thread on its own connection, so the window keeps answering; a small one stays on the main
// thread and answers at once. Both go through the one API entry point, as the window does.
import { afterEach, describe, expect, it } from 'vitest';
import { gridViewSchema } from '../../src/shared/api/grid.contract';
import type { UndoState } from '../../src/shared/api/grid.contract';
import type { Result } from '../../src/shared/errors';
import { dispatch } from '../../src/main/api/dispatch';
import { createHandlers } from '../../src/main/api/handlers';
import { undo } from '../../src/main/audit/undo';
import { checkLedger } from '../../src/main/check/check';
import { GridEditor } from '../../src/main/grid/edit';
import { BIG_REPLAY_ROWS } from '../../src/main/grid/handlers';
import { queryPage } from '../../src/main/grid/query';
import { insertCohort, insertPerson, insertPlacement, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const allRows = gridViewSchema.parse({});

function setup(persons: number) {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const { db } = t.ledger;
  const cohort = insertCohort(db, 2027, 'spring');
  db.transaction(() => {
    for (let i = 0; i < persons; i++)
      insertPerson(db, { serviceNo: `300-${String(i).padStart(5, '0')}`, name: `박철${i}`, cohortId: cohort });
  })();
  const handlers = createHandlers({ ledger: t.ledger, appVersion: 'test' });
  const editor = new GridEditor(db, () => '김영호');
  const units = () => queryPage(db, 'persons', allRows, 0, 3).rows.map((r) => r.unit);
  return { ...t, db, handlers, editor, units };
}

const valueOf = (result: Result<unknown>): UndoState => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as UndoState;
};

describe('undo and redo of big operations', () => {
  it('takes back and brings back a paste of thousands of cells in a worker while the main thread keeps answering', async () => {
    const persons = BIG_REPLAY_ROWS + 500;
    const { db, ledger, handlers, editor, units } = setup(persons);
    const pasted = editor.paste(
      'persons',
      allRows,
      0,
      ['unit'],
      Array.from({ length: persons }, (_, i) => [`제${i}호`]),
    );
    expect(pasted).toMatchObject({ status: 'applied', changedCells: persons });
    expect(units()).toEqual(['제0호', '제1호', '제2호']);

    const pending = dispatch(handlers, ledger, 'undo', {});
    // Answered later, by the worker: meanwhile this connection reads the ledger as it was.
    expect(pending).toBeInstanceOf(Promise);
    expect(units()).toEqual(['제0호', '제1호', '제2호']);
    expect(valueOf(await pending)).toMatchObject({ canUndo: false, canRedo: true, redoKind: 'paste' });
    expect(units()).toEqual([null, null, null]);
    expect(db.prepare('SELECT count(*) FROM persons WHERE unit IS NOT NULL').pluck().get()).toBe(0);

    const redone = dispatch(handlers, ledger, 'redo', {});
    expect(redone).toBeInstanceOf(Promise);
    expect(valueOf(await redone)).toMatchObject({ canUndo: true, undoKind: 'paste', canRedo: false });
    expect(db.prepare("SELECT count(*) FROM persons WHERE unit LIKE '제%호'").pluck().get()).toBe(persons);

    // While the worker holds the ledger, a write here is refused at once (not after the busy
    // timeout, with the window frozen meanwhile); column widths wait and are saved after it.
    const undoing = dispatch(handlers, ledger, 'undo', {});
    const started = performance.now();
    const edit = await dispatch(handlers, ledger, 'gridUpdateCell', { grid: 'persons', id: 1, colId: 'unit', value: '제9군단' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'long_write_running' } });
    expect(performance.now() - started).toBeLessThan(ledger.busyTimeoutMs);
    expect(await dispatch(handlers, ledger, 'saveGridView', { grid: 'persons', state: { columns: ['unit'] } })).toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(valueOf(await undoing)).toMatchObject({ canRedo: true });
    expect(await dispatch(handlers, ledger, 'getGridView', { grid: 'persons' })).toEqual({
      ok: true,
      value: { state: { columns: ['unit'] } },
    });
    expect(units()).toEqual([null, null, null]);

    expect(checkLedger(db).ok).toBe(true);
  });

  it('undoes a small edit at once on the main thread', async () => {
    const { ledger, handlers, editor, units } = setup(3);
    editor.updateCell('persons', 1, 'unit', '제7군단');
    const answer = dispatch(handlers, ledger, 'undo', {});
    expect(answer).not.toBeInstanceOf(Promise);
    expect(valueOf(await answer)).toMatchObject({ canUndo: false, canRedo: true, redoKind: 'edit' });
    expect(units()).toEqual([null, null, null]);
  });

  it('brings deleted rows back together, and one by one with their defaults when an entry lacks a later column', () => {
    const { db, editor } = setup(6);
    const cohort = db.prepare('SELECT id FROM cohorts').pluck().get() as number;
    for (let id = 1; id <= 6; id++)
      insertPlacement(db, { personId: id, cohortId: cohort, countyCode: 'kangwon.wonsan-si', sector: 'farm_team' });
    const rows = () => db.prepare('SELECT * FROM placements ORDER BY id').all();
    const before = rows();
    editor.delete('placements', [1, 2, 3], 'delete');
    undo(db, '김영호');
    expect(rows()).toEqual(before);
    editor.delete('placements', [4, 5, 6], 'delete');
    // As if recorded by an older version, before `status` existed: the row gets the column's default.
    db.prepare(
      "UPDATE audit_log SET old_value = json_remove(old_value, '$.status') WHERE field = '-' AND entity = 'placement' AND entity_id >= 4",
    ).run();
    undo(db, '김영호');
    expect(db.prepare('SELECT id, status, sector FROM placements WHERE id >= 4 ORDER BY id').all()).toEqual([
      { id: 4, status: 'decided', sector: 'farm_team' },
      { id: 5, status: 'decided', sector: 'farm_team' },
      { id: 6, status: 'decided', sector: 'farm_team' },
    ]);
    expect(checkLedger(db).ok).toBe(true);
  });

  it('refuses, changing nothing, when another operation became next in the meantime', () => {
    const { db, editor, units } = setup(3);
    editor.updateCell('persons', 1, 'unit', '제1군단');
    const first = db.prepare("SELECT max(id) FROM operations WHERE kind = 'edit'").pluck().get() as number;
    editor.updateCell('persons', 2, 'unit', '제2군단');
    expect(() => undo(db, '김영호', first)).toThrow(expect.objectContaining({ code: 'undo_moved' }));
    expect(units()).toEqual(['제1군단', '제2군단', null]);
  });
});
