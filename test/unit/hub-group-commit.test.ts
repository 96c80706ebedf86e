// Edits that reach the hub together are committed together (hub/group-commit.ts): one fsync for
// the group, each edit still its own operation, a refused one taking back only itself, and none
// answered before the commit. When the group cannot be kept together, each runs on its own.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession, type LedgerSession } from '../../src/main/api/session';
import { GroupCommit } from '../../src/main/hub/group-commit';
import { runAsClerk } from '../../src/main/hub/request-clerk';
import { checkLedger } from '../../src/main/check/check';
import type { Result } from '../../src/shared/errors';
import { insertPerson, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setup(): { session: LedgerSession; ids: number[] } {
  const env = tempLedger();
  const session = createSession({ ledger: env.ledger, appVersion: 'test' });
  cleanups.push(env.cleanup, () => session.close());
  const ids = Array.from({ length: 6 }, (_, i) => insertPerson(env.ledger.db, { serviceNo: `100-0000${i}`, name: `김철${i}` }));
  return { session, ids };
}

const edit = (session: LedgerSession, clerk: string, id: number, value: string, baseVersion?: number) => () =>
  runAsClerk({ name: clerk, role: 'clerk' }, () =>
    session.dispatch('gridUpdateCell', { grid: 'persons', id, colId: 'unit', value, ...(baseVersion ? { baseVersion } : {}) }),
  ) as Result<unknown>;

const operationsOf = (session: LedgerSession) =>
  session.ledger.db.prepare("SELECT clerk, count(*) AS n FROM operations WHERE kind = 'edit' GROUP BY clerk ORDER BY clerk").all();

describe('group commit of the hub’s edits', () => {
  it('commits edits of one turn together, each its own operation; a stale one refused alone; answers after the commit', async () => {
    const { session, ids } = setup();
    const db = session.ledger.db;
    const group = new GroupCommit(() => session.ledger);
    const version = (id: number) => db.prepare('SELECT version FROM persons WHERE id = ?').pluck().get(id) as number;
    // A colleague changed the last person since the clerk read it.
    const stale = version(ids[5]!);
    db.prepare('UPDATE persons SET unit = ? WHERE id = ?').run('다른 부대', ids[5]!);
    let committedWhenAnswered: boolean[] = [];
    const watch = (p: Promise<Result<unknown>>) =>
      p.then((answer) => {
        // Another connection sees the edit as soon as its answer arrives: it was committed first.
        const reader = new Database(session.ledger.path, { readonly: true });
        committedWhenAnswered = [
          ...committedWhenAnswered,
          reader.prepare("SELECT count(*) FROM persons WHERE unit LIKE '제%'").pluck().get() === 5,
        ];
        reader.close();
        return answer;
      });
    const answers = await Promise.all([
      ...ids.slice(0, 5).map((id, i) => watch(group.submit(edit(session, i % 2 ? '김영호' : '리순희', id, `제${i}호 부대`, version(id))))),
      watch(group.submit(edit(session, '김영호', ids[5]!, '제9호 부대', stale))),
    ]);
    expect(answers.slice(0, 5).every((a) => a.ok)).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false, error: { code: 'row_changed' } });
    expect(group.stats).toEqual({ groups: 1, grouped: 6 });
    expect(committedWhenAnswered).toEqual([true, true, true, true, true, true]);
    expect(operationsOf(session)).toEqual([
      { clerk: '김영호', n: 2 },
      { clerk: '리순희', n: 3 },
    ]);
    expect(db.prepare('SELECT unit FROM persons WHERE id = ?').pluck().get(ids[5]!)).toBe('다른 부대');
    expect(db.inTransaction).toBe(false);
    expect(checkLedger(db)).toMatchObject({ ok: true });
  });

  it('runs each on its own when another writer holds the lock, or SQLite took the group back', async () => {
    const { session, ids } = setup();
    const db = session.ledger.db;
    const group = new GroupCommit(() => session.ledger);
    const other = new Database(session.ledger.path);
    cleanups.push(() => other.close());
    other.exec('BEGIN IMMEDIATE');
    const held = Promise.all(ids.slice(0, 3).map((id, i) => group.submit(edit(session, '김영호', id, `제${i}호 부대`))));
    setTimeout(() => other.exec('COMMIT'), 300);
    expect((await held).every((a) => a.ok)).toBe(true);
    expect(group.stats.groups).toBe(0);

    // The whole transaction taken back in the middle of the group (as SQLite does after a full
    // disk): every edit runs again on its own, and each is written exactly once.
    const rollingBack = () => {
      db.exec('ROLLBACK');
      return { ok: true, value: null } as Result<unknown>;
    };
    const answers = await Promise.all([
      group.submit(edit(session, '리순희', ids[3]!, '제3호 부대')),
      group.submit(() => (db.inTransaction ? rollingBack() : { ok: true, value: null })),
      group.submit(edit(session, '리순희', ids[4]!, '제4호 부대')),
      // Not the same when done twice: a new person.
      group.submit(
        () =>
          runAsClerk({ name: '리순희', role: 'clerk' }, () =>
            session.dispatch('gridAddRow', { grid: 'persons', values: { service_no: '200-00001', name: '박영남' } }),
          ) as Result<unknown>,
      ),
    ]);
    expect(answers.every((a) => a.ok)).toBe(true);
    // Each answer is the one of the edit's own run that stayed: the new person was added (a second
    // run would have been refused as a duplicate service number).
    expect(answers[3]).toMatchObject({ ok: true, value: { status: 'added' } });
    expect(db.prepare("SELECT count(*) FROM persons WHERE unit LIKE '제%'").pluck().get()).toBe(5);
    expect(db.prepare("SELECT count(*) FROM persons WHERE name = '박영남'").pluck().get()).toBe(1);
    expect(operationsOf(session)).toEqual([
      { clerk: '김영호', n: 3 },
      { clerk: '리순희', n: 2 },
    ]);
    expect(db.prepare("SELECT count(*) FROM operations WHERE kind = 'add'").pluck().get()).toBe(1);
    expect(checkLedger(db)).toMatchObject({ ok: true });
  });
  it('answers a call that throws with a sentence code and commits the rest of its group', async () => {
    const { session, ids } = setup();
    const group = new GroupCommit(() => session.ledger);
    const answers = await Promise.all([
      group.submit(edit(session, '김영호', ids[0]!, '제1호 부대')),
      group.submit(() => {
        throw new Error('broken');
      }),
      group.submit(edit(session, '김영호', ids[1]!, '제2호 부대')),
    ]);
    expect(answers.map((a) => a.ok)).toEqual([true, false, true]);
    expect(answers[1]).toMatchObject({ error: { code: 'internal' } });
    expect(session.ledger.db.inTransaction).toBe(false);
    expect(session.ledger.db.prepare("SELECT count(*) FROM persons WHERE unit LIKE '제%'").pluck().get()).toBe(2);
  });
});
