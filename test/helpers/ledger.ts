import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { openLedger, type Ledger, type OpenLedgerOptions } from '../../src/main/ledger/open';

/** A fresh temp folder; removed by the returned cleanup. */
export function tempDir(prefix = 'ledger-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real ledger file in a temp folder. */
export function tempLedger(options: OpenLedgerOptions = {}): { ledger: Ledger; dir: string; path: string; cleanup(): void } {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'ledger.sqlite');
  const ledger = openLedger(path, options);
  return {
    ledger,
    dir,
    path,
    cleanup: () => {
      ledger.close();
      cleanup();
    },
  };
}

const NOW = '2027-01-01T00:00:00.000Z';

export function insertCohort(db: Database.Database, year: number, term: 'spring' | 'summer' | 'fall'): number {
  return Number(db.prepare('INSERT INTO cohorts (year, term, created_at) VALUES (?, ?, ?)').run(year, term, NOW).lastInsertRowid);
}

export interface PersonFixture {
  serviceNo: string;
  name: string;
  sex?: 'M' | 'F';
  birthDate?: string;
  dischargeDate?: string;
  homeProvince?: string;
  homeCounty?: string;
  cohortId?: number;
}

export function insertPerson(db: Database.Database, p: PersonFixture): number {
  return Number(
    db
      .prepare(
        `INSERT INTO persons (service_no, name, name_sort_key, sex, birth_date, discharge_date,
                              home_province, home_county, cohort_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.serviceNo,
        p.name,
        nkSortKey(p.name),
        p.sex ?? null,
        p.birthDate ?? null,
        p.dischargeDate ?? null,
        p.homeProvince ?? null,
        p.homeCounty ?? null,
        p.cohortId ?? null,
        NOW,
        NOW,
      ).lastInsertRowid,
  );
}

export function regionId(db: Database.Database, code: string): number {
  const row = db.prepare<[string], { id: number }>('SELECT id FROM regions WHERE code = ?').get(code);
  if (!row) throw new Error(`no region ${code}`);
  return row.id;
}

export function insertPlacement(
  db: Database.Database,
  p: { personId: number; cohortId: number; countyCode: string; sector?: string; status?: string; requestId?: number },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO placements (person_id, cohort_id, dest_county_id, sector, status, request_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.personId, p.cohortId, regionId(db, p.countyCode), p.sector ?? 'other', p.status ?? 'decided', p.requestId ?? null, NOW, NOW)
      .lastInsertRowid,
  );
}

/** Captures what a CLI run writes. */
export function captureIo(env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: {
        write: (chunk: string) => {
          stdout += chunk;
          return true;
        },
        once: () => undefined,
      },
      stderr: {
        write: (chunk: string) => {
          stderr += chunk;
          return true;
        },
      },
      env: { LEDGER_LANG: 'en', ...env },
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

export function insertRequest(
  db: Database.Database,
  r: { countyCode: string; cohortId: number; workplace: string; sector?: string; headcount?: number; priority?: number },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO county_requests (county_id, workplace, sector, headcount, cohort_id, priority, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(regionId(db, r.countyCode), r.workplace, r.sector ?? 'local_factory', r.headcount ?? 10, r.cohortId, r.priority ?? 3, NOW, NOW)
      .lastInsertRowid,
  );
}
