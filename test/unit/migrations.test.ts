import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { personSearchQuery } from '../../src/main/persons/search';
import { checkLedger } from '../../src/main/check/check';
import { migrate } from '../../src/main/ledger/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../src/main/ledger/migrations';
import type { Migration } from '../../src/main/ledger/migration-types';
import { openLedger } from '../../src/main/ledger/open';
import { resourcesDir } from '../../src/main/util/resources';
import { insertCohort, insertPerson, tempDir } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function ledgerPath(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'ledger.sqlite');
}

describe('migrations', () => {
  it('are numbered 1, 2, 3 … without gaps, each with a kebab-case name', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    });
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('0001-initial creates STRICT tables that enforce the domain rules', () => {
    const path = ledgerPath();
    const ledger = openLedger(path, { targetVersion: 1 });
    try {
      const { db } = ledger;
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      const tables = (
        db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[]
      ).filter((t) => !t.name.startsWith('sqlite_'));
      for (const name of [
        'regions',
        'cohorts',
        'persons',
        'county_requests',
        'placements',
        'decision_files',
        'audit_log',
        'operations',
        'settings',
      ]) {
        const table = tables.find((t) => t.name === name);
        expect(table, name).toBeDefined();
        expect(table!.sql).toMatch(/STRICT$/);
      }
      const cohort = insertCohort(db, 2027, 'spring');
      insertPerson(db, {
        serviceNo: '254-16403',
        name: '표혜영',
        sex: 'F',
        birthDate: '1997-06-11',
        dischargeDate: '2027-04-23',
        cohortId: cohort,
      });
      expect(() => insertPerson(db, { serviceNo: '254-16403', name: '다른 사람' })).toThrow(/UNIQUE/);
      expect(() => insertPerson(db, { serviceNo: '1', name: '김철', sex: 'X' as 'M' })).toThrow(/CHECK/);
      expect(() => insertPerson(db, { serviceNo: '2', name: '김철', birthDate: '1997.06.11' })).toThrow(/CHECK/);
      expect(() => insertPerson(db, { serviceNo: '3 4', name: '김철' })).toThrow(/CHECK/);
      expect(() => insertCohort(db, 2027, 'winter' as 'fall')).toThrow(/CHECK/);
      expect(() => insertCohort(db, 2027, 'spring')).toThrow(/UNIQUE/);
      const recorded = db.prepare('SELECT version, name FROM schema_migrations').all();
      expect(recorded).toEqual([{ version: 1, name: 'initial' }]);
    } finally {
      ledger.close();
    }
  });

  it('0002-seed-regions seeds provinces and their units into a ledger holding rows, keeping the rows', () => {
    const path = ledgerPath();
    const atOne = openLedger(path, { targetVersion: 1 });
    const cohort = insertCohort(atOne.db, 2027, 'fall');
    insertPerson(atOne.db, { serviceNo: '612-13380', name: '리철진', sex: 'M', cohortId: cohort, homeProvince: 'kangwon' });
    atOne.close();

    const ledger = openLedger(path, { targetVersion: 2 });
    try {
      const { db } = ledger;
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      const person = db.prepare('SELECT service_no, name, home_province FROM persons').get();
      expect(person).toEqual({ service_no: '612-13380', name: '리철진', home_province: 'kangwon' });
      const levels = db.prepare('SELECT level, count(*) AS n FROM regions GROUP BY level ORDER BY level').all();
      expect(levels).toEqual([
        { level: 1, n: 13 },
        { level: 2, n: 199 },
      ]);
      const hoeyang = db
        .prepare(
          "SELECT u.code, u.name_ko, u.type, p.code AS province FROM regions u JOIN regions p ON p.id = u.parent_id WHERE u.name_ko = '회양군'",
        )
        .get();
      expect(hoeyang).toEqual({ code: 'kangwon.hoeyang-gun', name_ko: '회양군', type: 'county', province: 'kangwon' });
      // North Korean spelling is kept as shipped.
      expect(db.prepare("SELECT name_ko FROM regions WHERE code = 'ryanggang'").get()).toEqual({ name_ko: '량강도' });
      expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      ledger.close();
    }
  });

  it('applies a migration all or nothing: a failing one leaves the ledger at the level before', () => {
    const db = new Database(ledgerPath());
    cleanups.push(() => db.close());
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT');
        throw new Error('disk full');
      },
    };
    const context = { resourcesDir: resourcesDir() };
    migrate(db, MIGRATIONS, context);
    expect(() => migrate(db, [...MIGRATIONS, broken], context)).toThrow(/disk full/);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: LATEST_VERSION });
  });

  it('0003-grid-support marks operations as not undone, keeping the audit trail of a ledger holding rows', () => {
    const path = ledgerPath();
    const atTwo = openLedger(path, { targetVersion: 2 });
    const cohort = insertCohort(atTwo.db, 2027, 'spring');
    insertPerson(atTwo.db, { serviceNo: '100-1', name: '김철', cohortId: cohort });
    atTwo.db.prepare("INSERT INTO operations (kind, clerk, started_at) VALUES ('edit', '김영호', '2027-01-01T00:00:00Z')").run();
    atTwo.db
      .prepare(
        "INSERT INTO audit_log (operation_id, entity, entity_id, field, old_value, new_value, at, clerk) VALUES (1, 'person', 1, 'name', '김', '김철', 'x', '김영호')",
      )
      .run();
    atTwo.close();
    const ledger = openLedger(path, { targetVersion: 3 });
    try {
      expect(ledger.db.prepare('SELECT kind, clerk, undone FROM operations').all()).toEqual([{ kind: 'edit', clerk: '김영호', undone: 0 }]);
      expect(ledger.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
      expect(() => ledger.db.prepare('UPDATE operations SET undone = 2').run()).toThrow(/CHECK/);
      const indexes = ledger.db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('persons_id_order', 'placements_dest_person', 'operations_kind') ORDER BY name",
        )
        .pluck()
        .all();
      expect(indexes).toEqual(['operations_kind', 'persons_id_order', 'placements_dest_person']);
      expect(checkLedger(ledger.db)).toEqual({ ok: true, problems: [] });
    } finally {
      ledger.close();
    }
  });

  it('0005-audit-created-ranges indexes bulk entries only, on a ledger holding rows and history', () => {
    const path = ledgerPath();
    const atFour = openLedger(path, { targetVersion: 4 });
    const cohort = insertCohort(atFour.db, 2027, 'spring');
    insertPerson(atFour.db, { serviceNo: '100-1', name: '김철', cohortId: cohort });
    atFour.db.prepare("INSERT INTO operations (kind, clerk, started_at) VALUES ('import', '김영호', '2027-01-01T00:00:00Z')").run();
    atFour.db
      .prepare(
        "INSERT INTO audit_log (operation_id, entity, entity_id, field, old_value, new_value, at, clerk) VALUES (1, 'person', 1, '+', NULL, '{}', 'x', '김영호')",
      )
      .run();
    atFour.close();
    const ledger = openLedger(path, { targetVersion: 5 });
    try {
      expect(ledger.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
      expect(ledger.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'audit_log_created_ranges'").pluck().get()).toMatch(
        /WHERE field = '\+\*'/,
      );
      const plan = ledger.db
        .prepare("EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE field = '+*' AND entity = 'person' AND entity_id <= 5")
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/audit_log_created_ranges/);
      expect(checkLedger(ledger.db)).toEqual({ ok: true, problems: [] });
    } finally {
      ledger.close();
    }
  });

  it('0006-person-search indexes the persons a ledger already holds, and triggers keep the index', () => {
    const path = ledgerPath();
    const atFive = openLedger(path, { targetVersion: 5 });
    const cohort = insertCohort(atFive.db, 2027, 'spring');
    insertPerson(atFive.db, { serviceNo: '100-00017', name: '리효성', cohortId: cohort });
    insertPerson(atFive.db, { serviceNo: '100-00018', name: '김철', cohortId: cohort });
    atFive.close();
    const ledger = openLedger(path, { targetVersion: 6 });
    const { db } = ledger;
    const found = (text: string) =>
      db
        .prepare('SELECT p.name FROM persons p WHERE p.id IN (SELECT rowid FROM person_search WHERE person_search MATCH ?) ORDER BY p.id')
        .pluck()
        .all(personSearchQuery(text));
    try {
      expect(found('효성')).toEqual(['리효성']);
      expect(found('이효')).toEqual(['리효성']);
      expect(found('0001')).toEqual(['리효성', '김철']);
      expect(found('0018')).toEqual(['김철']);
      insertPerson(db, { serviceNo: '200-1', name: '박효성', cohortId: cohort });
      db.prepare("UPDATE persons SET name = '리영남', name_sort_key = ? WHERE service_no = '100-00017'").run(nkSortKey('리영남'));
      expect(found('효성')).toEqual(['박효성']);
      expect(found('영남')).toEqual(['리영남']);
      db.prepare("DELETE FROM persons WHERE service_no = '200-1'").run();
      expect(found('효성')).toEqual([]);
      expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
      // A search index that lost an entry is a problem the check names.
      db.prepare("DELETE FROM person_search WHERE rowid = (SELECT id FROM persons WHERE service_no = '100-00018')").run();
      expect(checkLedger(db).problems.map((p) => p.code)).toEqual(['person_search_complete']);
    } finally {
      ledger.close();
    }
  });

  it('0010-allocation-runs lets operations be allocate, keeping operations and their audit trail; runs and pins are checked', () => {
    const path = ledgerPath();
    const atEight = openLedger(path, { targetVersion: 9 });
    const cohort = insertCohort(atEight.db, 2027, 'spring');
    insertPerson(atEight.db, { serviceNo: '100-1', name: '김철', cohortId: cohort });
    atEight.db.prepare("INSERT INTO operations (kind, clerk, started_at) VALUES ('edit', '김영호', '2027-01-01T00:00:00Z')").run();
    atEight.db
      .prepare(
        "INSERT INTO operations (kind, clerk, started_at, reverts_operation_id, undone) VALUES ('undo', '김영호', '2027-01-01T00:00:01Z', 1, 0)",
      )
      .run();
    atEight.db.prepare('UPDATE operations SET undone = 1 WHERE id = 1').run();
    atEight.db
      .prepare(
        "INSERT INTO audit_log (operation_id, entity, entity_id, field, old_value, new_value, at, clerk) VALUES (1, 'person', 1, 'name', '김', '김철', 'x', '김영호')",
      )
      .run();
    expect(() => atEight.db.prepare("INSERT INTO operations (kind, clerk, started_at) VALUES ('allocate', 'x', 'y')").run()).toThrow(
      /CHECK/,
    );
    const ops = atEight.db.prepare('SELECT * FROM operations ORDER BY id').all();
    atEight.close();
    const ledger = openLedger(path, { targetVersion: 10 });
    try {
      const { db } = ledger;
      expect(db.prepare('SELECT * FROM operations ORDER BY id').all()).toEqual(ops);
      expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
      db.prepare("INSERT INTO operations (kind, clerk, started_at) VALUES ('allocate', 'x', 'y')").run();
      expect(() => db.prepare("INSERT INTO operations (kind, clerk, started_at) VALUES ('shuffle', 'x', 'y')").run()).toThrow(/CHECK/);
      expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'operations_kind'").pluck().get()).toBe('operations_kind');
      const run = (state: string, operation: number | null) =>
        db
          .prepare(
            `INSERT INTO allocation_runs (cohort_id, county_ids, settings, pins, input_hash, objective, persons, assigned, unassigned, cross_sector, solver, counties, clerk, created_at, state, operation_id)
             VALUES (?, '[]', '{}', '[]', ?, 0, 0, 0, 0, 0, '{}', '[]', 'x', 'y', ?, ?)`,
          )
          .run(cohort, 'a'.repeat(64), state, operation);
      expect(() => run('accepted', null)).toThrow(/CHECK/);
      expect(() => run('maybe', null)).toThrow(/CHECK/);
      const runId = Number(run('proposed', null).lastInsertRowid);
      const assign = (request: number | null, reason: string | null) =>
        db
          .prepare(
            `INSERT INTO allocation_assignments (run_id, placement_id, county_id, request_id, reason, placement_updated_at, person_updated_at) VALUES (?, ?, 1, ?, ?, 'x', 'y')`,
          )
          .run(runId, Math.floor(Math.random() * 1e9), request, reason);
      expect(() => assign(null, null)).toThrow(/CHECK/);
      expect(() => assign(5, 'seats_taken')).toThrow(/CHECK/);
      expect(() => assign(null, 'no_such_reason')).toThrow(/CHECK/);
      assign(null, 'kept_unassigned');
      db.prepare('DELETE FROM allocation_runs WHERE id = ?').run(runId);
      expect(db.prepare('SELECT count(*) FROM allocation_assignments').pluck().get()).toBe(0);
      expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      ledger.close();
    }
  });

  it('applies nothing twice when opened again', () => {
    const path = ledgerPath();
    openLedger(path).close();
    const ledger = openLedger(path);
    try {
      expect(ledger.db.prepare('SELECT count(*) AS n FROM regions').get()).toEqual({ n: 212 });
      expect(ledger.db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: LATEST_VERSION });
    } finally {
      ledger.close();
    }
  });
});
