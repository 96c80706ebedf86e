// Undo and redo of a big import go set-wise (audit/bulk.ts: indexes set aside and rebuilt, the
// search index emptied or filled as one set): what a clerk can see afterwards must be exactly
// what it was — every table as `ledger dump` writes it, every row whole (timestamps too), the
// quick search's answers, the indexes and triggers — and a refused undo changes nothing.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { redo, undo } from '../../src/main/audit/undo';
import { BULK_ROWS } from '../../src/main/audit/bulk';
import { checkLedger } from '../../src/main/check/check';
import { dumpTable } from '../../src/main/dump/dump';
import { undoImport } from '../../src/main/import/undo';
import { personSearchQuery } from '../../src/main/persons/search';
import { LEDGER_TABLES } from '../../src/shared/domain';
import { decisionRows, generatedPerson, importFile, ledgerDigest, writeXlsx } from '../helpers/import';
import { insertPlacement, tempLedger } from '../helpers/ledger';
import { queryPage } from '../../src/main/grid/query';
import { GridEditor } from '../../src/main/grid/edit';
import { gridViewSchema } from '../../src/shared/api/grid.contract';
import { displayCell } from '../../src/shared/grid-display';
import { columnOf } from '../../src/shared/grids';

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

async function decisionFile(dir: string, name: string, rows: number, offset: number): Promise<string> {
  const path = join(dir, name);
  await writeXlsx(path, { strings: 'shared', sheets: [{ name: '배치명단', rows: () => decisionRows(rows, { offset }) }] });
  return path;
}

/** Every table as `ledger dump` writes it (jsonl), byte for byte; all but the audit log, which grows. */
async function dumps(db: Database.Database): Promise<string> {
  let text = '';
  const sink = { write: (chunk: string) => ((text += chunk), true), once: () => undefined };
  for (const table of LEDGER_TABLES.filter((t) => t !== 'audit_log')) {
    text += `# ${table}\n`;
    await dumpTable(db, table, 'jsonl', sink);
  }
  return text;
}

/** Every column of every person and placement (ids, values, timestamps). */
function wholeRows(db: Database.Database): string {
  return ['persons', 'placements']
    .map((t) => (db.prepare(`SELECT * FROM ${t} ORDER BY id`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).join('\n'))
    .join('\n#\n');
}

/** What the quick search answers (person ids), for names and service numbers of both imports. */
function searches(db: Database.Database): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const texts = ['리', '철', '김 호', '00', '123', '100-1', '리철수'];
  for (const i of [0, 7, 4_999, 12_345, 19_999, 50_000, 53_000]) texts.push(generatedPerson(i).serviceNo, generatedPerson(i).name);
  for (const text of texts) {
    out[text] = db
      .prepare('SELECT rowid FROM person_search WHERE person_search MATCH ? ORDER BY rowid')
      .pluck()
      .all(personSearchQuery(text)!) as number[];
  }
  return out;
}

/** The schema of the tables an undo rebuilds: every index and trigger, as created. */
function schema(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name").all();
}

interface State {
  dumps: string;
  rows: string;
  searches: Record<string, number[]>;
}

async function state(db: Database.Database): Promise<State> {
  return { dumps: await dumps(db), rows: wholeRows(db), searches: searches(db) };
}

/** The ledger is in state `then` again: dumps, rows, search answers, indexes and triggers, and `check` passes. */
async function expectBackTo(db: Database.Database, then: State, shape: unknown[]): Promise<void> {
  const now = await state(db);
  // Compared as booleans first: a difference in a few hundred kilobytes would print them all.
  expect(now.dumps === then.dumps, 'ledger dump of every table').toBe(true);
  expect(now.rows === then.rows, 'persons and placements, every column').toBe(true);
  expect(now.searches).toEqual(then.searches);
  expect(schema(db)).toEqual(shape);
  expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
}

/** A fresh ledger holding one import of BULK_ROWS * 2 rows. */
async function importedLedger(): Promise<Database.Database> {
  const { ledger: l, dir } = ledger();
  const { report } = await importFile(l, await decisionFile(dir, 'big.xlsx', BULK_ROWS * 2, 0));
  expect(report.committed).toBe(true);
  return l.db;
}

/** Ctrl+Z is refused as a conflict, and the ledger — rows, audit, schema, search, foreign keys on — is as it was. */
function expectUndoRefused(db: Database.Database): void {
  const digest = ledgerDigest(db, { audit: true });
  const shape = schema(db);
  const searched = searches(db);
  expect(() => undo(db, '김영호')).toThrow(expect.objectContaining({ code: 'undo_conflict' }));
  expect(ledgerDigest(db, { audit: true })).toBe(digest);
  expect(schema(db)).toEqual(shape);
  expect(searches(db)).toEqual(searched);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
}

/** The search indexes and tallies an undo set aside (ledger/aside.ts), by name; not an index's own _data, _idx … tables. */
function asides(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((name) =>
    /^(person_search|placement_tally)_undone_\d+_\d+$/.test(name),
  );
}

/** A fresh ledger (after `prepare`), its state, then one import of `rows` rows and the state after it. */
async function freshImport(rows: number, prepare: (db: Database.Database) => void = () => undefined) {
  const { ledger: l, dir } = ledger();
  const db = l.db;
  prepare(db);
  const empty = await state(db);
  const shape = schema(db);
  const { report } = await importFile(l, await decisionFile(dir, 'big.xlsx', rows, 0));
  expect(report.committed).toBe(true);
  return { l, db, report, empty, shape, after: await state(db) };
}

describe('undo and redo of a big import, set-wise', () => {
  it(
    'a 20,000-row import into a ledger holding a smaller one: dumps, rows and search answers are those before and after, each time',
    { timeout: 300_000 },
    async () => {
      const { ledger: l, dir } = ledger();
      const db = l.db;
      await importFile(l, join(SAMPLES, 'decision-11-fall-clean.xlsx'));
      const before = await state(db);
      const shape = schema(db);
      const { report } = await importFile(l, await decisionFile(dir, 'big.xlsx', 20_000, 0));
      expect(report).toMatchObject({ committed: true, persons: { new: 20_000 }, placements: { new: 20_000 } });
      const after = await state(db);
      expect(after.searches['리']!.length).toBeGreaterThan(before.searches['리']!.length);
      expect(after.searches[generatedPerson(12_345).serviceNo]).toHaveLength(1);

      // The Import page's undo (the set-wise path: 20,000 persons go, a few hundred stay).
      undoImport(db, report.decisionFileId!, '김영호');
      await expectBackTo(db, before, shape);
      // The rows it took out went to the row stores, one '-*' entry per run, not one entry each.
      const undoOp = db.prepare("SELECT max(id) FROM operations WHERE kind = 'undo'").pluck().get() as number;
      const entries = (field: string) =>
        db
          .prepare('SELECT entity, count(*) AS n FROM audit_log WHERE operation_id = ? AND field = ? GROUP BY entity ORDER BY entity')
          .all(undoOp, field);
      expect(entries('-*')).toEqual([
        { entity: 'person', n: 1 },
        { entity: 'placement', n: 1 },
      ]);
      expect(
        entries('-').filter((e) => (e as { entity: string }).entity === 'person' || (e as { entity: string }).entity === 'placement'),
      ).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM audit_rows_persons').pluck().get()).toBe(20_000);
      // Ctrl+Y brings back the very same rows (ids, values, timestamps) and search terms.
      redo(db, '김영호');
      await expectBackTo(db, after, shape);
      // And Ctrl+Z takes it back again from the redo's own entries.
      undo(db, '김영호');
      await expectBackTo(db, before, shape);
      redo(db, '김영호');
      await expectBackTo(db, after, shape);
    },
  );

  it(
    'a big import on a ledger holding more persons than it adds keeps the indexes in step instead, with the same result',
    { timeout: 300_000 },
    async () => {
      const { ledger: l, dir } = ledger();
      const db = l.db;
      await importFile(l, await decisionFile(dir, 'base.xlsx', 20_000, 0));
      const before = await state(db);
      const shape = schema(db);
      const { report } = await importFile(l, await decisionFile(dir, 'more.xlsx', BULK_ROWS + 1_000, 50_000));
      expect(report).toMatchObject({ committed: true, persons: { new: BULK_ROWS + 1_000 } });
      const after = await state(db);
      expect(after.searches[generatedPerson(53_000).serviceNo]).toHaveLength(1);

      undo(db, '김영호');
      await expectBackTo(db, before, shape);
      redo(db, '김영호');
      await expectBackTo(db, after, shape);
    },
  );

  it(
    'History names the rows an undo took out in bulk; a column the table gained since comes back with its default',
    { timeout: 300_000 },
    async () => {
      const { ledger: l, dir } = ledger();
      const db = l.db;
      const { report } = await importFile(l, await decisionFile(dir, 'big.xlsx', BULK_ROWS, 0));
      expect(report.committed).toBe(true);
      const first = db.prepare("SELECT service_no || ' ' || name FROM persons ORDER BY id LIMIT 1").pluck().get();
      const last = db.prepare("SELECT service_no || ' ' || name FROM persons ORDER BY id DESC LIMIT 1").pluck().get();
      undo(db, '김영호');
      expect(db.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(0);
      const rows = queryPage(db, 'history', gridViewSchema.parse({}), 0, 10).rows.filter((r) => r.operation === 'undo');
      const person = rows.find((r) => r.entity === 'person')!;
      expect(person.subject).toBe(`${first} … ${last}`);
      const field = columnOf('history', 'field')!;
      const count = columnOf('history', 'old_value')!;
      expect(displayCell('history', field, person.field, 'ko', null, person)).toBe('여러 행 삭제');
      expect(displayCell('history', field, person.field, 'en', null, person)).toBe('rows deleted');
      expect(displayCell('history', count, person.old_value, 'ko', null, person)).toBe(`${BULK_ROWS.toLocaleString('ko-KR')}행`);
      expect(displayCell('history', columnOf('history', 'new_value')!, person.new_value, 'ko', null, person)).toBe('');

      // A migration adds a column to persons while the rows are out: they come back with its default.
      db.exec("ALTER TABLE persons ADD COLUMN later_column TEXT NOT NULL DEFAULT 'default'");
      redo(db, '김영호');
      expect(db.prepare("SELECT count(*) FROM persons WHERE later_column = 'default'").pluck().get()).toBe(BULK_ROWS);
      // Taken out again, the store gains the column and keeps the value.
      db.exec("UPDATE persons SET later_column = 'kept' WHERE id = (SELECT min(id) FROM persons)");
      undo(db, '김영호');
      expect(db.prepare("SELECT count(*) FROM audit_rows_persons WHERE later_column = 'kept'").pluck().get()).toBe(1);
      redo(db, '김영호');
      expect(db.prepare('SELECT later_column FROM persons ORDER BY id LIMIT 1').pluck().get()).toBe('kept');
      expect(checkLedger(db)).toEqual({ ok: true, problems: [] });

      // Rows stored at another migration level are checked again on their way back: one that
      // breaks a CHECK (another program wrote to the store) stops the redo, and nothing changes.
      undo(db, '김영호');
      db.exec("UPDATE audit_rows_persons SET sex = 'X' WHERE rowid = (SELECT max(rowid) FROM audit_rows_persons)");
      db.exec("UPDATE audit_log SET old_value = replace(old_value, '@', '@1') WHERE field = '-*'");
      const digest = ledgerDigest(db, { audit: true });
      expect(() => redo(db, '김영호')).toThrow(expect.objectContaining({ code: 'undo_conflict' }));
      expect(ledgerDigest(db, { audit: true })).toBe(digest);
    },
  );

  it(
    'refuses when a row outside the audit trail still points to an imported person, and leaves everything as it was',
    { timeout: 300_000 },
    async () => {
      const db = await importedLedger();
      // A placement of the last imported person in another term, written without an operation:
      // only the foreign key finds it, in the middle of the set-wise delete.
      const personId = db.prepare('SELECT max(id) FROM persons').pluck().get() as number;
      const cohortId = db.prepare("INSERT INTO cohorts (year, term, created_at) VALUES (2028, 'fall', '2027-03-14T00:00:00.000Z')").run()
        .lastInsertRowid as number;
      insertPlacement(db, {
        personId,
        cohortId: Number(cohortId),
        countyCode: db.prepare('SELECT code FROM regions WHERE parent_id IS NOT NULL LIMIT 1').pluck().get() as string,
      });
      expectUndoRefused(db);
    },
  );

  it(
    'a big undo checks the foreign keys itself: rows brought back that point to a row gone since are refused',
    { timeout: 300_000 },
    async () => {
      const db = await importedLedger();
      // The clerk deletes every placement (one operation, each row recorded whole) …
      const placementIds = db.prepare('SELECT id FROM placements ORDER BY id').pluck().all() as number[];
      new GridEditor(db, () => '김영호').delete('placements', placementIds, 'delete');
      // … and a person one of them pointed to goes outside the audit trail (nothing refers to it now).
      const personId = db.prepare('SELECT max(id) FROM persons').pluck().get() as number;
      db.prepare('DELETE FROM persons WHERE id = ?').run(personId);
      // Undoing the delete would bring back a placement of a person who is gone: refused, as
      // SQLite refuses it when it checks the keys itself, and nothing changes.
      expectUndoRefused(db);
    },
  );

  it(
    'a full disk in the middle of a big undo: nothing changes, the foreign keys are checked again, and the undo works once there is room',
    { timeout: 300_000 },
    async () => {
      const db = await importedLedger();
      const digest = ledgerDigest(db, { audit: true });
      const searched = searches(db);
      // The row store needs pages the file may not grow by (SQLite's own way to test SQLITE_FULL).
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages + 2}`);
      expect(() => undo(db, '김영호')).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
      expect(db.inTransaction).toBe(false);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(ledgerDigest(db, { audit: true })).toBe(digest);
      expect(searches(db)).toEqual(searched);
      db.pragma('max_page_count = 1073741823');
      undo(db, '김영호');
      expect(db.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(0);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    },
  );

  it(
    'on a fresh ledger the undo sets the search index and tally aside and the redo puts them back; one that does not fit is made afresh',
    { timeout: 300_000 },
    async () => {
      const { l, db, report, empty, shape, after } = await freshImport(BULK_ROWS * 2);
      const undoOp = () => db.prepare("SELECT max(id) FROM operations WHERE kind = 'undo'").pluck().get() as number;
      const firstPerson = db.prepare('SELECT min(id) FROM persons').pluck().get() as number;
      const firstPlacement = db.prepare('SELECT min(id) FROM placements').pluck().get() as number;
      const searchAside = () => `person_search_undone_${undoOp()}_${firstPerson}`;
      const tallyAside = () => `placement_tally_undone_${undoOp()}_${firstPlacement}`;

      // Every person and placement goes: the search index and the tally are set aside, whole.
      undoImport(db, report.decisionFileId!, '김영호');
      await expectBackTo(db, empty, shape);
      expect(asides(db)).toEqual([tallyAside(), searchAside()].sort());
      expect(db.prepare(`SELECT count(*) FROM "${searchAside()}"`).pluck().get()).toBe(BULK_ROWS * 2);
      // Ctrl+Y brings the rows back and puts them back in place: nothing is left aside.
      redo(db, '김영호');
      await expectBackTo(db, after, shape);
      expect(asides(db)).toEqual([]);

      // Set aside again, then changed by another program: a search index missing one person and a
      // tally one off do not fit the rows, so the redo makes both afresh, with the same result.
      undo(db, '김영호');
      await expectBackTo(db, empty, shape);
      db.exec(`DELETE FROM "${searchAside()}" WHERE rowid = ${firstPerson + 7}`);
      db.exec(`UPDATE "${tallyAside()}" SET n = n + 1 WHERE rowid = (SELECT min(rowid) FROM "${tallyAside()}")`);
      redo(db, '김영호');
      await expectBackTo(db, after, shape);
      // What did not fit stays aside until the next big write, which drops it: after another
      // undo, only what that one set aside is there.
      expect(asides(db)).toEqual([tallyAside(), searchAside()].sort());
      const stale = asides(db);
      undo(db, '김영호');
      expect(asides(db)).toEqual([tallyAside(), searchAside()].sort());
      expect(asides(db)).not.toEqual(stale);
      // An import clears the redo stack: what the undo set aside goes with it.
      await importFile(l, join(SAMPLES, 'decision-11-fall-clean.xlsx'));
      expect(asides(db)).toEqual([]);
      expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    },
  );

  it(
    'an object besides its own triggers naming the search index keeps it from being set aside: it is made afresh, the object untouched',
    { timeout: 300_000 },
    async () => {
      // A view a later migration might add: SQLite's RENAME would point it at the index set aside.
      const made = 'CREATE VIEW search_size AS SELECT count(*) AS n FROM person_search';
      const { db, empty, shape, after } = await freshImport(BULK_ROWS, (db) => db.exec(made));
      const view = () => db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'search_size'").pluck().get();

      undo(db, '김영호');
      await expectBackTo(db, empty, shape);
      expect(asides(db)).toEqual([expect.stringMatching(/^placement_tally_undone_/)]);
      expect(view()).toBe(made);
      expect(db.prepare('SELECT n FROM search_size').pluck().get()).toBe(0);
      redo(db, '김영호');
      await expectBackTo(db, after, shape);
      expect(view()).toBe(made);
      expect(db.prepare('SELECT n FROM search_size').pluck().get()).toBe(BULK_ROWS);
    },
  );
});
