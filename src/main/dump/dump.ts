import type Database from 'better-sqlite3';
import type { LedgerTable } from '../../shared/domain';
import { csvField, csvLine } from '../spreadsheet/csv';

// One query per table, with stable snake_case columns that other tools read. Dates are ISO
// yyyy-mm-dd as stored; timestamps ISO 8601 UTC; regions as codes and Korean names.
const DUMP_QUERIES: Record<LedgerTable, string> = {
  persons: `
    SELECT p.id, p.service_no, p.name, p.sex, p.birth_date, p.discharge_date, c.year, c.term,
           p.home_province, p.home_county, p.unit, p.rank, p.skill, p.education, p.notes
      FROM persons p LEFT JOIN cohorts c ON c.id = p.cohort_id
     ORDER BY p.id`,
  cohorts: `SELECT id, year, term, notes, created_at FROM cohorts ORDER BY id`,
  county_requests: `
    SELECT q.id, c.year, c.term, prov.code AS dest_province, r.name_ko AS dest_county, q.workplace,
           q.sector, q.headcount, q.skills_wanted, q.priority, q.housing_provided, q.status,
           q.dev_20x10, q.notes
      FROM county_requests q
      JOIN cohorts c ON c.id = q.cohort_id
      JOIN regions r ON r.id = q.county_id
      JOIN regions prov ON prov.id = r.parent_id
     ORDER BY q.id`,
  placements: `
    SELECT pl.id, p.service_no, p.name, c.year, c.term, prov.code AS dest_province,
           r.name_ko AS dest_county, pl.sector, pl.status, pl.request_id, d.decision_no,
           pl.decided_on, pl.notified_on, pl.arrival_date, pl.cancelled_on, pl.notes
      FROM placements pl
      JOIN persons p ON p.id = pl.person_id
      JOIN cohorts c ON c.id = pl.cohort_id
      JOIN regions r ON r.id = pl.dest_county_id
      JOIN regions prov ON prov.id = r.parent_id
      LEFT JOIN decision_files d ON d.id = pl.decision_file_id
     ORDER BY pl.id`,
  regions: `
    SELECT r.code, r.level, parent.code AS province, r.name_ko, r.name_en, r.type
      FROM regions r LEFT JOIN regions parent ON parent.id = r.parent_id
     ORDER BY r.id`,
  decision_files: `
    SELECT d.id, d.file_name, d.sha256, d.kind, d.decision_no, c.year, c.term, d.imported_at,
           d.rows_data, d.rows_valid, d.rows_invalid, d.rows_skipped, d.persons_new,
           d.persons_updated, d.placements_new, d.placements_moved, d.skipped_invalid
      FROM decision_files d LEFT JOIN cohorts c ON c.id = d.cohort_id
     ORDER BY d.id`,
  audit_log: `
    SELECT a.id, a.operation_id, o.kind AS operation_kind, a.entity, a.entity_id, a.field,
           a.old_value, a.new_value, a.at, a.clerk
      FROM audit_log a JOIN operations o ON o.id = a.operation_id
     ORDER BY a.id`,
};

export type DumpFormat = 'jsonl' | 'csv';

export interface DumpSink {
  /** Returns false when the consumer wants the producer to wait for `drain`. */
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

export function dumpColumns(db: Database.Database, table: LedgerTable): string[] {
  return db
    .prepare(DUMP_QUERIES[table])
    .columns()
    .map((c) => c.name);
}

/** Streams a table to `sink` row by row (constant memory), honouring back-pressure. */
export async function dumpTable(db: Database.Database, table: LedgerTable, format: DumpFormat, sink: DumpSink): Promise<number> {
  const statement = db.prepare(DUMP_QUERIES[table]);
  const columns = statement.columns().map((c) => c.name);
  const drain = () => new Promise<void>((resolve) => sink.once('drain', resolve));
  if (format === 'csv' && !sink.write(csvLine(columns.map(csvField)))) await drain();
  let count = 0;
  let buffer = '';
  // A read transaction keeps the dump one consistent snapshot while others write.
  db.exec('BEGIN');
  try {
    for (const row of statement.iterate() as IterableIterator<Record<string, unknown>>) {
      buffer += format === 'csv' ? csvLine(columns.map((c) => csvField(row[c]))) : JSON.stringify(row) + '\n';
      count++;
      if (buffer.length > 64 * 1024) {
        const ok = sink.write(buffer);
        buffer = '';
        if (!ok) await drain();
      }
    }
    if (buffer) sink.write(buffer);
  } finally {
    db.exec('COMMIT');
  }
  return count;
}
