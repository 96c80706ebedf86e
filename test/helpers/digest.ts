import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

const TIME_COLUMNS = ['created_at', 'updated_at', 'imported_at', 'started_at', 'at'];
const TABLES = [
  'settings',
  'cohorts',
  'persons',
  'county_requests',
  'decision_files',
  'placements',
  'operations',
  'audit_log',
  'import_header_mappings',
];

/** A ledger's content with the moments things happened left out (they differ run to run). */
export function contentDigest(path: string, options: { keepTimes?: boolean } = {}): string {
  const db = new Database(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const table of TABLES) {
      hash.update(`#${table}\n`);
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
        const copy: Record<string, unknown> = { ...row };
        if (!options.keepTimes) {
          for (const c of TIME_COLUMNS) delete copy[c];
          for (const c of ['old_value', 'new_value']) {
            if (typeof copy[c] === 'string')
              copy[c] = (copy[c] as string).replace(/"(created_at|updated_at|imported_at)":"[^"]*"/g, '"$1":""');
          }
        }
        hash.update(JSON.stringify(copy));
        hash.update('\n');
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
