// "Possible duplicate person": the same name (compared as identity compares it, see
// domain/person-identity.ts) and the same date of birth under two service numbers. Not an error —
// twins of one name do not exist, but a clerk retyping a service number does — so the dry run
// warns, against the ledger and within the file, and `ledger check` lists such pairs already in
// the ledger.
//
// Within a file the rows seen so far wait in a TEMP table of the import's connection (not in
// memory: a file has up to a million rows), and the pairs are found once at the end.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { withWho, type ImportIssue } from '../../shared/api/import.contract';
import { columnLetter } from '../spreadsheet/cells';
import { nkSortKey } from '../domain/nk-collation';
import { identityNameKey, nameSpellings } from '../domain/person-identity';
import type { RowResult } from './rows';

/** Ledgers of up to so many persons have their birth dates looked at first (a set, read once). */
const BIRTHS_HELD = 200_000;

export class DuplicateWatch {
  private readonly table = `temp.import_people_${randomBytes(6).toString('hex')}`;
  private readonly insert: Database.Statement;
  private inLedger: Database.Statement | null;
  private closed = false;
  /** The ledger's birth dates, when it is small enough to hold them: a row born on none needs no lookup. */
  private births: Set<string> | null | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly issue: (issue: ImportIssue) => void,
    private readonly serviceNoColumn: number | undefined,
  ) {
    db.exec(
      `CREATE TABLE ${this.table} (seq INTEGER PRIMARY KEY, key TEXT NOT NULL, birth TEXT NOT NULL, sno TEXT NOT NULL, row INTEGER NOT NULL, sheet TEXT, name TEXT NOT NULL)`,
    );
    this.insert = db.prepare(`INSERT INTO ${this.table} (key, birth, sno, row, sheet, name) VALUES (?, ?, ?, ?, ?, ?)`);
    // One seek in persons_name_sort per spelling of a name; persons whose service number the
    // file brings itself are the file's to report.
    this.inLedger = null;
  }

  /**
   * The ledger lookup, prepared at its first use with the index of the file's service numbers it
   * needs — a ledger without persons (a first import) never pays for that index.
   */
  private ledgerLookup(): Database.Statement {
    if (this.inLedger !== null) return this.inLedger;
    const index = this.table.replace('temp.', '');
    this.db.exec(`CREATE INDEX temp.${index}_sno ON ${index} (sno)`);
    this.inLedger = this.db.prepare(
      `SELECT p.service_no, p.name FROM persons p
        WHERE p.name_sort_key = ? AND p.birth_date = ? AND p.service_no <> ?
          AND NOT EXISTS (SELECT 1 FROM ${this.table} f WHERE f.sno = p.service_no)`,
    );
    return this.inLedger;
  }

  private report(
    row: { row: number; sheet?: string | null },
    code: ImportIssue['code'],
    details: ImportIssue['details'] & { value: string; name: string },
  ): void {
    const issue: ImportIssue = {
      row: row.row,
      column: this.serviceNoColumn === undefined ? null : columnLetter(this.serviceNoColumn),
      field: 'serviceNo',
      severity: 'warning',
      code,
      details,
    };
    if (row.sheet !== undefined && row.sheet !== null) issue.sheet = row.sheet;
    this.issue(withWho(issue, { serviceNo: details.value, name: details.name }));
  }

  /** A batch of rows about to be applied: remembered for the file, and checked against the ledger unless it has no persons. */
  batch(rows: readonly RowResult[], againstLedger: boolean): void {
    const ok = rows.filter((r) => r.status === 'ok' && r.decision !== undefined && r.decision.birthDate !== null);
    for (const r of ok) {
      const d = r.decision!;
      this.insert.run(identityNameKey(d.name), d.birthDate, d.serviceNo, r.row, r.sheet ?? null, d.name);
    }
    if (!againstLedger) return;
    if (this.births === undefined) {
      const small =
        (this.db
          .prepare(`SELECT count(*) FROM (SELECT 1 FROM persons LIMIT ${BIRTHS_HELD + 1})`)
          .pluck()
          .get() as number) <= BIRTHS_HELD;
      this.births = small
        ? new Set(this.db.prepare('SELECT DISTINCT birth_date FROM persons WHERE birth_date IS NOT NULL').pluck().all() as string[])
        : null;
    }
    for (const r of ok) {
      const d = r.decision!;
      if (this.births !== null && !this.births.has(d.birthDate!)) continue;
      const seen = new Set<string>();
      for (const key of new Set([d.nameSortKey, ...nameSpellings(d.name).map((n) => nkSortKey(n))])) {
        for (const hit of this.ledgerLookup().all(key, d.birthDate, d.serviceNo) as { service_no: string; name: string }[]) {
          if (seen.has(hit.service_no)) continue;
          seen.add(hit.service_no);
          this.report(r, 'possible_duplicate', {
            value: d.serviceNo,
            name: d.name,
            birth: d.birthDate,
            other: hit.service_no,
            otherName: hit.name,
          });
        }
      }
    }
  }

  /** Pairs within the file: each later row named with the first row of the same person under another number. */
  finish(): void {
    const pairs = this.db
      .prepare(
        `WITH groups AS (SELECT key, birth FROM ${this.table} GROUP BY key, birth HAVING count(DISTINCT sno) > 1)
         SELECT b.row, b.sheet, b.sno, b.name, b.birth,
                (SELECT a.row FROM ${this.table} a WHERE a.key = b.key AND a.birth = b.birth AND a.sno <> b.sno AND a.seq < b.seq ORDER BY a.seq LIMIT 1) AS first,
                (SELECT a.sno FROM ${this.table} a WHERE a.key = b.key AND a.birth = b.birth AND a.sno <> b.sno AND a.seq < b.seq ORDER BY a.seq LIMIT 1) AS other
           FROM groups g JOIN ${this.table} b ON b.key = g.key AND b.birth = g.birth
          ORDER BY b.seq`,
      )
      .all() as {
      row: number;
      sheet: string | null;
      sno: string;
      name: string;
      birth: string;
      first: number | null;
      other: string | null;
    }[];
    for (const p of pairs) {
      if (p.first === null) continue;
      this.report(p, 'possible_duplicate_in_file', { value: p.sno, name: p.name, birth: p.birth, other: p.other, first: p.first });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
    } catch {
      // The connection is closing or gone: its TEMP tables go with it.
    }
  }
}

export interface DuplicatePair {
  a: { serviceNo: string; name: string; birthDate: string };
  b: { serviceNo: string; name: string; birthDate: string };
}

/**
 * Pairs of persons already in the ledger with the same name and date of birth under two service
 * numbers (for `ledger check`). One pass over the persons in order of birth date; at most `limit`
 * pairs are returned, `total` counts them all.
 */
export function findDuplicatePersons(db: Database.Database, limit = 1000): { total: number; pairs: DuplicatePair[] } {
  const pairs: DuplicatePair[] = [];
  let total = 0;
  let birth: string | null = null;
  let group = new Map<string, { serviceNo: string; name: string; birthDate: string }[]>();
  const flush = () => {
    for (const people of group.values()) {
      for (let i = 0; i < people.length; i++) {
        for (let j = i + 1; j < people.length; j++) {
          total++;
          if (pairs.length < limit) pairs.push({ a: people[i]!, b: people[j]! });
        }
      }
    }
    group = new Map();
  };
  const rows = db
    .prepare('SELECT service_no, name, birth_date FROM persons WHERE birth_date IS NOT NULL ORDER BY birth_date, service_no')
    .iterate() as IterableIterator<{
    service_no: string;
    name: string;
    birth_date: string;
  }>;
  for (const r of rows) {
    if (r.birth_date !== birth) {
      flush();
      birth = r.birth_date;
    }
    const key = identityNameKey(r.name);
    const list = group.get(key);
    const person = { serviceNo: r.service_no, name: r.name, birthDate: r.birth_date };
    if (list) list.push(person);
    else group.set(key, [person]);
  }
  flush();
  return { total, pairs };
}
