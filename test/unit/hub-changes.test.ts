// changesSince (src/main/hub/changes.ts): what colleagues changed since an operation, on a real
// ledger — who, when, which grids and rows; bulk ranges counted whole; bounded per call.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGE_ROW_IDS_LIMIT, CHANGES_LIMIT } from '../../src/shared/api/hub.contract';
import { beginOperation, recordCreatedRange } from '../../src/main/audit/operations';
import { GridEditor } from '../../src/main/grid/edit';
import { changesSince } from '../../src/main/hub/changes';
import { updateSettings } from '../../src/main/settings/settings';
import { insertCohort, insertPerson, insertPlacement, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setup() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const { db } = t.ledger;
  const cohort = insertCohort(db, 2027, 'spring');
  for (let i = 0; i < 5; i++) {
    const id = insertPerson(db, { serviceNo: `500-${i}`, name: `한${i}`, cohortId: cohort });
    insertPlacement(db, { personId: id, cohortId: cohort, countyCode: 'kangwon.hoeyang-gun' });
  }
  return { db, a: new GridEditor(db, () => '김철수'), b: new GridEditor(db, () => '박영희') };
}

describe('changesSince', () => {
  it('lists the operations after `after`, with who, when, the grids and rows they touched', () => {
    const { db, a, b } = setup();
    expect(changesSince(db, 0)).toEqual({ latest: 0, changes: [] });
    a.updateCell('persons', 2, 'unit', '제1호');
    const { latest } = changesSince(db, 0);
    b.fillDown('placements', [1, 3, 4], 'notes');
    b.updateCell('placements', 1, 'notes', '메모');
    b.fillDown('placements', [1, 3, 4], 'notes');
    updateSettings(db, { clerkName: '박영희' }); // changes no rows: left out
    a.delete('persons', [5], 'delete_with_placements');
    const answer = changesSince(db, latest);
    expect(answer.latest).toBe(db.prepare('SELECT max(id) FROM operations').pluck().get());
    expect(answer.changes.map(({ at, ...c }) => ({ ...c, at: typeof at }))).toEqual([
      { operationId: latest + 1, clerk: '박영희', kind: 'edit', at: 'string', grids: ['placements'], rowIds: [1] },
      { operationId: latest + 2, clerk: '박영희', kind: 'fill', at: 'string', grids: ['placements'], rowIds: [3, 4] },
      { operationId: latest + 4, clerk: '김철수', kind: 'delete', at: 'string', grids: ['persons', 'placements'], rowIds: [5] },
    ]);
    expect(answer.changes[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Nothing new: an empty list and the same latest.
    expect(changesSince(db, answer.latest)).toEqual({ latest: answer.latest, changes: [] });
  });

  it('counts a bulk range whole, and names no rows when an operation touched more than the limit', () => {
    const { db } = setup();
    const small = db.transaction(() => {
      const op = beginOperation(db, 'import', '김철수');
      recordCreatedRange(op, 'person', 10, 14);
      return op.id;
    })();
    const big = db.transaction(() => {
      const op = beginOperation(db, 'import', '김철수');
      recordCreatedRange(op, 'person', 100, 100 + CHANGE_ROW_IDS_LIMIT);
      recordCreatedRange(op, 'placement', 100, 101);
      return op.id;
    })();
    const many = db.transaction(() => {
      const op = beginOperation(db, 'edit', '김철수');
      for (let i = 0; i <= CHANGE_ROW_IDS_LIMIT; i++) op.field('county_request', i + 1, 'notes', null, 'x');
      return op.id;
    })();
    const changes = changesSince(db, 0).changes;
    expect(changes.find((c) => c.operationId === small)).toMatchObject({ grids: ['persons'], rowIds: [10, 11, 12, 13, 14] });
    expect(changes.find((c) => c.operationId === big)).toMatchObject({ grids: ['persons', 'placements'], rowIds: null });
    expect(changes.find((c) => c.operationId === many)).toMatchObject({
      grids: ['persons', 'cohorts', 'requests', 'placements'],
      rowIds: null,
    });
  });

  it('answers at most the newest CHANGES_LIMIT operations; latest lets the caller go on', () => {
    const { db, a } = setup();
    for (let i = 0; i < CHANGES_LIMIT + 20; i++) a.updateCell('persons', 1, 'unit', `제${i}호`);
    const answer = changesSince(db, 0);
    expect(answer.changes).toHaveLength(CHANGES_LIMIT);
    expect(answer.changes[0]!.operationId).toBe(21);
    expect(answer.changes.at(-1)!.operationId).toBe(answer.latest);
    expect(changesSince(db, answer.latest - 3).changes.map((c) => c.operationId)).toEqual([
      answer.latest - 2,
      answer.latest - 1,
      answer.latest,
    ]);
    // From its primary key and the entries' index: no scan of either table.
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT entity, entity_id, field, new_value FROM audit_log WHERE operation_id = ? LIMIT 501')
      .all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX audit_log_operation/);
  });
});
