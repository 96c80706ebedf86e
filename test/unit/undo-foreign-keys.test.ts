// The checks a big undo makes itself while SQLite's foreign-key enforcement is off
// (ForeignKeyWatch, audit/bulk.ts): on a real ledger file, every way the replay names what it
// wrote — a range, a condition, single rows — refuses exactly what SQLite would have refused.
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ForeignKeyWatch, foreignKeyWatch, withForeignKeyWatch } from '../../src/main/audit/bulk';
import { insertCohort, insertPerson, insertPlacement, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function ledger(): Database.Database {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  return t.ledger.db;
}

const refuse = (why: string) => new Error(`refused: ${why}`);

/** A ledger with two persons, the first placed; enforcement off, as during a big undo. */
function placedLedger(): { db: Database.Database; placed: number; free: number; placement: number } {
  const db = ledger();
  const cohortId = insertCohort(db, 2027, 'spring');
  const placed = insertPerson(db, { serviceNo: '100-1', name: '김철수', cohortId });
  const free = insertPerson(db, { serviceNo: '100-2', name: '리영희', cohortId });
  const placement = insertPlacement(db, { personId: placed, cohortId, countyCode: 'kangwon.hoeyang-gun' });
  db.pragma('foreign_keys = OFF');
  return { db, placed, free, placement };
}

describe('a big undo checks foreign keys as sets', () => {
  it('refuses a person taken out that a placement still refers to — by range and one by one — and lets a free one go', () => {
    const { db, placed, free } = placedLedger();
    db.prepare('DELETE FROM persons WHERE id IN (?, ?)').run(placed, free);

    const byRange = new ForeignKeyWatch();
    byRange.tookOut('persons', Math.min(placed, free), Math.max(placed, free));
    expect(() => byRange.verify(db, refuse)).toThrow(/refused: persons rows are still referred to by placements/);

    const byRow = new ForeignKeyWatch();
    byRow.tookOutRow('persons', free);
    byRow.tookOutRow('persons', placed);
    expect(() => byRow.verify(db, refuse)).toThrow(/still referred to by placements/);

    const freeOnly = new ForeignKeyWatch();
    freeOnly.tookOutRow('persons', free);
    expect(() => freeOnly.verify(db, refuse)).not.toThrow();
  });

  it('refuses a row written that refers to one missing — by range, by condition and one by one — and lets a sound one pass', () => {
    const { db, placement, free } = placedLedger();
    db.prepare('UPDATE placements SET person_id = 999999 WHERE id = ?').run(placement);
    const checks: [string, (w: ForeignKeyWatch) => void][] = [
      ['range', (w) => w.wrote('placements', 'id BETWEEN ? AND ?', [placement, placement])],
      ['condition', (w) => w.wrote('placements', 'id IN (SELECT id FROM placements WHERE person_id = ?)', [999999])],
      ['row', (w) => w.wroteRow('placements', placement)],
    ];
    for (const [, tell] of checks) {
      const watch = new ForeignKeyWatch();
      watch.wroteRow('persons', free);
      tell(watch);
      expect(() => watch.verify(db, refuse)).toThrow(/refused: placements \d+ refers to a persons that is gone \(person_id\)/);
    }
    db.prepare('UPDATE placements SET person_id = ? WHERE id = ?').run(free, placement);
    const sound = new ForeignKeyWatch();
    sound.wroteRow('placements', placement);
    sound.tookOutRow('persons', 424242);
    expect(() => sound.verify(db, refuse)).not.toThrow();
  });

  it('turns enforcement off only around a whole transaction, and back on after it, even when the write fails', () => {
    const db = ledger();
    expect(withForeignKeyWatch(db, () => [db.pragma('foreign_keys', { simple: true }), foreignKeyWatch(db) !== null])).toEqual([0, true]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(foreignKeyWatch(db)).toBeNull();
    expect(() =>
      withForeignKeyWatch(db, () => {
        db.exec('BEGIN');
        throw new Error('the write failed');
      }),
    ).toThrow('the write failed');
    expect(db.inTransaction).toBe(false);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Inside a transaction the pragma cannot change: SQLite keeps checking, no watch.
    db.exec('BEGIN');
    expect(withForeignKeyWatch(db, () => foreignKeyWatch(db))).toBeNull();
    db.exec('ROLLBACK');
  });
});
