// Setting the status of selected placements (notified / arrived / cancelled): one operation,
// audited field by field, taken back whole by one undo; refused whole when one row cannot take it.
import { afterEach, describe, expect, it } from 'vitest';
import { redo, undo, undoState } from '../../src/main/audit/undo';
import { setPlacementStatus } from '../../src/main/grid/status';
import { LedgerError } from '../../src/shared/errors';
import { insertCohort, insertPerson, insertPlacement, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function ledgerWith(statuses: string[]) {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const { db } = t.ledger;
  const cohort = insertCohort(db, 2027, 'spring');
  const ids = statuses.map((status, i) => {
    const person = insertPerson(db, { serviceNo: `300-${String(i).padStart(5, '0')}`, name: `박${i}`, cohortId: cohort });
    return insertPlacement(db, { personId: person, cohortId: cohort, countyCode: 'kangwon.hoeyang-gun', sector: 'local_factory', status });
  });
  const rows = () => db.prepare('SELECT status, notified_on, arrival_date, cancelled_on, notes FROM placements ORDER BY id').all();
  const operations = () => db.prepare('SELECT count(*) FROM operations').pluck().get() as number;
  return { db, ids, rows, operations };
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof LedgerError ? error.code : String(error);
  }
  return 'no error';
};

describe('setting the status of selected placements', () => {
  it('notified, then arrived, each one undoable operation with its typed date; undo and redo take all rows', () => {
    const { db, ids, rows } = ledgerWith(['decided', 'decided', 'notified']);
    const before = rows();
    expect(setPlacementStatus(db, 'clerk', ids, { status: 'notified', date: '2027. 5. 3.' })).toEqual({ changed: 3 });
    expect(rows().map((r) => (r as { notified_on: string }).notified_on)).toEqual(['2027-05-03', '2027-05-03', '2027-05-03']);
    const afterNotified = rows();
    expect(setPlacementStatus(db, 'clerk', ids.slice(0, 2), { status: 'arrived', date: '2027년 5월 9일' })).toEqual({ changed: 2 });
    expect(rows()).toEqual([
      { status: 'arrived', notified_on: '2027-05-03', arrival_date: '2027-05-09', cancelled_on: null, notes: null },
      { status: 'arrived', notified_on: '2027-05-03', arrival_date: '2027-05-09', cancelled_on: null, notes: null },
      { status: 'notified', notified_on: '2027-05-03', arrival_date: null, cancelled_on: null, notes: null },
    ]);
    expect(undoState(db).undoKind).toBe('edit');
    undo(db, 'clerk');
    expect(rows()).toEqual(afterNotified);
    undo(db, 'clerk');
    expect(rows()).toEqual(before);
    redo(db, 'clerk');
    expect(rows()).toEqual(afterNotified);
    // Audited: each changed field of each row, under one operation.
    const entries = db
      .prepare(
        "SELECT count(*) FROM audit_log a JOIN operations o ON o.id = a.operation_id WHERE o.description = 'placements: status notified' AND o.kind = 'edit'",
      )
      .pluck()
      .get();
    expect(entries).toBe(5);
  });

  it('cancelled needs a reason, which joins the notes without replacing them', () => {
    const { db, ids, rows } = ledgerWith(['decided', 'notified']);
    db.prepare("UPDATE placements SET notes = '전화 확인' WHERE id = ?").run(ids[0]);
    expect(code(() => setPlacementStatus(db, 'clerk', ids, { status: 'cancelled', date: '2027.05.04', reason: '  ' }))).toBe(
      'cancel_reason_required',
    );
    setPlacementStatus(db, 'clerk', ids, { status: 'cancelled', date: '2027.05.04', reason: '질병으로 입원' });
    expect(rows()).toEqual([
      { status: 'cancelled', notified_on: null, arrival_date: null, cancelled_on: '2027-05-04', notes: '전화 확인 / 질병으로 입원' },
      { status: 'cancelled', notified_on: null, arrival_date: null, cancelled_on: '2027-05-04', notes: '질병으로 입원' },
    ]);
    undo(db, 'clerk');
    expect((rows()[0] as { notes: string }).notes).toBe('전화 확인');
  });

  it('refuses the whole selection when one row cannot take the status, or the date is not a date: nothing changes, nothing to undo', () => {
    const { db, ids, rows, operations } = ledgerWith(['decided', 'arrived', 'cancelled']);
    const before = rows();
    const ops = operations();
    expect(code(() => setPlacementStatus(db, 'clerk', ids, { status: 'notified', date: '2027.05.03' }))).toBe('status_not_allowed');
    // What has arrived is not notified again (its arrival would be lost).
    expect(code(() => setPlacementStatus(db, 'clerk', ids.slice(0, 2), { status: 'notified', date: '2027.05.03' }))).toBe(
      'status_not_allowed',
    );
    expect(code(() => setPlacementStatus(db, 'clerk', ids.slice(0, 1), { status: 'arrived', date: '5월 초' }))).toBe('status_date_invalid');
    expect(code(() => setPlacementStatus(db, 'clerk', ids.slice(2), { status: 'arrived', date: '2027.05.03' }))).toBe('status_not_allowed');
    expect(rows()).toEqual(before);
    expect(operations()).toBe(ops);
    // The same status and date again changes nothing and leaves no empty operation.
    setPlacementStatus(db, 'clerk', ids.slice(1, 2), { status: 'arrived', date: '2027.05.03' });
    const opsAfter = operations();
    expect(setPlacementStatus(db, 'clerk', ids.slice(1, 2), { status: 'arrived', date: '2027-05-03' })).toEqual({ changed: 0 });
    expect(operations()).toBe(opsAfter);
  });
});
