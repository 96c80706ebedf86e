import type Database from 'better-sqlite3';
import type { CheckProblem, CheckReport } from '../../shared/contract';
import { nkSortKey } from '../domain/nk-collation';
import { migrationLevel } from '../ledger/migrate';

interface Invariant {
  code: string;
  /** A table the rule needs (one a later migration adds): a ledger without it is not asked. */
  requires?: string;
  /** Counts the rows that break the rule. */
  sql: string;
  describe(count: number): string;
}

// Rules the schema cannot state by itself. Each query counts offenders; 0 means kept.
const INVARIANTS: readonly Invariant[] = [
  {
    code: 'migrations_recorded',
    sql: `SELECT abs((SELECT count(*) FROM schema_migrations) - (SELECT user_version FROM pragma_user_version)) AS n`,
    describe: (n) => `schema_migrations and user_version disagree by ${n}`,
  },
  {
    code: 'name_sort_key',
    sql: `SELECT count(*) AS n FROM persons WHERE name_sort_key IS NOT nk_sort_key(name)`,
    describe: (n) => `${n} person(s) have a name sort key that does not match their name`,
  },
  {
    code: 'birth_before_discharge',
    sql: `SELECT count(*) AS n FROM persons WHERE birth_date IS NOT NULL AND discharge_date IS NOT NULL AND birth_date >= discharge_date`,
    describe: (n) => `${n} person(s) are born on or after their discharge date`,
  },
  {
    code: 'home_province_known',
    sql: `SELECT count(*) AS n FROM persons WHERE home_province IS NOT NULL
            AND home_province NOT IN (SELECT code FROM regions WHERE level = 1)`,
    describe: (n) => `${n} person(s) have a home province the ledger does not know`,
  },
  {
    code: 'placement_county_level',
    sql: `SELECT count(*) AS n FROM placements p JOIN regions r ON r.id = p.dest_county_id WHERE r.level <> 2`,
    describe: (n) => `${n} placement(s) point at a province instead of a city/county`,
  },
  {
    code: 'placement_request_matches',
    sql: `SELECT count(*) AS n FROM placements p JOIN county_requests q ON q.id = p.request_id
           WHERE q.county_id <> p.dest_county_id OR q.cohort_id <> p.cohort_id`,
    describe: (n) => `${n} placement(s) are allocated to a request of another city/county or term`,
  },
  {
    code: 'county_request_county_level',
    sql: `SELECT count(*) AS n FROM county_requests q JOIN regions r ON r.id = q.county_id WHERE r.level <> 2`,
    describe: (n) => `${n} county request(s) point at a province instead of a city/county`,
  },
  {
    code: 'audit_operation_exists',
    sql: `SELECT count(*) AS n FROM audit_log a LEFT JOIN operations o ON o.id = a.operation_id WHERE o.id IS NULL`,
    describe: (n) => `${n} audit entr(y/ies) belong to no operation`,
  },
  {
    code: 'person_search_complete',
    requires: 'person_search',
    // Triggers keep one entry of search terms per person (migration 0006).
    sql: `SELECT abs((SELECT count(*) FROM persons) - (SELECT count(*) FROM person_search)) AS n`,
    describe: (n) => `the quick-search index and the persons differ by ${n} entr(y/ies)`,
  },
  {
    code: 'placement_tally_matches',
    requires: 'placement_tally',
    // Triggers keep the figures' tally equal to counting the placements (migration 0008).
    sql: `WITH direct AS (
            SELECT cohort_id, dest_county_id AS county_id, sector, status, request_id IS NOT NULL AS assigned,
                   CASE WHEN status = 'arrived' THEN coalesce(arrival_date, '') ELSE '' END AS arrival_day, count(*) AS n
              FROM placements GROUP BY 1, 2, 3, 4, 5, 6
          ), tally AS (SELECT cohort_id, county_id, sector, status, assigned, arrival_day, n FROM placement_tally WHERE n <> 0)
          SELECT (SELECT count(*) FROM (SELECT * FROM direct EXCEPT SELECT * FROM tally))
               + (SELECT count(*) FROM (SELECT * FROM tally EXCEPT SELECT * FROM direct)) AS n`,
    describe: (n) => `the figures' tally and the placements differ in ${n} group(s)`,
  },
  {
    code: 'row_version_triggers',
    // Each versioned table keeps its trigger (migration 0012): without it a colleague's change
    // would leave the version as it was, and a stale edit would be written over it unnoticed.
    sql: `SELECT CASE WHEN (SELECT count(*) FROM pragma_table_info('persons') WHERE name = 'version') = 0 THEN 0
                 ELSE 4 - (SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
                            AND name IN ('persons_version', 'county_requests_version', 'placements_version', 'cohorts_version')) END AS n`,
    describe: (n) => `${n} table(s) have lost the trigger that moves their rows' version on`,
  },
];

/** Registers SQL functions the invariants use. Deterministic, so safe in indexes too. */
export function registerLedgerFunctions(db: Database.Database): void {
  db.function('nk_sort_key', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? nkSortKey(name) : null));
}

/**
 * The whole-ledger check: SQLite's integrity_check, foreign_key_check, and the ledger's own
 * invariants. Reads only.
 */
export function checkLedger(db: Database.Database): CheckReport {
  const problems: CheckProblem[] = [];
  let integrity: { integrity_check: string }[];
  try {
    integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  } catch (error) {
    // So damaged that SQLite cannot even walk it.
    problems.push({ code: 'integrity_check', message: (error as Error).message });
    return { ok: false, problems };
  }
  if (!(integrity.length === 1 && integrity[0]?.integrity_check === 'ok')) {
    problems.push({
      code: 'integrity_check',
      message: integrity
        .slice(0, 10)
        .map((r) => r.integrity_check)
        .join('; '),
    });
    // A damaged file makes every further answer untrustworthy.
    return { ok: false, problems };
  }
  const foreign = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (foreign.length > 0) {
    const first = foreign.slice(0, 5).map((f) => `${f.table}#${f.rowid} → ${f.parent}`);
    problems.push({
      code: 'foreign_key_check',
      message: `${foreign.length} row(s) refer to missing rows: ${first.join(', ')}`,
    });
  }
  registerLedgerFunctions(db);
  if (migrationLevel(db) > 0) {
    const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    for (const invariant of INVARIANTS) {
      if (invariant.requires !== undefined && !tables.has(invariant.requires)) continue;
      const { n } = db.prepare(invariant.sql).get() as { n: number };
      if (n > 0) problems.push({ code: invariant.code, message: invariant.describe(n) });
    }
  }
  return { ok: problems.length === 0, problems };
}
