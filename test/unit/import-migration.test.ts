// Migration 0004-import-mappings (the import's remembered header mappings), per the README's rule:
// open a ledger at the previous level with rows in it, migrate, check the rows and the new schema.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/main/check/check';
import { MIGRATIONS } from '../../src/main/ledger/migrations';
import { openLedger } from '../../src/main/ledger/open';
import { insertCohort, insertPerson, tempDir } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('migration 0004-import-mappings', () => {
  it('adds the remembered header mappings to a ledger holding rows, keeping them', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'ledger.sqlite');
    const version = MIGRATIONS.findIndex((m) => m.name === 'import-mappings') + 1;
    expect(MIGRATIONS[version - 1]!.version).toBe(version);
    const before = openLedger(path, { targetVersion: version - 1 });
    const cohort = insertCohort(before.db, 2027, 'spring');
    insertPerson(before.db, { serviceNo: '254-16403', name: '표혜영', sex: 'F', cohortId: cohort });
    before.close();

    const ledger = openLedger(path, { targetVersion: version });
    try {
      const { db } = ledger;
      expect(db.pragma('user_version', { simple: true })).toBe(version);
      expect(db.prepare('SELECT service_no, name FROM persons').all()).toEqual([{ service_no: '254-16403', name: '표혜영' }]);
      const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'import_header_mappings'").pluck().get() as string;
      expect(sql).toMatch(/STRICT$/);
      const insert = db.prepare(
        `INSERT INTO import_header_mappings (signature, kind, headers, mapping, clerk, created_at, updated_at) VALUES (?, ?, ?, ?, '김영호', 'x', 'x')`,
      );
      insert.run('0123456789abcdef', 'decision', '["군번"]', '{"0":"serviceNo"}');
      expect(() => insert.run('short', 'decision', '[]', '{}')).toThrow(/CHECK/);
      expect(() => insert.run('fedcba9876543210', 'persons', '[]', '{}')).toThrow(/CHECK/);
      expect(() => insert.run('fedcba9876543211', 'decision', 'not json', '{}')).toThrow(/CHECK/);
      expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      ledger.close();
    }
  });
});
